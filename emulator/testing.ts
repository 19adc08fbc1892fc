/** Test plumbing for the emulator's own tests: one emulator per test file and plain HTTP to it. */
import type { Portal } from "./portal";
import { startEmulator, type BynderEmulator, type EmulatorOptions } from "./server";

export interface CallOptions {
  /** Sent as application/x-www-form-urlencoded (a string is sent as it is). */
  form?: Record<string, string | number> | string;
  /** Sent as application/json. */
  json?: unknown;
  /** Added to the path's query string. */
  query?: Record<string, string | number | boolean>;
  /** Sent as it is, with `contentType` when given. */
  body?: string | Buffer;
  /** Overrides the Content-Type that `form` or `json` set. */
  contentType?: string;
  /** Extra headers; they override all of the above. */
  headers?: Record<string, string>;
  /** The bearer token instead of the file's; `false` sends no Authorization header. */
  token?: string | false;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** The body as text ("" when there is none). */
  text: string;
  /** The body parsed as JSON, or the text when it is not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
}

/** The request's URL-encoded form body. */
const formBody = (form: Record<string, string | number> | string) =>
  typeof form === "string"
    ? form
    : new URLSearchParams(
        Object.entries(form).map(([key, value]): [string, string] => [key, String(value)]),
      ).toString();

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text; // plain text, or nothing
  }
};

/** One request to the emulator, with the bearer token unless `options.token` says otherwise. */
export const callEmulator = async (
  emulator: BynderEmulator,
  token: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> => {
  const headers: Record<string, string> = {};
  const bearer = options.token ?? token;
  if (bearer !== false) headers.Authorization = `Bearer ${bearer}`;
  let body = options.body;
  if (options.form !== undefined) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = formBody(options.form);
  } else if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  if (options.contentType) headers["Content-Type"] = options.contentType;
  Object.assign(headers, options.headers);
  let url = `${emulator.url}${path}`;
  if (options.query) {
    const query = new URLSearchParams(
      Object.entries(options.query).map(([key, value]): [string, string] => [key, String(value)]),
    );
    url += `${path.includes("?") ? "&" : "?"}${query}`;
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: parsed(text) };
};

/**
 * Starts an emulator before the file's tests, issues a token with the default scopes, and stops it
 * after. Returns getters (the emulator exists only once beforeAll has run) and `call`.
 */
export const useEmulatorHttp = (options: EmulatorOptions = {}) => {
  const state: { emulator?: BynderEmulator; token?: string } = {};
  beforeAll(async () => {
    state.emulator = await startEmulator(options);
    state.token = state.emulator.issueToken();
  });
  afterAll(async () => {
    await state.emulator?.stop();
  });
  const env = {
    get emulator(): BynderEmulator {
      if (!state.emulator) throw new Error("emulator not started");
      return state.emulator;
    },
    get token(): string {
      if (state.token === undefined) throw new Error("emulator not started");
      return state.token;
    },
    call: (method: string, path: string, callOptions?: CallOptions) =>
      callEmulator(env.emulator, env.token, method, path, callOptions),
  };
  return env;
};

/**
 * A fresh collection straight in the portal (created and modified on 1 January 2023, owned by the
 * default user), so tests do not depend on each other's changes.
 */
export const addCollection = (
  portal: Portal,
  { name = "Scratch", description = "", mediaIds = [] as string[] } = {},
) => {
  const id = portal.cfId();
  portal.collections.set(id, {
    id,
    name,
    description,
    userId: portal.defaultUserId(),
    isPublic: 0,
    mediaIds,
    dateCreated: Date.UTC(2023, 0, 1),
    dateModified: Date.UTC(2023, 0, 1),
    views: 0,
    shares: [],
  });
  return portal.collections.get(id)!;
};
