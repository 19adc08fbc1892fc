/**
 * Metaproperties (asset bank v4) and their options: list and get with option counts, and the
 * option writes. Option errors carry a string `statuscode`.
 */
import { route, type Handler, type Route } from "../context";
import {
  Answer,
  created,
  json,
  noContent,
  v4Error,
  type EmulatorRequest,
  type EmulatorResponse,
} from "../http";
import { ASSET_TYPES, type AssetType } from "../fileTypes";
import type { Metaproperty, MetapropertyOption, Portal } from "../portal";
import { CF_ID, coldFusion, isoOffset } from "../util";

const READ = "meta.assetbank:read";
const WRITE = "meta.assetbank:write";

/**
 * The metaproperty option endpoints answer errors with a string `statuscode` ("400"), as in
 * Bynder's examples for them; the rest of v4 uses a number.
 */
const optionError = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  json(status, { message, ...extra, statuscode: String(status) });

const flag = (value: unknown, fallback: 0 | 1): 0 | 1 =>
  value === undefined || value === null
    ? fallback
    : value === true || value === 1 || value === "1" || value === "true"
      ? 1
      : 0;

const findMetaproperty = (portal: Portal, id: string) =>
  portal.metaproperties.find((mp) => mp.id === id.toUpperCase());

/** An option as it appears inside GET /api/v4/metaproperties (ColdFusion date style). */
const fullOption = (option: MetapropertyOption, mediaCount?: number) => ({
  id: option.id,
  name: option.name,
  label: option.label,
  displayLabel: option.label,
  labels: { ...option.labels },
  zindex: option.zindex,
  isSelectable: option.isSelectable,
  active: 1,
  date: coldFusion(option.date),
  linkedOptionIds: [...option.linkedOptionIds],
  image: option.image ?? "",
  description: option.description ?? "",
  descriptions: {},
  hideByDefault: option.hideByDefault ?? 0,
  product_suffix: "",
  pregeneratedZipFileSize: 0,
  ...(mediaCount === undefined ? {} : { mediaCount }),
});

/** An option as the options endpoints list it (`+00:00` date style, fewer fields). */
const listedOption = (option: MetapropertyOption) => ({
  id: option.id,
  name: option.name,
  label: option.label,
  displayLabel: option.label,
  labels: { ...option.labels },
  active: 1,
  date: isoOffset(option.date),
});

const byPosition = (a: MetapropertyOption, b: MetapropertyOption) =>
  a.zindex - b.zindex || a.label.localeCompare(b.label);

const metapropertyBody = (
  mp: Metaproperty,
  withOptions: boolean,
  counts?: Map<string, number>,
) => ({
  id: mp.id,
  name: mp.name,
  label: mp.label,
  type: mp.type,
  zindex: mp.zindex,
  isMultiselect: mp.isMultiselect,
  isMultifilter: 0,
  isRequired: mp.isRequired,
  isMainfilter: mp.isFilterable,
  isFilterable: mp.isFilterable,
  isApiField: 1,
  isDisplayField: 0,
  isDrilldown: 0,
  isEditable: mp.isEditable,
  showInListView: 1,
  showInGridView: 0,
  showInDuplicateView: 0,
  useDependencies: 0,
  ...(withOptions
    ? {
        options: [...mp.options]
          .sort(byPosition)
          .map((option) => fullOption(option, counts ? (counts.get(option.id) ?? 0) : undefined)),
      }
    : {}),
});

/** Assets per option id, limited to the given asset types (all when none are given). */
const optionCounts = (portal: Portal, types: string[]) => {
  const counts = new Map<string, number>();
  for (const media of portal.media.values()) {
    if (types.length && !types.includes(media.type)) continue;
    for (const id of media.propertyOptions) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
};

/** `type=image,video` (or repeated): undefined when valid, else Bynder-style 400. */
const badTypes = (types: string[]) => {
  const wrong = types.filter((type) => !ASSET_TYPES.includes(type as AssetType));
  return wrong.length
    ? v4Error(400, `Invalid type "${wrong.join(",")}": use ${ASSET_TYPES.join(", ")}`)
    : undefined;
};

/** The `data` form field of option writes, parsed (a thrown 400 when it is not a JSON object). */
const optionData = (req: EmulatorRequest): Record<string, unknown> => {
  const raw = req.form.get("data");
  if (raw === undefined || raw.trim() === "") throw new Answer(optionError(400, "No data sent"));
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    /* answered below */
  }
  throw new Answer(optionError(400, "Invalid JSON"));
};

/** Checks and applies the writable option fields; a 400 response when one is malformed. */
const applyOptionFields = (
  option: MetapropertyOption,
  data: Record<string, unknown>,
): EmulatorResponse | undefined => {
  const { label, labels, zindex, isSelectable, externalReference, description, image } = data;
  if (label !== undefined && typeof label !== "string") {
    return optionError(400, "label must be a string");
  }
  if (
    labels !== undefined &&
    (typeof labels !== "object" || labels === null || Array.isArray(labels))
  ) {
    return optionError(400, "labels must be an object of locale to label");
  }
  if (zindex !== undefined && !Number.isInteger(Number(zindex))) {
    return optionError(400, "zindex must be a whole number");
  }
  if (data.linkedOptionIds !== undefined && !Array.isArray(data.linkedOptionIds)) {
    return optionError(400, "linkedOptionIds must be a list of option ids");
  }
  if (typeof label === "string" && label.trim()) option.label = label;
  if (labels) {
    option.labels = { ...option.labels };
    for (const [locale, text] of Object.entries(labels)) option.labels[locale] = String(text);
  }
  if (zindex !== undefined) option.zindex = Number(zindex);
  if (isSelectable !== undefined) option.isSelectable = flag(isSelectable, 1);
  if (data.hideByDefault !== undefined) option.hideByDefault = flag(data.hideByDefault, 0);
  if (externalReference !== undefined) option.externalReference = String(externalReference ?? "");
  if (description !== undefined) option.description = String(description ?? "");
  if (image !== undefined) option.image = String(image ?? "");
  if (Array.isArray(data.linkedOptionIds))
    option.linkedOptionIds = data.linkedOptionIds.map(String);
  return undefined;
};

/** Positive whole-number query parameter within bounds (a thrown 400 when not). */
const pageParam = (req: EmulatorRequest, name: string, fallback: number, max?: number): number => {
  const value = req.query.int(name);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || (max !== undefined && value > max)) {
    throw new Answer(
      v4Error(
        400,
        `Invalid ${name}: must be a whole number from 1${max === undefined ? "" : ` to ${max}`}`,
      ),
    );
  }
  return value;
};

/** Metaproperty of an options route: 400 for a malformed id, 404 for an unknown one (thrown). */
const optionsParent = (portal: Portal, id: string): Metaproperty => {
  if (!CF_ID.test(id)) throw new Answer(optionError(400, "Invalid metaproperty ID"));
  const mp = findMetaproperty(portal, id);
  if (!mp) throw new Answer(optionError(404, "Metaproperty not found"));
  return mp;
};

/** Removes option ids from every asset that has them (the options no longer exist). */
const detachOptions = (portal: Portal, ids: string[]) => {
  for (const media of portal.media.values()) {
    if (media.propertyOptions.some((id) => ids.includes(id))) {
      media.propertyOptions = media.propertyOptions.filter((id) => !ids.includes(id));
      media.dateModified = portal.now();
    }
  }
};

const listMetaproperties: Handler = (req, { portal }) => {
  const types = req.query.list("type");
  const invalid = badTypes(types);
  if (invalid) return invalid;
  const withOptions = req.query.bool("options") ?? true;
  const counts = req.query.bool("count") ? optionCounts(portal, types) : undefined;
  const ids = req.query.list("ids").map((id) => id.toUpperCase());
  const selected = ids.length
    ? portal.metaproperties.filter((mp) => ids.includes(mp.id))
    : portal.metaproperties;
  const body: Record<string, unknown> = {};
  for (const mp of [...selected].sort((a, b) => a.zindex - b.zindex)) {
    body[mp.name] = metapropertyBody(mp, withOptions, counts);
  }
  return json(200, body);
};

const getOptionsById: Handler = (req, { portal }) => {
  const ids = req.query.list("ids");
  if (!ids.length) return optionError(400, "No data sent");
  if (ids.some((id) => !CF_ID.test(id))) {
    return optionError(400, "Invalid metaproperty option id sent");
  }
  const wanted = new Set(ids.map((id) => id.toUpperCase()));
  const found = portal.metaproperties
    .flatMap((mp) => mp.options)
    .filter((option) => wanted.has(option.id));
  return json(
    200,
    found.map((option) => listedOption(option)),
  );
};

const getMetaproperty: Handler = (req, { portal }) => {
  const mp = findMetaproperty(portal, req.params.id);
  if (!mp) return v4Error(404, "Metaproperty not found");
  const types = req.query.list("type");
  const invalid = badTypes(types);
  if (invalid) return invalid;
  const counts = req.query.bool("count") ? optionCounts(portal, types) : undefined;
  return json(200, metapropertyBody(mp, req.query.bool("options") ?? true, counts));
};

const listOptions: Handler = (req, { portal }) => {
  const mp = optionsParent(portal, req.params.id);
  const limit = pageParam(req, "limit", 50, 1000);
  const page = pageParam(req, "page", 1);
  const name = req.query.get("name")?.trim().toLowerCase();
  const reference = req.query.get("externalReference");
  const matching = [...mp.options]
    .sort(byPosition)
    .filter((option) => !name || option.name.toLowerCase().includes(name))
    .filter((option) => !reference || option.externalReference === reference);
  return json(
    200,
    matching.slice((page - 1) * limit, page * limit).map((o) => listedOption(o)),
  );
};

const createOption: Handler = (req, { portal }) => {
  const mp = optionsParent(portal, req.params.id);
  const data = optionData(req);
  const name = typeof data.name === "string" ? data.name.trim() : "";
  if (!name) return optionError(400, "Meta property option name is required");
  const existing = mp.options.find((o) => o.name.toLowerCase() === name.toLowerCase());
  if (existing) {
    return optionError(400, "Meta property option with this name already exists", {
      existingUUID: existing.id,
    });
  }
  const option: MetapropertyOption = {
    id: portal.cfId(),
    name,
    label: name,
    zindex: Math.max(0, ...mp.options.map((o) => o.zindex)) + 1,
    isSelectable: 1,
    date: portal.now(),
    externalReference: "",
    linkedOptionIds: [],
  };
  const invalid = applyOptionFields(option, data);
  if (invalid) return invalid;
  mp.options.push(option);
  return created({ id: option.id });
};

const modifyOption: Handler = (req, { portal }) => {
  const mp = optionsParent(portal, req.params.id);
  const option = mp.options.find((o) => o.id === req.params.optionId.toUpperCase());
  if (!option) return optionError(404, "Meta property option not found");
  const data = optionData(req);
  // The JS SDK repeats the option id inside `data`; it must name the same option.
  if (data.optionId !== undefined && String(data.optionId).toUpperCase() !== option.id) {
    return optionError(400, "optionId in data does not match the option in the URL");
  }
  if (data.name !== undefined && String(data.name) !== option.name) {
    return optionError(400, "Editing meta property option name not allowed");
  }
  const draft = { ...option, labels: { ...option.labels } };
  const invalid = applyOptionFields(draft, data);
  if (invalid) return invalid;
  Object.assign(option, draft);
  return created();
};

const deleteOption: Handler = (req, { portal }) => {
  const mp = optionsParent(portal, req.params.id);
  const index = mp.options.findIndex((o) => o.id === req.params.optionId.toUpperCase());
  if (index < 0) return optionError(404, "Meta property option not found");
  const [removed] = mp.options.splice(index, 1);
  detachOptions(portal, [removed.id]);
  return noContent();
};

const MP = "/api/v4/metaproperties";

export const metapropertyRoutes: Route[] = [
  route("GET", MP, READ, listMetaproperties),
  route("GET", `${MP}/options`, READ, getOptionsById),
  route("GET", `${MP}/:id`, READ, getMetaproperty),
  route("GET", `${MP}/:id/options`, READ, listOptions),
  route("POST", `${MP}/:id/options`, WRITE, createOption),
  route("POST", `${MP}/:id/options/:optionId`, WRITE, modifyOption),
  route("DELETE", `${MP}/:id/options/:optionId`, WRITE, deleteOption),
];
