/**
 * Request and response types shared by the emulator's routes, the response builders, and the
 * small request checks of v4 that many route files use (form only, booleans, dates, paging).
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { parseFilterDate } from "./util";

/** Query string or form body; Bynder lists arrive comma-joined or as repeated keys. */
export class Params {
  constructor(readonly entries: [string, string][] = []) {}
  static parse(text: string): Params {
    return new Params([...new URLSearchParams(text).entries()]);
  }
  get(name: string): string | undefined {
    return this.entries.find(([key]) => key === name)?.[1];
  }
  getAll(name: string): string[] {
    return this.entries.filter(([key]) => key === name).map(([, value]) => value);
  }
  has(name: string): boolean {
    return this.entries.some(([key]) => key === name);
  }
  /** `a,b` and `x=a&x=b` alike, trimmed, empty items dropped. */
  list(name: string): string[] {
    return this.getAll(name)
      .flatMap((value) => value.split(","))
      .map((item) => item.trim())
      .filter(Boolean);
  }
  /** 1/0/true/false in any case (the SDKs send all of them); undefined when absent or empty. */
  bool(name: string): boolean | undefined {
    const value = this.get(name)?.trim().toLowerCase();
    if (value === undefined || value === "") return undefined;
    return value === "1" || value === "true" || value === "yes";
  }
  int(name: string): number | undefined {
    const value = this.get(name);
    if (value === undefined || value.trim() === "") return undefined;
    const number = Number(value);
    return Number.isInteger(number) ? number : NaN;
  }
  keys(): string[] {
    return [...new Set(this.entries.map(([key]) => key))];
  }
  toObject(): Record<string, string> {
    return Object.fromEntries(this.entries);
  }
}

export interface TokenInfo {
  token: string;
  clientId: string;
  scopes: Set<string>;
  userId: string;
  expiresAt: number;
}

/** One request as the log keeps it, for tests' assertions (`emulator.requestsTo`). */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  form?: Record<string, string[]>;
  json?: unknown;
  bodyBytes: number;
  status: number;
}

export interface EmulatorRequest {
  method: string;
  /** Path without the trailing slash, e.g. `/api/v4/media/ABC`. */
  path: string;
  params: Record<string, string>;
  query: Params;
  headers: IncomingHttpHeaders;
  contentType: string;
  /** The whole body, except on routes that stream it (`stream: true`). */
  rawBody: Buffer;
  /** The urlencoded body (empty for other content types). */
  form: Params;
  /** The JSON body, when Content-Type is application/json. */
  json: unknown;
  auth?: TokenInfo;
  incoming: IncomingMessage;
  /** Base URL of this emulator, for URLs it hands out (S3 endpoint, download links). */
  baseUrl: string;
  /** This request's log entry (when logging is on): a streaming route adds what its body held. */
  log?: LoggedRequest;
}

export interface EmulatorResponse {
  status: number;
  json?: unknown;
  text?: string;
  body?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export const json = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): EmulatorResponse => ({
  status,
  json: body,
  headers,
});
export const text = (
  status: number,
  body: string,
  contentType = "text/plain; charset=utf-8",
): EmulatorResponse => ({
  status,
  text: body,
  contentType,
});
export const noContent = (): EmulatorResponse => ({ status: 204 });
/** Bynder's v4 error envelope. */
export const v4Error = (status: number, message: string): EmulatorResponse =>
  json(status, { message, statuscode: status });
/** v4 write envelopes. */
export const accepted = () => json(202, { message: "Accepted", statuscode: 202 });
export const created = (extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  json(201, { message: "Created", statuscode: 201, ...extra }, headers);

/**
 * Thrown by a handler, or by a helper it calls, to answer with `response` straight away (the
 * server sends it): validation deep in a helper needs no result-or-error plumbing.
 */
export class Answer extends Error {
  constructor(readonly response: EmulatorResponse) {
    super(`HTTP ${response.status}`);
  }
}

/** A 400 in v4's envelope, thrown from a helper (`throw badRequest("…")`). */
export const badRequest = (message: string) => new Answer(v4Error(400, message));

/** v4 writes are urlencoded forms; a body in any other encoding is refused, not ignored. */
export const formOnly = (req: EmulatorRequest): EmulatorResponse | undefined =>
  req.rawBody.length > 0 && !req.contentType.startsWith("application/x-www-form-urlencoded")
    ? v4Error(415, "Unsupported Media Type: send application/x-www-form-urlencoded")
    : undefined;

/** The asset endpoints that take JSON answer any other body type with 415. */
export const jsonOnly = (req: EmulatorRequest): EmulatorResponse | undefined =>
  req.contentType.startsWith("application/json")
    ? undefined
    : v4Error(
        415,
        `Unsupported Content-Type "${req.contentType || "none"}": send application/json`,
      );

/** Booleans as the SDKs send them (1/0/true/false, any case); anything else is a 400. */
export const strictBool = (
  value: string | undefined,
  name: string,
): boolean | undefined | EmulatorResponse => {
  if (value === undefined || value.trim() === "") return undefined;
  const lower = value.trim().toLowerCase();
  if (lower === "1" || lower === "true") return true;
  if (lower === "0" || lower === "false") return false;
  return v4Error(400, `Invalid value for ${name}: expected true or false`);
};

/** Bynder compares dates at whole seconds, as it reports them. */
export const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/** An ISO date query parameter of v4; undefined when absent, a thrown 400 when malformed. */
export const dateParam = (query: Params, name: string): number | undefined => {
  const raw = query.get(name);
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = parseFilterDate(raw.trim());
  if (value === undefined) {
    throw badRequest(
      `Invalid ${name} "${raw}": use ISO 8601, yyyy-mm-ddThh:mm:ssZ (e.g. 2024-01-31T12:00:00Z)`,
    );
  }
  return value;
};

/** v4's `limit` and `page`, checked (a thrown 400 when out of range). */
export const paging = (query: Params, defaultLimit: number, maxLimit: number) => {
  const limit = query.int("limit") ?? defaultLimit;
  const page = query.int("page") ?? 1;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw badRequest(
      `Invalid limit "${query.get("limit")}": it must be a whole number from 1 to ${maxLimit}`,
    );
  }
  if (!Number.isInteger(page) || page < 1) {
    throw badRequest(`Invalid page "${query.get("page")}": pages start at 1`);
  }
  return { limit, page };
};
