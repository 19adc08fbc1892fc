/**
 * Asset bank v4 metadata: account, brands, derivatives, metaproperties and their options, the
 * metaproperty options set on an asset (`/api/media/options`) and asset usage (`/api/media/usage`).
 */
import {
  created,
  json,
  noContent,
  v4Error,
  type EmulatorRequest,
  type EmulatorResponse,
} from "../http";
import type {
  AssetType,
  AssetUsage,
  Media,
  Metaproperty,
  MetapropertyOption,
  Portal,
} from "../portal";
import { route, type Route } from "../router";
import type { BynderEmulator } from "../server";
import { CF_ID, coldFusion, isoOffset, parseFilterDate } from "../util";

const ASSET_TYPES: readonly AssetType[] = ["image", "document", "audio", "video", "3d"];

/**
 * The metaproperty option endpoints answer errors with a string `statuscode` ("400"), as in
 * Bynder's examples for them; the rest of v4 uses a number.
 */
const optionError = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  json(status, { message, ...extra, statuscode: String(status) });

/** Usage endpoints (not v4) answer 400 with one message per offending field. */
const fieldError = (fields: Record<string, string>) => json(400, fields);

const unsupportedType = (req: EmulatorRequest) =>
  v4Error(415, `Unsupported Content-Type "${req.contentType || "none"}": send application/json`);

const flag = (value: unknown, fallback: 0 | 1): 0 | 1 =>
  value === undefined || value === null
    ? fallback
    : value === true || value === 1 || value === "1" || value === "true"
      ? 1
      : 0;

/** Dashes and case do not matter when an id is looked up (CF or RFC spelling of the same hex). */
const hexOf = (id: string) => id.replace(/-/g, "").toUpperCase();

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

/** A check that failed, carrying the response to send (so results and errors never mix). */
class Rejected {
  constructor(readonly response: EmulatorResponse) {}
}
const reject = (response: EmulatorResponse) => new Rejected(response);

/** The `data` form field of option writes, parsed. */
const optionData = (req: EmulatorRequest): Record<string, unknown> | Rejected => {
  const raw = req.form.get("data");
  if (raw === undefined || raw.trim() === "") return reject(optionError(400, "No data sent"));
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    /* answered below */
  }
  return reject(optionError(400, "Invalid JSON"));
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

/** Positive whole-number query parameter within bounds. */
const pageParam = (
  req: EmulatorRequest,
  name: string,
  fallback: number,
  max?: number,
): number | Rejected => {
  const value = req.query.int(name);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || (max !== undefined && value > max)) {
    return reject(
      v4Error(
        400,
        `Invalid ${name}: must be a whole number from 1${max === undefined ? "" : ` to ${max}`}`,
      ),
    );
  }
  return value;
};

const findAsset = (portal: Portal, id: unknown): Media | undefined => {
  if (typeof id !== "string" || !id.trim()) return undefined;
  const direct = portal.media.get(id.toUpperCase());
  if (direct) return direct;
  const hex = hexOf(id);
  if (hex.length !== 32) return undefined;
  for (const media of portal.media.values()) if (hexOf(media.id) === hex) return media;
  return undefined;
};

const usageBody = (portal: Portal, usage: AssetUsage) => ({
  id: usage.id,
  asset_id: usage.assetId,
  integration: {
    id: usage.integrationId,
    description: portal.integrations.find((i) => i.id === usage.integrationId)?.description ?? "",
  },
  timestamp: isoOffset(usage.timestamp),
  uri: usage.uri,
  additional: usage.additional,
});

/** Query (GET/DELETE) or form (POST) value; the JS SDK's bare keys (`&uri`) count as absent. */
const field = (req: EmulatorRequest, name: string): string | undefined => {
  const value = req.form.get(name) ?? req.query.get(name);
  return value === undefined || value.trim() === "" ? undefined : value.trim();
};

const findIntegration = (portal: Portal, id: string | undefined) =>
  id === undefined ? undefined : portal.integrations.find((i) => i.id === id.toLowerCase());

/** The (asset, integration) pair every usage call needs; 400 per field when missing or unknown. */
const usageKeys = (portal: Portal, assetId: unknown, integrationId: unknown) => {
  const errors: Record<string, string> = {};
  const integration =
    typeof integrationId === "string" && integrationId.trim()
      ? findIntegration(portal, integrationId.trim())
      : undefined;
  if (typeof integrationId !== "string" || !integrationId.trim()) {
    errors.integration_id = "This field is required.";
  } else if (!integration) {
    errors.integration_id = `Integration "${integrationId}" does not exist.`;
  }
  const asset = findAsset(portal, assetId);
  if (typeof assetId !== "string" || !assetId.trim()) {
    errors.asset_id = "This field is required.";
  } else if (!asset) {
    errors.asset_id = `Asset "${assetId}" does not exist.`;
  }
  return { errors, asset, integration };
};

export const metadataRoutes = (emulator: BynderEmulator): Route[] => {
  const portal = emulator.portal;

  /** Metaproperty of an options route: 400 for a malformed id, 404 for an unknown one. */
  const optionsParent = (id: string): Metaproperty | Rejected => {
    if (!CF_ID.test(id)) return reject(optionError(400, "Invalid metaproperty ID"));
    return findMetaproperty(portal, id) ?? reject(optionError(404, "Metaproperty not found"));
  };

  /** Removes option ids from every asset that has them (the options no longer exist). */
  const detachOptions = (ids: string[]) => {
    for (const media of portal.media.values()) {
      if (media.propertyOptions.some((id) => ids.includes(id))) {
        media.propertyOptions = media.propertyOptions.filter((id) => !ids.includes(id));
        media.dateModified = portal.now();
      }
    }
  };

  /** Body of POST/DELETE /api/media/options, checked: the asset, metaproperty and options. */
  const assetOptionsRequest = (req: EmulatorRequest) => {
    if (!req.contentType.startsWith("application/json")) return reject(unsupportedType(req));
    const body = req.json as Record<string, unknown> | undefined;
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      return reject(v4Error(400, "Request body must be a JSON object"));
    }
    const rawIds = body.metaproperty_option_ids;
    const optionIds = (
      Array.isArray(rawIds) ? rawIds : typeof rawIds === "string" ? rawIds.split(",") : []
    )
      .map((id) => String(id).trim())
      .filter(Boolean);
    const missing = [
      typeof body.asset_id === "string" && body.asset_id.trim() ? undefined : "asset_id",
      typeof body.metaproperty_id === "string" && body.metaproperty_id.trim()
        ? undefined
        : "metaproperty_id",
      optionIds.length ? undefined : "metaproperty_option_ids",
    ].filter(Boolean);
    if (missing.length) {
      return reject(v4Error(400, `Missing required field(s): ${missing.join(", ")}`));
    }
    const media = portal.media.get(String(body.asset_id).trim().toUpperCase());
    if (!media) return reject(v4Error(404, `Asset ${String(body.asset_id)} not found`));
    const mp = findMetaproperty(portal, String(body.metaproperty_id).trim());
    if (!mp) return reject(v4Error(404, `Metaproperty ${String(body.metaproperty_id)} not found`));
    const options: MetapropertyOption[] = [];
    for (const id of optionIds) {
      const option = mp.options.find((o) => o.id === id.toUpperCase());
      if (!option) {
        return reject(
          v4Error(404, `Metaproperty option ${id} not found in metaproperty ${mp.name}`),
        );
      }
      if (!options.includes(option)) options.push(option);
    }
    return { media, mp, options };
  };

  return [
    route("GET", "/api/v4/account", "", () => json(200, portal.account)),
    route("GET", "/api/v4/account/derivatives", "", () => json(200, portal.derivatives)),
    route("GET", "/api/v4/brands", "", () => json(200, portal.brands)),

    route("GET", "/api/v4/metaproperties", "meta.assetbank:read", (req) => {
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
    }),

    // Registered before /:id so that "options" is not taken for a metaproperty id.
    route("GET", "/api/v4/metaproperties/options", "meta.assetbank:read", (req) => {
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
    }),

    route("GET", "/api/v4/metaproperties/:id", "meta.assetbank:read", (req) => {
      const mp = findMetaproperty(portal, req.params.id);
      if (!mp) return v4Error(404, "Metaproperty not found");
      const types = req.query.list("type");
      const invalid = badTypes(types);
      if (invalid) return invalid;
      const counts = req.query.bool("count") ? optionCounts(portal, types) : undefined;
      return json(200, metapropertyBody(mp, req.query.bool("options") ?? true, counts));
    }),

    route("GET", "/api/v4/metaproperties/:id/options", "meta.assetbank:read", (req) => {
      const mp = optionsParent(req.params.id);
      if (mp instanceof Rejected) return mp.response;
      const limit = pageParam(req, "limit", 50, 1000);
      if (limit instanceof Rejected) return limit.response;
      const page = pageParam(req, "page", 1);
      if (page instanceof Rejected) return page.response;
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
    }),

    route("POST", "/api/v4/metaproperties/:id/options", "meta.assetbank:write", (req) => {
      const mp = optionsParent(req.params.id);
      if (mp instanceof Rejected) return mp.response;
      const data = optionData(req);
      if (data instanceof Rejected) return data.response;
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
    }),

    route("POST", "/api/v4/metaproperties/:id/options/:optionId", "meta.assetbank:write", (req) => {
      const mp = optionsParent(req.params.id);
      if (mp instanceof Rejected) return mp.response;
      const option = mp.options.find((o) => o.id === req.params.optionId.toUpperCase());
      if (!option) return optionError(404, "Meta property option not found");
      const data = optionData(req);
      if (data instanceof Rejected) return data.response;
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
    }),

    route(
      "DELETE",
      "/api/v4/metaproperties/:id/options/:optionId",
      "meta.assetbank:write",
      (req) => {
        const mp = optionsParent(req.params.id);
        if (mp instanceof Rejected) return mp.response;
        const index = mp.options.findIndex((o) => o.id === req.params.optionId.toUpperCase());
        if (index < 0) return optionError(404, "Meta property option not found");
        const [removed] = mp.options.splice(index, 1);
        detachOptions([removed.id]);
        return noContent();
      },
    ),

    route("POST", "/api/media/options", "asset:write", (req) => {
      const checked = assetOptionsRequest(req);
      if (checked instanceof Rejected) return checked.response;
      const { media, mp, options } = checked;
      const ids = options.map((o) => o.id);
      if (!mp.isMultiselect && ids.length > 1) {
        return v4Error(400, `Metaproperty ${mp.name} takes one option; got ${ids.length}`);
      }
      // A single-select metaproperty keeps one option: the new one replaces the old.
      const own = new Set(mp.options.map((o) => o.id));
      const kept = mp.isMultiselect
        ? media.propertyOptions
        : media.propertyOptions.filter((id) => !own.has(id));
      media.propertyOptions = [...kept, ...ids.filter((id) => !kept.includes(id))];
      media.dateModified = portal.now();
      return created();
    }),

    route("DELETE", "/api/media/options", "asset:write", (req) => {
      const checked = assetOptionsRequest(req);
      if (checked instanceof Rejected) return checked.response;
      const { media, options } = checked;
      const ids = new Set(options.map((o) => o.id));
      media.propertyOptions = media.propertyOptions.filter((id) => !ids.has(id));
      media.dateModified = portal.now();
      return noContent();
    }),

    route("GET", "/api/media/usage", "asset.usage:read", (req) => {
      const assetId = field(req, "asset_id");
      if (!assetId) return fieldError({ asset_id: "This field is required." });
      const asset = findAsset(portal, assetId);
      if (!asset) return fieldError({ asset_id: `Asset "${assetId}" does not exist.` });
      const integrationId = field(req, "integration_id")?.toLowerCase();
      const uri = field(req, "uri");
      return json(
        200,
        portal.usages
          .filter((u) => u.assetId === asset.id)
          .filter((u) => !integrationId || u.integrationId === integrationId)
          .filter((u) => uri === undefined || u.uri === uri)
          .map((u) => usageBody(portal, u)),
      );
    }),

    route("POST", "/api/media/usage", "asset.usage:write", (req) => {
      const { errors, asset, integration } = usageKeys(
        portal,
        field(req, "asset_id") ?? "",
        field(req, "integration_id") ?? "",
      );
      const rawTimestamp = field(req, "timestamp");
      const timestamp = rawTimestamp === undefined ? portal.now() : parseFilterDate(rawTimestamp);
      if (timestamp === undefined) {
        errors.timestamp = "Datetime has wrong format. Use ISO 8601: yyyy-mm-ddThh:mm:ssZ.";
      }
      if (Object.keys(errors).length || !asset || !integration || timestamp === undefined) {
        return fieldError(errors);
      }
      const uri = field(req, "uri") ?? "";
      const additional = field(req, "additional") ?? "";
      // One usage per asset, integration and location: reporting it again updates it.
      let usage = portal.usages.find(
        (u) => u.assetId === asset.id && u.integrationId === integration.id && u.uri === uri,
      );
      if (usage) {
        usage.additional = additional;
        usage.timestamp = timestamp;
      } else {
        usage = {
          id: portal.uuid(),
          assetId: asset.id,
          integrationId: integration.id,
          uri,
          additional,
          timestamp,
        };
        portal.usages.push(usage);
      }
      return json(200, usageBody(portal, usage));
    }),

    route("DELETE", "/api/media/usage", "asset.usage:write", (req) => {
      const { errors, asset, integration } = usageKeys(
        portal,
        field(req, "asset_id") ?? "",
        field(req, "integration_id") ?? "",
      );
      if (Object.keys(errors).length || !asset || !integration) return fieldError(errors);
      const uri = field(req, "uri");
      portal.usages = portal.usages.filter(
        (u) =>
          !(
            u.assetId === asset.id &&
            u.integrationId === integration.id &&
            (uri === undefined || u.uri === uri)
          ),
      );
      return noContent();
    }),

    route("POST", "/api/media/usage/sync", "asset.usage:write", (req) => {
      if (!req.contentType.startsWith("application/json")) return unsupportedType(req);
      const body = req.json as Record<string, unknown> | undefined;
      if (!body || typeof body !== "object" || Array.isArray(body)) {
        return fieldError({ integration_id: "This field is required." });
      }
      const integration =
        typeof body.integration_id === "string"
          ? findIntegration(portal, body.integration_id.trim())
          : undefined;
      if (!integration) {
        return fieldError({
          integration_id:
            typeof body.integration_id === "string" && body.integration_id.trim()
              ? `Integration "${body.integration_id}" does not exist.`
              : "This field is required.",
        });
      }
      if (body.uris !== undefined && !Array.isArray(body.uris)) {
        return fieldError({ uris: "Expected a list of URIs." });
      }
      if (body.usages !== undefined && !Array.isArray(body.usages)) {
        return fieldError({ usages: "Expected a list of usages." });
      }
      const uris = ((body.uris as unknown[] | undefined) ?? []).map(String);
      const result = {
        accepted: [] as { asset_id: string; uri: string; additional: string }[],
        new: [] as ReturnType<typeof usageBody>[],
        rejected: [] as { asset_id: string; uri: string; reason: string }[],
        removed: [] as { asset_id: string; uri: string }[],
      };
      const keep = new Set<string>();
      for (const entry of (body.usages as Record<string, unknown>[] | undefined) ?? []) {
        const assetId = typeof entry?.asset_id === "string" ? entry.asset_id : "";
        const uri = typeof entry?.uri === "string" ? entry.uri : "";
        const additional = typeof entry?.additional === "string" ? entry.additional : "";
        const asset = findAsset(portal, assetId);
        if (!asset || !uri) {
          result.rejected.push({
            asset_id: assetId,
            uri,
            reason: asset ? "uri is required" : `Asset "${assetId}" does not exist`,
          });
          continue;
        }
        keep.add(`${asset.id} ${uri}`);
        result.accepted.push({ asset_id: asset.id, uri, additional });
        const existing = portal.usages.find(
          (u) => u.assetId === asset.id && u.integrationId === integration.id && u.uri === uri,
        );
        if (existing) {
          if (existing.additional !== additional) {
            existing.additional = additional;
            existing.timestamp = portal.now();
          }
          continue;
        }
        const usage: AssetUsage = {
          id: portal.uuid(),
          assetId: asset.id,
          integrationId: integration.id,
          uri,
          additional,
          timestamp: portal.now(),
        };
        portal.usages.push(usage);
        result.new.push(usageBody(portal, usage));
      }
      // A listed URI that no usage names any more loses its usages.
      portal.usages = portal.usages.filter((u) => {
        const drop =
          u.integrationId === integration.id &&
          uris.includes(u.uri) &&
          !keep.has(`${u.assetId} ${u.uri}`);
        if (drop) result.removed.push({ asset_id: u.assetId, uri: u.uri });
        return !drop;
      });
      return json(200, result);
    }),
  ];
};
