/**
 * Asset bank v4 metaproperty management: create, modify and delete metaproperties
 * (`/api/v4/metaproperties[/{id}]`, form field `data` holding JSON). Reading them and their options
 * is in metaproperties.ts.
 */
import { created, noContent, v4Error, type EmulatorRequest, type EmulatorResponse } from "../http";
import type { Metaproperty, Portal } from "../portal";
import { route, type Handler, type Route } from "../context";
import { forgetMetaproperty, OPTION_TYPES } from "../metapropertyValues";
import { CF_ID } from "../util";

/** The types Bynder's asset bank offers; the first three hold options, the rest a value. */
export const METAPROPERTY_TYPES = [
  "select",
  "select2",
  "autocomplete",
  "text",
  "longtext",
  "date",
] as const;

const FLAGS = ["isMultiselect", "isRequired", "isFilterable", "isEditable"] as const;

/** Bynder's JSON flags arrive as true/false, 1/0 or their strings. */
const flagOf = (value: unknown): 0 | 1 | undefined => {
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 1 || value === "1" || value === "true") return 1;
  if (value === false || value === 0 || value === "0" || value === "false") return 0;
  return undefined;
};

/** `data=<JSON object>` from the form, or the 400 Bynder answers. */
const dataOf = (req: EmulatorRequest): Record<string, unknown> | EmulatorResponse => {
  if (req.rawBody.length > 0 && !req.contentType.startsWith("application/x-www-form-urlencoded")) {
    return v4Error(415, "Send the fields as application/x-www-form-urlencoded");
  }
  const raw = req.form.get("data");
  if (raw === undefined || raw.trim() === "") return v4Error(400, "No data sent");
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    /* answered below */
  }
  return v4Error(400, "Invalid JSON in data");
};

const isResponse = (value: unknown): value is EmulatorResponse =>
  typeof value === "object" &&
  value !== null &&
  "status" in value &&
  typeof value.status === "number";

/**
 * Checks every writable field of `data` against `mp` (a draft), applying them; a 400 for the first
 * malformed one. Fields Bynder has that the emulator does not model (isDrilldown, labels, …) are
 * accepted and ignored.
 */
const applyFields = (
  portal: Portal,
  mp: Metaproperty,
  data: Record<string, unknown>,
): EmulatorResponse | undefined => {
  const { name, label, type, zindex } = data;
  if (name !== undefined) {
    if (typeof name !== "string" || !name.trim()) {
      return v4Error(400, "Metaproperty name must be a non-empty string");
    }
    const taken = portal.metaproperties.find(
      (other) => other.id !== mp.id && other.name.toLowerCase() === name.trim().toLowerCase(),
    );
    if (taken) return v4Error(400, `A metaproperty named ${taken.name} already exists`);
    mp.name = name.trim();
  }
  if (label !== undefined) {
    if (typeof label !== "string") return v4Error(400, "label must be a string");
    if (label.trim()) mp.label = label.trim();
  }
  if (type !== undefined) {
    if (typeof type !== "string" || !(METAPROPERTY_TYPES as readonly string[]).includes(type)) {
      return v4Error(400, "Invalid metaproperty type");
    }
    // A metaproperty holding options cannot become a value type: its options would be orphaned.
    if (!OPTION_TYPES.includes(type) && mp.options.length) {
      return v4Error(400, `Metaproperty ${mp.name} has options; its type cannot become ${type}`);
    }
    mp.type = type as Metaproperty["type"];
  }
  if (zindex !== undefined) {
    if (!Number.isInteger(Number(zindex))) return v4Error(400, "zindex must be a whole number");
    mp.zindex = Number(zindex);
  }
  for (const key of FLAGS) {
    if (data[key] === undefined) continue;
    const value = flagOf(data[key]);
    if (value === undefined) return v4Error(400, `${key} must be true or false`);
    mp[key] = value;
  }
  if (mp.isMultiselect && !OPTION_TYPES.includes(mp.type)) {
    return v4Error(400, `Only select, select2 and autocomplete metaproperties can be multiselect`);
  }
  return undefined;
};

const findMetaproperty = (portal: Portal, id: string) =>
  portal.metaproperties.find((mp) => mp.id === id.toUpperCase());

const createMetaproperty: Handler = (req, { portal }) => {
  const data = dataOf(req);
  if (isResponse(data)) return data;
  if (typeof data.name !== "string" || !data.name.trim()) {
    return v4Error(400, "Metaproperty name is required");
  }
  if (data.type === undefined) return v4Error(400, "Invalid metaproperty type");
  const mp: Metaproperty = {
    id: portal.cfId(),
    name: "",
    label: "",
    type: "text",
    zindex: Math.max(0, ...portal.metaproperties.map((m) => m.zindex)) + 1,
    isMultiselect: 0,
    isRequired: 0,
    isFilterable: 1,
    isEditable: 1,
    options: [],
  };
  const invalid = applyFields(portal, mp, data);
  if (invalid) return invalid;
  mp.label ||= mp.name;
  portal.metaproperties.push(mp);
  return created({ id: mp.id });
};

const modifyMetaproperty: Handler = (req, { portal }) => {
  if (!CF_ID.test(req.params.id)) return v4Error(400, "Invalid metaproperty ID");
  const mp = findMetaproperty(portal, req.params.id);
  if (!mp) return v4Error(404, "Metaproperty not found");
  const data = dataOf(req);
  if (isResponse(data)) return data;
  // Bynder's reference also lists an `id` form field; when sent it must name the same one.
  const formId = req.form.get("id");
  if (formId !== undefined && formId.trim().toUpperCase() !== mp.id) {
    return v4Error(400, "id in the form does not match the metaproperty in the URL");
  }
  const draft: Metaproperty = { ...mp };
  const invalid = applyFields(portal, draft, data);
  if (invalid) return invalid;
  Object.assign(mp, draft);
  return created();
};

const deleteMetaproperty: Handler = (req, { portal }) => {
  if (!CF_ID.test(req.params.id)) return v4Error(400, "Invalid metaproperty ID");
  const mp = findMetaproperty(portal, req.params.id);
  if (!mp) return v4Error(404, "Metaproperty not found");
  portal.metaproperties = portal.metaproperties.filter((other) => other !== mp);
  forgetMetaproperty(portal, mp);
  return noContent();
};

export const metapropertyAdminRoutes: Route[] = [
  route("POST", "/api/v4/metaproperties", "meta.assetbank:write", createMetaproperty),
  route("POST", "/api/v4/metaproperties/:id", "meta.assetbank:write", modifyMetaproperty),
  route("DELETE", "/api/v4/metaproperties/:id", "meta.assetbank:write", deleteMetaproperty),
];
