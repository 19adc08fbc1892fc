import type { ActionContext, Connection } from "@prismatic-io/spectral";
import { createClient } from "@prismatic-io/spectral/dist/clients/http";
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse, Method, ResponseType } from "axios";
import type { Readable } from "stream";
import { BynderError, bynderMessage, connectionError } from "./errors";
import { toSearchParams, type Fields } from "./encoding";
import { limiterFor, type SlidingWindowLimiter } from "./rateLimiter";
import { checkedUrl, portalOriginOf, redactUrl, scrub } from "./urls";

export interface RequestSpec {
  method: Method;
  /** Absolute path on the portal, e.g. `/api/v4/media/`; never a full URL. */
  path: string;
  query?: Fields;
  /** application/x-www-form-urlencoded body (Bynder's v4 family). */
  form?: Fields;
  /** JSON body (workflow, /api/media/options, usage sync). */
  json?: unknown;
  /**
   * Any other body (a Buffer, a stream, FormData) with its headers. A stream can be sent only once,
   * so a request with a stream body is never retried: pass a Buffer, or a `BodyFactory` that builds
   * a fresh body (and its headers) for each attempt, where retries matter.
   */
  body?: unknown;
  headers?: Record<string, string>;
  responseType?: ResponseType;
  /** A POST that may safely be sent twice (5xx and network errors are then retried too). */
  idempotent?: boolean;
  /**
   * Deadline for each attempt, from sending the request to the last byte of the response (for
   * responseType "stream": to the response headers).
   */
  timeoutMs?: number;
  maxRetries?: number;
  /**
   * A fixed wait before each retry of a 5xx or network failure, instead of the standard capped
   * exponential backoff (Raw Request's "Retry Delay (ms)"). A 429 always waits per Retry-After or
   * the standard backoff, because retrying early would extend Bynder's block.
   */
  retryDelayMs?: number;
}

/** Builds the body of one attempt, so that a stream body (FormData) can be sent again. */
export type BodyFactory = () => { data: unknown; headers?: Record<string, string> };

export interface BynderResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

/** Retry tuning; tests and benchmarks shorten the delays through configureRetries. */
export const retrySettings = {
  maxRetries: 5,
  baseDelayMs: Number(process.env.BYNDER_RETRY_BASE_MS ?? 500),
  /** Cap of the exponential backoff between attempts. */
  maxDelayMs: 30_000,
  /** A Retry-After longer than this is not waited out: the call fails at once and says so. */
  maxRetryAfterMs: 5 * 60_000,
  timeoutMs: 60_000,
};
export const configureRetries = (settings: Partial<typeof retrySettings>): void => {
  Object.assign(retrySettings, settings);
};

type Logger = Pick<ActionContext["logger"], "debug" | "info" | "warn">;
export interface ClientContext {
  logger?: Logger;
  debug?: { enabled?: boolean };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const RETRYABLE_NETWORK =
  /ECONNRESET|ECONNREFUSED|ETIMEDOUT|ECONNABORTED|EPIPE|EAI_AGAIN|socket hang up|timeout|aborted/i;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, per RFC 9110; Bynder itself sends none. */
const retryAfterMs = (header: string | undefined): number | undefined => {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
};

const backoffMs = (attempt: number, base: number) => {
  const ceiling = Math.min(retrySettings.maxDelayMs, base * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2); // jitter: half to full
};

const flatHeaders = (headers: AxiosResponse["headers"]): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)]),
  );

/** Up to 64 KiB of a stream (an error body asked for as a stream), so its message can be read. */
const readSome = async (stream: Readable, max = 64 * 1024): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buffer);
    size += buffer.length;
    if (size >= max) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks);
};

const isStream = (value: unknown): value is Readable =>
  !!value && typeof (value as { pipe?: unknown }).pipe === "function";

/**
 * One attempt under a wall-clock deadline. axios's own `timeout` is an idle timer on the socket,
 * so a body that trickles in a byte at a time would never trip it; the AbortController does.
 */
const attempt = async <T>(
  http: AxiosInstance,
  config: AxiosRequestConfig,
  timeoutMs: number,
): Promise<{ response?: AxiosResponse<T>; failure?: unknown }> => {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await http.request<T>({
      ...config,
      // axios's timeout is a socket idle timer that would also cut a streamed body the reader
      // throttles on purpose (back-pressure); for streams the deadline runs to the headers only.
      timeout: config.responseType === "stream" ? 0 : timeoutMs,
      signal: controller.signal,
    });
    if (response.status >= 300 && isStream(response.data)) {
      response.data = (await readSome(response.data)) as T;
    }
    return { response };
  } catch (error) {
    return {
      failure: timedOut
        ? Object.assign(new Error(`timeout of ${timeoutMs} ms exceeded`), { code: "ETIMEDOUT" })
        : error,
    };
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Sends one request with Bynder's retry rules: 429 on any method (Retry-After if given, otherwise
 * capped exponential backoff with jitter, and every caller on the portal pauses); 5xx and network
 * errors only when the request is safe to repeat. A stream body is never sent twice.
 */
const sendWithRetries = async <T>(
  http: AxiosInstance,
  config: AxiosRequestConfig & { method: Method; url: string; bodyFactory?: BodyFactory },
  options: {
    idempotent?: boolean;
    maxRetries?: number;
    retryDelayMs?: number;
    timeoutMs?: number;
    limiter?: SlidingWindowLimiter;
    context?: ClientContext;
    display: string;
    /** Values that must never reach a log line or an error (the token). */
    secrets?: string[];
  },
): Promise<BynderResponse<T>> => {
  const method = config.method.toUpperCase();
  const secrets = options.secrets ?? [];
  const repeatable = options.idempotent ?? SAFE_METHODS.has(method);
  const { bodyFactory, ...fixed } = config;
  const maxRetries =
    isStream(config.data) && !bodyFactory ? 0 : (options.maxRetries ?? retrySettings.maxRetries);
  const timeoutMs = options.timeoutMs ?? retrySettings.timeoutMs;
  const path = pathOf(options.display);
  for (let tries = 0; ; tries++) {
    const release = await options.limiter?.acquire();
    const started = Date.now();
    const fresh = bodyFactory?.();
    const { response, failure } = await attempt<T>(
      http,
      fresh
        ? { ...fixed, data: fresh.data, headers: { ...fixed.headers, ...fresh.headers } }
        : fixed,
      timeoutMs,
    );
    release?.(); // the slot counts from the answer: Bynder has surely received the request by then
    if (options.context?.debug?.enabled) {
      const outcome = response ? String(response.status) : `failed (${describe(failure)})`;
      options.context.logger?.debug(
        scrub(
          `Bynder ${method} ${redactUrl(options.display)} → ${outcome} in ${Date.now() - started} ms`,
          secrets,
        ),
      );
    }
    if (response && response.status < 300) {
      return {
        status: response.status,
        headers: flatHeaders(response.headers),
        data: response.data,
      };
    }
    const status = response?.status;
    let delay: number | undefined;
    let note = "";
    if (status === 429) {
      const asked = retryAfterMs(response?.headers["retry-after"] as string | undefined);
      delay = asked ?? backoffMs(tries, retrySettings.baseDelayMs * 2);
      // Requests made while Bynder blocks extend the block: every caller on this portal waits.
      options.limiter?.pauseFor(Math.min(delay, retrySettings.maxRetryAfterMs));
      if (asked !== undefined && asked > retrySettings.maxRetryAfterMs) {
        note = ` (Bynder asks to wait ${Math.ceil(asked / 1000)} s before the next request; try again later)`;
        delay = undefined;
      }
    } else if (
      repeatable &&
      (status === undefined ? RETRYABLE_NETWORK.test(describe(failure)) : status >= 500)
    ) {
      delay = options.retryDelayMs || backoffMs(tries, retrySettings.baseDelayMs);
    }
    if (delay === undefined || tries >= maxRetries) {
      throw response
        ? httpError(method, options.display, response, secrets, note)
        : new BynderError(
            scrub(`Bynder ${method} ${path} failed: ${describe(failure)}`, secrets),
            undefined,
            method,
            path,
          );
    }
    options.context?.logger?.warn?.(
      scrub(
        `Bynder ${method} ${path} answered ${status ?? describe(failure)}; retry ${tries + 1} of ${maxRetries} in ${delay} ms`,
        secrets,
      ),
    );
    await sleep(delay);
  }
};

const describe = (error: unknown): string => {
  if (error && typeof error === "object") {
    const { code, message } = error as { code?: string; message?: string };
    return [code, message].filter(Boolean).join(" ") || "network error";
  }
  return String(error);
};

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0];
  }
};

const httpError = (
  method: string,
  url: string,
  response: AxiosResponse,
  secrets: string[] = [],
  note = "",
) => {
  const path = pathOf(url);
  const message = bynderMessage(response.data) || response.statusText || "no message";
  return new BynderError(
    scrub(
      `Bynder ${method} ${path} failed with HTTP ${response.status}: ${message}${note}`,
      secrets,
    ),
    response.status,
    method,
    path,
    scrubBody(response.data, secrets),
  );
};

/** The error body without secrets (Buffers and streams become text). */
const scrubBody = (body: unknown, secrets: string[]): unknown => {
  if (body === undefined || body === null || typeof body === "number") return body;
  if (typeof body === "string") return scrub(body, secrets);
  if (Buffer.isBuffer(body) || body instanceof ArrayBuffer) {
    return scrub(Buffer.from(body as Buffer).toString("utf8"), secrets);
  }
  try {
    return JSON.parse(scrub(JSON.stringify(body), secrets)) as unknown;
  } catch {
    return undefined;
  }
};

const withQuery = (path: string, query?: Fields) => {
  const search = toSearchParams(query).toString();
  return search ? `${path}${path.includes("?") ? "&" : "?"}${search}` : path;
};

const bodyOf = (
  spec: Pick<RequestSpec, "form" | "json" | "body" | "headers">,
): { data: unknown; headers: Record<string, string>; bodyFactory?: BodyFactory } => {
  if (spec.form) {
    return {
      data: toSearchParams(spec.form).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...spec.headers },
    };
  }
  if (spec.json !== undefined) {
    return {
      data: JSON.stringify(spec.json),
      headers: { "Content-Type": "application/json", ...spec.headers },
    };
  }
  if (typeof spec.body === "function") {
    return { data: undefined, headers: { ...spec.headers }, bodyFactory: spec.body as BodyFactory };
  }
  return { data: spec.body, headers: { ...spec.headers } };
};

/** An axios instance that never follows redirects and leaves status handling to us. */
const newHttp = (baseUrl?: string): AxiosInstance => {
  const http = createClient({ baseUrl, responseType: "json" });
  http.defaults.validateStatus = () => true;
  http.defaults.maxRedirects = 0;
  return http;
};
const externalHttp = newHttp();

/** The one client every action, data source and trigger uses to talk to a Bynder portal. */
export class BynderClient {
  private readonly http: AxiosInstance;
  private readonly limiter: SlidingWindowLimiter;

  constructor(
    readonly origin: string,
    private readonly token: string,
    private readonly context: ClientContext = {},
    private readonly connection?: Connection,
  ) {
    this.http = newHttp(origin);
    this.http.defaults.allowAbsoluteUrls = false; // the token goes to the portal and nowhere else
    this.limiter = limiterFor(origin);
  }

  async request<T = unknown>(spec: RequestSpec): Promise<BynderResponse<T>> {
    if (!spec.path.startsWith("/") || spec.path.startsWith("//")) {
      throw new BynderError(
        `Refusing to send the Bynder token to "${spec.path}": only paths on ${this.origin} are allowed.`,
      );
    }
    const url = withQuery(spec.path, spec.query);
    const { data, headers, bodyFactory } = bodyOf(spec);
    return sendWithRetries<T>(
      this.http,
      {
        method: spec.method,
        url,
        data,
        bodyFactory,
        headers: { Accept: "application/json", ...headers, Authorization: `Bearer ${this.token}` },
        responseType: spec.responseType ?? "json",
      },
      {
        ...spec,
        limiter: this.limiter,
        context: this.context,
        display: `${this.origin}${url}`,
        secrets: [this.token],
      },
    ).catch((error: unknown) => {
      // 401/403 mean the connection (token, scopes, the assigned user's rights) needs attention.
      if (
        this.connection &&
        error instanceof BynderError &&
        (error.status === 401 || error.status === 403)
      ) {
        throw connectionError(this.connection, error.message);
      }
      throw error;
    });
  }

  async get<T = unknown>(path: string, query?: Fields): Promise<T> {
    return (await this.request<T>({ method: "GET", path, query })).data;
  }
  async postForm<T = unknown>(path: string, form: Fields = {}, query?: Fields): Promise<T> {
    return (await this.request<T>({ method: "POST", path, form, query })).data;
  }
  async postJson<T = unknown>(path: string, json: unknown = {}): Promise<T> {
    return (await this.request<T>({ method: "POST", path, json })).data;
  }
  async putJson<T = unknown>(path: string, json: unknown): Promise<T> {
    return (await this.request<T>({ method: "PUT", path, json })).data;
  }
  async delete<T = unknown>(path: string, query?: Fields, json?: unknown): Promise<T> {
    return (await this.request<T>({ method: "DELETE", path, query, json })).data;
  }

  /** Hosts other than the portal (S3, signed downloads, source URLs): never with the Bynder token. */
  async external<T = unknown>(
    url: string,
    spec: Omit<RequestSpec, "path" | "query"> & { what?: string },
  ): Promise<BynderResponse<T>> {
    return externalRequest<T>(url, spec, this.context);
  }

  /** The caller's logger: the pager warns through it when a list is not what Bynder announced. */
  get logger(): Logger | undefined {
    return this.context.logger;
  }

  /** True for a URL on the portal itself, where the token may go. */
  isPortalUrl(url: string): boolean {
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }
}

export const externalRequest = async <T = unknown>(
  url: string,
  spec: Omit<RequestSpec, "path" | "query"> & { what?: string },
  context: ClientContext = {},
): Promise<BynderResponse<T>> => {
  const checked = checkedUrl(url, spec.what ?? "URL");
  const body = bodyOf(spec);
  const headers: Record<string, string> = { ...body.headers };
  // Other hosts never get credentials, whoever put them in the headers.
  for (const name of Object.keys(headers)) {
    if (/^(authorization|cookie|proxy-authorization)$/i.test(name)) delete headers[name];
  }
  // Downloads (GET/HEAD, no body to replay) follow redirects, each hop held to the same rules
  // (https, or http on loopback); nothing else does.
  let refused: unknown;
  const redirects = /^(GET|HEAD)$/i.test(spec.method)
    ? {
        maxRedirects: 5,
        beforeRedirect: (options: Record<string, unknown>) => {
          try {
            checkedUrl(String(options.href), `${spec.what ?? "URL"} (redirected)`);
          } catch (error) {
            refused = error;
            throw error;
          }
        },
      }
    : {};
  return sendWithRetries<T>(
    externalHttp,
    {
      method: spec.method,
      url: checked.toString(),
      data: body.data,
      bodyFactory: body.bodyFactory,
      headers,
      responseType: spec.responseType ?? "json",
      ...redirects,
    },
    { ...spec, context, display: checked.toString() },
  ).catch((error: unknown) => {
    throw refused ?? error;
  });
};

/** Validates the connection (before any network call) and returns its client. */
export const createBynderClient = (
  connection: Connection,
  context: ClientContext = {},
): BynderClient => {
  if (!connection || typeof connection !== "object" || !connection.fields) {
    throw new BynderError("Connection is required: choose a Bynder connection.");
  }
  const origin = portalOriginOf(connection.fields);
  const token = connection.token?.access_token;
  if (typeof token !== "string" || !token) {
    throw connectionError(
      connection,
      "The Bynder connection has no access token. Reconnect it (Authorize again) and retry.",
    );
  }
  return new BynderClient(origin, token, context, connection);
};
