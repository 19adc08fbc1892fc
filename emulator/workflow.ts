/**
 * What every workflow route (`/api/workflow`, JSON bodies) shares: its `{status, message}` error
 * body, its ids (RFC 4122, 8-4-4-4-12, lower case; Bynder hands some out without dashes, so every
 * id taken is accepted in both forms), the readers of JSON body fields, and its date styles
 * (`2017-01-10T07:43:12+00:00`, except a campaign's deadline: `2017-03-03T00:00:00`).
 */
import { Answer, json, type EmulatorRequest } from "./http";
import type { Campaign, Job, JobPreset, Portal, WorkflowUser } from "./portal";
import { isoOffset, parseFilterDate, sha256, uuid, UUID } from "./util";

/** A failure answered with workflow's `{status, message}` error body (thrown). */
export const failure = (status: number, title: string, message: string) =>
  new Answer(json(status, { status: title, message }));
export const bad = (message: string) => failure(400, "Bad Request", message);
const notFound = (what: string) => failure(404, "Not Found", `${what} not found`);

const HEX32 = /^[0-9a-f]{32}$/i;

/** `0f…` (32 hex) or `0f……-…` (8-4-4-4-12), any case → the stored 8-4-4-4-12 lower-case form. */
export const normaliseId = (raw: unknown): string | undefined => {
  if (typeof raw !== "string") return undefined;
  const id = raw.trim().toLowerCase();
  if (HEX32.test(id)) {
    return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  }
  return UUID.test(id) ? id : undefined;
};
export const dashless = (id: string) => id.replace(/-/g, "");

export const findCampaign = (portal: Portal, raw: string): Campaign => {
  const campaign = portal.campaigns.get(normaliseId(raw) ?? "");
  if (!campaign) throw notFound("Campaign");
  return campaign;
};
export const findJob = (portal: Portal, raw: string): Job => {
  const job = portal.jobs.get(normaliseId(raw) ?? "");
  if (!job) throw notFound("Job");
  return job;
};
export const findPreset = (portal: Portal, raw: string): JobPreset => {
  const id = normaliseId(raw);
  const preset = portal.presets.find((p) => p.ID === id);
  if (!preset) throw notFound("Preset");
  return preset;
};
export const findWorkflowUser = (portal: Portal, raw: string): WorkflowUser => {
  const id = normaliseId(raw);
  const user = portal.workflowUsers.find((u) => u.ID === id);
  if (!user) throw notFound("User");
  return user;
};

/** The workflow user behind the token (the OAuth app's assigned user). */
export const actingUser = (req: EmulatorRequest, portal: Portal): string =>
  (portal.workflowUsers.find((u) => u.userId === req.auth?.userId) ?? portal.workflowUsers[0])
    ?.ID ?? "";

// ---------------------------------------------------------------- request bodies

export type Body = Record<string, unknown>;

/** The JSON object a write sends. Workflow takes JSON only: other content types get 415. */
export const jsonBody = (req: EmulatorRequest): Body => {
  if (req.rawBody.length === 0) throw bad("A JSON request body is required.");
  if (!req.contentType.startsWith("application/json")) {
    throw failure(
      415,
      "Unsupported Media Type",
      `Content-Type "${req.contentType || "(none)"}" is not supported; send application/json.`,
    );
  }
  if (typeof req.json !== "object" || req.json === null || Array.isArray(req.json)) {
    throw bad("The request body must be a JSON object.");
  }
  return req.json as Body;
};

export const present = (body: Body, field: string) => body[field] !== undefined;

export const requiredText = (body: Body, field: string): string => {
  const value = body[field];
  if (value === undefined || value === null || value === "") throw bad(`${field} is required.`);
  if (typeof value !== "string") throw bad(`${field} must be a string.`);
  if (!value.trim()) throw bad(`${field} is required.`);
  return value;
};

export const optionalText = (body: Body, field: string): string | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw bad(`${field} must be a string.`);
  return value;
};

/** ISO 8601 date or date-time (a missing zone means UTC); null clears the date. */
export const dateField = (body: Body, field: string): number | null | undefined => {
  const value = body[field];
  if (value === undefined) return undefined;
  if (value === null || value === "") return null;
  const ms = typeof value === "string" ? parseFilterDate(value) : undefined;
  if (ms === undefined) {
    throw bad(
      `${field} must be an ISO 8601 date such as 2024-12-31T00:00:00; got ${JSON.stringify(value)}.`,
    );
  }
  return ms;
};

export const booleanField = (body: Body, field: string): boolean | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string" && /^(true|false|1|0)$/i.test(value)) {
    return /^(true|1)$/i.test(value);
  }
  throw bad(`${field} must be true or false.`);
};

/** `{metapropertyId: value}` maps; values are strings (option ids are comma-separated). */
export const metapropertiesField = (
  body: Body,
  field: string,
): Record<string, string> | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw bad(`${field} must be an object of metaproperty ids to values.`);
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value as Body)) {
    if (Array.isArray(item)) out[key] = item.map(String).join(",");
    else if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
      out[key] = String(item);
    } else throw bad(`${field}.${key} must be a string.`);
  }
  return out;
};

/** A reference to another record in the body: it must be a well-formed id of one that exists. */
export const reference = <T>(
  body: Body,
  field: string,
  lookup: (id: string) => T | undefined,
  what: string,
): T | undefined => {
  const value = body[field];
  if (value === undefined || value === null || value === "") return undefined;
  const id = normaliseId(value);
  const found = id === undefined ? undefined : lookup(id);
  if (found === undefined) throw bad(`${field} ${JSON.stringify(value)} is not the ID of ${what}.`);
  return found;
};
export const required = <T>(value: T | undefined, field: string): T => {
  if (value === undefined) throw bad(`${field} is required.`);
  return value;
};

export const workflowUserRef = (portal: Portal, body: Body, field: string) =>
  reference(body, field, (id) => portal.workflowUsers.find((u) => u.ID === id), "a workflow user")
    ?.ID;

export const offsetOrNull = (ms: number | null | undefined) => (ms == null ? null : isoOffset(ms));

/** A stable id derived from other data, so it does not consume the portal's PRNG. */
export const derivedId = (...parts: string[]) => uuid(sha256(parts.join("\u0000")).slice(0, 32));
