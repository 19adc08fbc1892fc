/**
 * Raw Request: any Bynder endpoint the other actions do not wrap, sent through the shared client so
 * it gets the rate limiter, the retries, Bynder's error messages and the redacted debug lines.
 * Spectral's own sendRawRequest is not used: with its debug switch on it logs the Authorization
 * header, and it would send the token to whatever absolute URL it is given.
 */
import { input, util, type ActionInputParameters } from "@prismatic-io/spectral";
import { inputs as httpInputs } from "@prismatic-io/spectral/dist/clients/http";
import FormData from "form-data";
import { InputError, type BynderClient, type RequestSpec } from "../client";
import { rawAccount } from "../examplePayloads/misc";
import { boolean, integer, keyValues, oneOf, requiredString, quoted } from "../inputs/clean";
import { connection } from "../inputs/common";
import { bynderAction } from "./bynderAction";

// Spectral's raw-request inputs, keys and labels unchanged; the "Debug Request" switch is left out
// (the component's debug mode drives our own redacted log lines instead).
const { debugRequest: _debugRequest, ...raw } = httpInputs;

const METHODS = raw.method.model.map((option) => option.value);
const RESPONSE_TYPES = ["json", "text", "arraybuffer", "document"] as const;

/** A form field or file value: text, or the bytes of a file from an earlier step. */
const bytesOf = (label: string, key: string, value: unknown) => {
  try {
    return util.types.toBufferDataPayload(value);
  } catch {
    throw new InputError(`${label}: the value of ${quoted(key)} is neither text nor file data.`);
  }
};

/** A key-value list whose values may be files; pairs kept in order. */
const pairs =
  (label: string) =>
  (value: unknown): { key: string; value: unknown }[] => {
    if (value === undefined || value === null || value === "") return [];
    if (!Array.isArray(value)) throw new InputError(`${label} must be a list of key-value pairs.`);
    return (value as { key?: unknown; value?: unknown }[]).map((pair) => {
      const key = typeof pair?.key === "string" ? pair.key.trim() : "";
      if (!key) throw new InputError(`${label}: every entry needs a key.`);
      return { key, value: pair.value };
    });
  };

/** Data: sent exactly as given. An object from an earlier step is sent as its JSON. */
const cleanData = (value: unknown): string | Buffer | undefined => {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return value;
  if (util.types.isBufferDataPayload(value)) return value.data;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
};

export const rawRequestInputs = {
  connection,
  url: input({
    ...raw.url,
    placeholder: "/v4/media/",
    example: "/v4/media/",
    comments:
      "The path to call under https://<your portal>/api/, e.g. /v4/media/ for https://<your portal>/api/v4/media/ (a path that already starts with /api/ is used as is). A full URL is accepted only on your own portal, and its path is then used as is (e.g. for /v7/ or /transform/). The Bynder token is never sent to any other host.",
    clean: requiredString("URL"),
  }),
  method: input({ ...raw.method, clean: oneOf("Method", METHODS) }),
  data: input({
    ...raw.data,
    comments:
      "The request body, sent as given. Its Content-Type is the one in Header, otherwise application/json when the text is a JSON object or array, otherwise application/x-www-form-urlencoded (Bynder's v4 writes, e.g. name=New%20name&description=Text). Cannot be combined with Form Data or File Data.",
    clean: cleanData,
  }),
  formData: input({
    ...raw.formData,
    comments:
      "Fields sent as a multipart/form-data body, together with File Data. Cannot be combined with Data.",
    clean: pairs("Form Data"),
  }),
  fileData: input({
    ...raw.fileData,
    comments:
      "Files sent as parts of a multipart/form-data body: the key is the form field, the value the file's contents (text or file data from an earlier step).",
    clean: pairs("File Data"),
  }),
  fileDataFileNames: input({
    ...raw.fileDataFileNames,
    comments:
      "The file name to give each File Data part; keys must match the File Data keys. Without one, the key is used as the file name.",
    clean: keyValues("File Data File Names"),
  }),
  queryParams: input({
    ...raw.queryParams,
    comments:
      "Query parameters added to the URL, e.g. limit=10 and page=2 for https://<portal>/api/v4/media/?limit=10&page=2.",
    clean: keyValues("Query Parameter"),
  }),
  headers: input({
    ...raw.headers,
    comments:
      "Extra request headers, e.g. Content-Type or Accept. An Authorization header is ignored: the connection's token is always the one sent. Host and forwarding headers (X-Forwarded-Host, Forwarded, …) are refused.",
    clean: keyValues("Header"),
  }),
  responseType: input({
    ...raw.responseType,
    comments:
      "How to read the response: json (parsed), text (a string), arraybuffer (the raw bytes, for files) or document (text).",
    clean: oneOf("Response Type", RESPONSE_TYPES),
  }),
  timeout: input({
    ...raw.timeout,
    comments:
      "The most milliseconds to wait for each attempt, response included. Leave empty for the default of 60 seconds.",
    example: "20000",
    clean: integer("Timeout", { min: 1 }),
  }),
  retryDelayMS: input({
    ...raw.retryDelayMS,
    comments:
      "Milliseconds to wait before each retry of a server error or network failure, when Use Exponential Backoff is off. 0 or empty uses the standard capped exponential backoff with jitter. A 429 always waits as its Retry-After header asks, or with the standard backoff, so that Bynder's rate-limit block is not extended.",
    clean: integer("Retry Delay (ms)", { min: 0, max: 60_000 }),
  }),
  retryAllErrors: input({
    ...raw.retryAllErrors,
    comments:
      "Also retry server errors (5xx) and network failures for methods that are not safe to repeat (POST, PATCH, …). Either way, HTTP 429 is retried for every method, and GET, HEAD, PUT, DELETE and OPTIONS on 5xx and network failures (up to Max Retry Count); other 4xx answers are never retried.",
    clean: boolean("Retry On All Errors"),
  }),
  maxRetries: input({
    label: raw.maxRetries.label,
    placeholder: raw.maxRetries.placeholder,
    type: "string",
    required: false,
    comments:
      "How many times to retry a failed attempt (0 for none, at most 10). Leave empty for the standard policy of up to 5 retries.",
    example: "3",
    clean: integer("Max Retry Count", { min: 0, max: 10 }),
  }),
  useExponentialBackoff: input({
    ...raw.useExponentialBackoff,
    comments:
      "Wait with capped exponential backoff and jitter between retries (the standard policy). When off, a Retry Delay (ms) above 0 is used as a fixed wait instead.",
    clean: boolean("Use Exponential Backoff"),
  }),
};

const isAbsolute = (value: string) => /^[a-z][a-z\d+.-]*:/i.test(value) || /^[/\\]{2}/.test(value);

/**
 * The path (and query) to request on the portal. A relative URL is a path under /api; an absolute
 * one must be on the portal's own origin. Anything else is refused before a request is made.
 */
export const portalPathFor = (origin: string, value: string): string => {
  if (isAbsolute(value)) {
    let url: URL | undefined;
    try {
      url = new URL(/^[/\\]{2}/.test(value) ? `${new URL(origin).protocol}${value}` : value);
    } catch {
      url = undefined;
    }
    if (!url || url.origin !== origin || url.username || url.password) {
      const shown = url ? url.origin : value.slice(0, 100);
      throw new InputError(
        `URL: "${shown}" is not your Bynder portal (${origin}). Raw Request sends the Bynder token only to the portal: enter a path such as /v4/media/, or a full URL on ${origin}.`,
      );
    }
    return `${url.pathname}${url.search}`;
  }
  const relative = value.startsWith("/") ? value : `/${value}`;
  const url = new URL(/^\/api(?=[/?]|$)/.test(relative) ? relative : `/api${relative}`, origin);
  if (url.origin !== origin) {
    throw new InputError(`URL: "${value.slice(0, 100)}" does not stay on the portal ${origin}.`);
  }
  return `${url.pathname}${url.search}`;
};

const looksLikeJson = (text: string) => {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
};

type RawParams = ActionInputParameters<typeof rawRequestInputs>;

/**
 * Headers that would make the portal's front end (or a proxy before it) route the request, with the
 * token, somewhere other than the URL says: Host and the forwarding family.
 */
const ROUTING_HEADERS =
  /^(host|forwarded|x-forwarded-[a-z-]+|x-host|x-http-host-override|x-original-(url|host)|x-rewrite-url|x-real-ip|x-proxy-url|:authority)$/i;

/** Headers without Authorization, and the body with its Content-Type. */
const bodyAndHeaders = (params: Omit<RawParams, "connection">) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers)) {
    // The connection's token is the only credential sent; a user-supplied one is dropped, so it
    // neither replaces the token nor travels anywhere.
    if (/^authorization$/i.test(name)) continue;
    if (ROUTING_HEADERS.test(name)) {
      throw new InputError(
        `Header: "${name}" cannot be set. Raw Request goes to your Bynder portal only, with the connection's token; the host and forwarding headers are not yours to choose.`,
      );
    }
    headers[name] = value;
  }
  const contentTypeKey = Object.keys(headers).find((name) => /^content-type$/i.test(name));
  const { data, formData, fileData, fileDataFileNames } = params;
  if (data !== undefined && (formData.length || fileData.length)) {
    throw new InputError(
      "Data cannot be combined with Form Data or File Data: send either a body or a multipart form.",
    );
  }
  for (const name of Object.keys(fileDataFileNames)) {
    if (!fileData.some((file) => file.key === name)) {
      throw new InputError(`File Data File Names: ${quoted(name)} matches no File Data key.`);
    }
  }
  if (formData.length || fileData.length) {
    const form = new FormData();
    for (const field of formData) {
      const { value } = field;
      const payload =
        typeof value === "string" || typeof value === "number" || typeof value === "boolean"
          ? String(value)
          : bytesOf("Form Data", field.key, value).data;
      form.append(field.key, payload);
    }
    for (const file of fileData) {
      const payload = bytesOf("File Data", file.key, file.value);
      form.append(file.key, payload.data, {
        filename: fileDataFileNames[file.key] || file.key,
        contentType: payload.contentType,
      });
    }
    if (contentTypeKey) delete headers[contentTypeKey];
    // A Buffer, not the stream, so that a retry can send the same body again.
    return { body: form.getBuffer(), headers: { ...headers, ...form.getHeaders() } };
  }
  if (data === undefined) return { body: undefined, headers };
  const declared = contentTypeKey ? headers[contentTypeKey] : undefined;
  if (typeof data === "string") {
    if (declared && /\bjson\b/i.test(declared) && !looksLikeJson(data)) {
      throw new InputError(`Data must be valid JSON: the Content-Type header says ${declared}.`);
    }
    const contentType =
      declared ?? (looksLikeJson(data) ? "application/json" : "application/x-www-form-urlencoded");
    return { body: data, headers: { ...headers, [contentTypeKey ?? "Content-Type"]: contentType } };
  }
  return {
    body: data,
    headers: {
      ...headers,
      [contentTypeKey ?? "Content-Type"]: declared ?? "application/octet-stream",
    },
  };
};

export const rawRequestSpec = (
  bynder: BynderClient,
  { connection: _connection, ...params }: RawParams,
): RequestSpec => {
  const path = portalPathFor(bynder.origin, params.url);
  const { body, headers } = bodyAndHeaders(params);
  return {
    method: params.method,
    path,
    query: params.queryParams,
    body,
    headers,
    responseType: params.responseType,
    timeoutMs: params.timeout,
    maxRetries: params.maxRetries,
    retryDelayMs: params.useExponentialBackoff ? undefined : params.retryDelayMS || undefined,
    // "Retry On All Errors": 5xx and network failures are retried for any method.
    idempotent: params.retryAllErrors ? true : undefined,
  };
};

export const rawRequest = bynderAction({
  display: {
    label: "Raw Request",
    directions:
      "For what no other action wraps. Enter a path on the portal (such as /api/v4/account/) or a URL on its host; any other host is refused so the token never leaves the portal. The connection adds the token.",
    description: "Send raw HTTP request to Bynder",
  },
  inputs: rawRequestInputs,
  performSafety: "notAllowed",
  examplePayload: { data: rawAccount },
  run: async (bynder, params) => {
    const response = await bynder.request(rawRequestSpec(bynder, params));
    return response.data;
  },
});

export const miscActions = { rawRequest };
