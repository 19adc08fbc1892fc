import type { ActionContext, Connection } from "@prismatic-io/spectral";
import { createClient } from "@prismatic-io/spectral/dist/clients/http";
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse, Method, ResponseType } from "axios";
import type { Readable } from "stream";
import { BynderError, connectionError } from "./errors";
import { toSearchParams, type Fields } from "./encoding";
import { LimiterWaitError, limiterFor, type SlidingWindowLimiter } from "./rateLimiter";
import { describeFailure, retrying, type RetryOptions } from "./retry";
import {
  flatHeaders,
  httpError,
  jsonBody,
  lenientJson,
  readSome,
  responseLimits,
  tooLarge,
  type ExpectedJson,
} from "./responses";
import { checkedUrl, pathOf, portalOriginOf, redactForeignUrl, redactUrl, scrub } from "./urls";

/** One call to the portal; the retry options are documented in `./retry.ts`. */
export interface RequestSpec extends RetryOptions {
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
  /**
   * For a JSON call (the default responseType): the kind of JSON the call must get. Any answer
   * that is not JSON fails anyway; this also fails JSON of the wrong kind, instead of returning it.
   */
  expect?: ExpectedJson;
  /** The largest body read into memory (default `responseLimits`); a larger one fails the call. */
  maxBytes?: number;
  /**
   * `false` keeps a compressed body as it was sent, with its Content-Encoding header (axios would
   * decode it and drop the header, leaving a Content-Length that no longer fits the body).
   */
  decompress?: boolean;
}

/** Builds the body of one attempt, so that a stream body (FormData) can be sent again. */
export type BodyFactory = () => { data: unknown; headers?: Record<string, string> };

export interface BynderResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

export { configureRetries, retrySettings } from "./retry";

type Logger = Pick<ActionContext["logger"], "debug" | "info" | "warn">;
export interface ClientContext {
  logger?: Logger;
  debug?: { enabled?: boolean };
}

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
        : tooLarge(error, config.maxContentLength ?? -1),
    };
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Sends one request under the one retry policy (`./retry.ts`), logging each attempt in debug mode,
 * and turns the final failure into a BynderError. A stream body is never sent twice.
 */
const send = async <T>(
  http: AxiosInstance,
  config: AxiosRequestConfig & { method: Method; url: string; bodyFactory?: BodyFactory },
  options: RetryOptions &
    Pick<RequestSpec, "expect" | "maxBytes"> & {
      limiter?: SlidingWindowLimiter;
      context?: ClientContext;
      display: string;
      /** Values that must never reach a log line or an error (the token). */
      secrets?: string[];
      /** A URL outside the portal: its query values are never shown. */
      foreign?: boolean;
    },
): Promise<BynderResponse<T>> => {
  const method = config.method.toUpperCase();
  const secrets = options.secrets ?? [];
  const { bodyFactory, ...rest } = config;
  // JSON is read as text and parsed here, so that an answer that is not JSON is caught, not passed on.
  const wantsJson = config.responseType === "json";
  const fixed: AxiosRequestConfig = {
    ...rest,
    responseType: wantsJson ? "text" : config.responseType,
    // A stream is never held whole (Upload File pipes a source of any size): no default limit. And
    // with a maxContentLength axios wraps a streamed body in a generator whose destroy never
    // reaches the socket, so a download the caller closes would stay open.
    maxContentLength:
      options.maxBytes ??
      (config.responseType === "stream"
        ? -1
        : wantsJson || config.responseType === "text"
          ? responseLimits.jsonBytes
          : responseLimits.fileBytes),
  };
  const path = pathOf(options.display);
  const logger = options.context?.logger;
  const { response, failure, note } = await retrying<AxiosResponse<T>>(
    {
      method,
      what: `Bynder ${method} ${path}`,
      replayable: !isStream(config.data) || !!bodyFactory,
      limiter: options.limiter,
      warn: (line) => logger?.warn?.(scrub(line, secrets)),
      info: (line) => logger?.info?.(scrub(line, secrets)),
    },
    options,
    async (timeoutMs) => {
      const started = Date.now();
      const fresh = bodyFactory?.();
      const outcome = await attempt<T>(
        http,
        fresh
          ? { ...fixed, data: fresh.data, headers: { ...fixed.headers, ...fresh.headers } }
          : fixed,
        timeoutMs,
      );
      if (options.context?.debug?.enabled) {
        const { response: answer, failure: error } = outcome;
        const result = answer ? String(answer.status) : `failed (${describeFailure(error)})`;
        logger?.debug(
          scrub(
            `Bynder ${method} ${options.foreign ? redactForeignUrl(options.display) : redactUrl(options.display)} → ${result} in ${Date.now() - started} ms`,
            secrets,
          ),
        );
      }
      return outcome;
    },
  );
  if (response && response.status < 300) {
    const answer = {
      status: response.status,
      headers: flatHeaders(response.headers),
      data: response.data,
    };
    if (wantsJson) answer.data = jsonBody({ method, path }, answer, options.expect, secrets) as T;
    return answer;
  }
  if (response && wantsJson) response.data = lenientJson(response.data) as T;
  throw response
    ? httpError(method, options.display, response, secrets, note)
    : new BynderError(
        scrub(
          `Bynder ${method} ${path} ${failure instanceof LimiterWaitError ? failure.message : `failed: ${describeFailure(failure)}`}${note ?? ""}`,
          secrets,
        ),
        undefined,
        method,
        path,
      );
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
  /** The portal's clock (epoch ms) from the `Date` header of its latest answer. */
  private portalMs?: number;

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
    return send<T>(
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
    ).then(
      (response) => {
        const date = Date.parse(response.headers.date ?? "");
        if (!Number.isNaN(date)) this.portalMs = date;
        return response;
      },
      (error: unknown) => {
        // 401/403 mean the connection (token, scopes, the assigned user's rights) needs attention.
        if (
          this.connection &&
          error instanceof BynderError &&
          (error.status === 401 || error.status === 403)
        ) {
          throw connectionError(this.connection, error.message, error.status);
        }
        throw error;
      },
    );
  }

  /**
   * What the portal considers now, in epoch seconds, from its latest answer's `Date` header (every
   * HTTP server sends one); the local clock before any answer had one.
   */
  portalNow(): number {
    return Math.floor((this.portalMs ?? Date.now()) / 1000);
  }

  /** `expect` makes an answer of another kind an error (e.g. "object" for a single record). */
  async get<T = unknown>(path: string, query?: Fields, expect?: ExpectedJson): Promise<T> {
    return (await this.request<T>({ method: "GET", path, query, expect })).data;
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
  return send<T>(
    externalHttp,
    {
      method: spec.method,
      url: checked.toString(),
      data: body.data,
      bodyFactory: body.bodyFactory,
      headers,
      responseType: spec.responseType ?? "json",
      decompress: spec.decompress,
      ...redirects,
    },
    { ...spec, context, display: checked.toString(), foreign: true },
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
