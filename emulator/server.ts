/**
 * The Bynder portal emulator: Node's http server on 127.0.0.1 serving the routes in routes/,
 * with Bynder's token check, rate limit, fault injection, added latency and a request log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { RouteContext } from "./context";
import { Faults, type FaultStep } from "./faults";
import {
  Answer,
  Params,
  json,
  text,
  type EmulatorRequest,
  type EmulatorResponse,
  type LoggedRequest,
  type TokenInfo,
} from "./http";
import { ALL_SCOPES, Portal } from "./portal";
import { BynderRateLimiter, type RateLimitOptions } from "./rateLimit";
import { Router } from "./router";
import { allRoutes } from "./routes";
import { seedPortal, type SeedOptions } from "./seed";

export type { LoggedRequest };

export interface EmulatorOptions {
  port?: number;
  /** Fixture options; `false` starts an empty portal (with just the OAuth app and one user). */
  seed?: SeedOptions | false;
  /** PRNG seed, so ids are the same from run to run. */
  randomSeed?: number;
  /** Added to every request, to model a real network (benchmarks use ~30 ms). */
  latencyMs?: number;
  rateLimit?: RateLimitOptions | false;
  /** Seconds an access token lives (Bynder: 3600). */
  tokenTtlSeconds?: number;
  /** How long an upload takes to "process" after finalise before poll reports it done. */
  processingMs?: number;
  /** Keep a log of requests for assertions (on by default; benchmarks turn it off). */
  logRequests?: boolean;
  /** Whether tagging through the tags endpoint moves dateModified (unconfirmed; default true). */
  tagEndpointMovesDateModified?: boolean;
}

const group = (params: Params) => {
  const out: Record<string, string[]> = {};
  for (const [key, value] of params.entries) (out[key] ??= []).push(value);
  return out;
};

export class BynderEmulator implements RouteContext {
  readonly portal: Portal;
  readonly faults = new Faults();
  readonly rateLimiter?: BynderRateLimiter;
  readonly requests: LoggedRequest[] = [];
  latencyMs: number;
  readonly tokenTtlSeconds: number;
  readonly processingMs: number;
  private readonly router = new Router();
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  /** Aborts the added-latency waits still running when the emulator stops. */
  private readonly stopping = new AbortController();
  private baseUrl = "";

  constructor(readonly options: EmulatorOptions = {}) {
    this.portal = new Portal(options.randomSeed ?? 1);
    if (options.seed === false) {
      seedPortal(this.portal, { assets: 0 });
    } else {
      seedPortal(this.portal, options.seed ?? {});
    }
    this.portal.tagEndpointMovesDateModified = options.tagEndpointMovesDateModified ?? true;
    this.latencyMs = options.latencyMs ?? 0;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
    this.processingMs = options.processingMs ?? 300;
    if (options.rateLimit !== false) {
      this.rateLimiter = new BynderRateLimiter(
        options.rateLimit ?? { max: 4500, windowMs: 5 * 60 * 1000 },
      );
    }
    this.router.add(allRoutes);
  }

  /** Issued access tokens (the OAuth routes add to it; tests may expire them). */
  get tokens(): Map<string, TokenInfo> {
    return this.portal.tokens;
  }

  get url(): string {
    return this.baseUrl;
  }
  get clientId(): string {
    return this.portal.apps[0].clientId;
  }
  get clientSecret(): string {
    return this.portal.apps[0].clientSecret;
  }
  get tokenUrl(): string {
    return `${this.baseUrl}/v6/authentication/oauth2/token`;
  }
  get authorizeUrl(): string {
    return `${this.baseUrl}/v6/authentication/oauth2/auth`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) =>
      this.server!.listen(this.options.port ?? 0, "127.0.0.1", resolve),
    );
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  /** Stops listening and frees what the emulator runs: sockets, waits, the S3 hashing thread. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.portal.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Requests whose path starts with `prefix` (and method, if given), for assertions. */
  requestsTo(prefix: string | RegExp, method?: string): LoggedRequest[] {
    return this.requests.filter(
      (r) =>
        (!method || r.method === method) &&
        (typeof prefix === "string" ? r.path.startsWith(prefix) : prefix.test(r.path)),
    );
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  private async handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? "/", "http://emulator");
    const method = (incoming.method ?? "GET").toUpperCase();
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
    let response: EmulatorResponse;
    let logged: LoggedRequest | undefined;
    // Like any HTTP server, answers carry the portal's clock (the triggers bound their cursor by it).
    res.setHeader("Date", new Date(this.portal.now()).toUTCString());
    try {
      if (this.latencyMs > 0) await this.wait(this.latencyMs);
      const fault = this.faults.next(method, path);
      if (fault !== undefined && (await this.applyFault(fault, incoming, res))) return;

      const matched = this.router.match(method, path);
      const streamed = matched && matched !== "method" && matched.route.stream;
      const rawBody = streamed ? Buffer.alloc(0) : await readBody(incoming);
      const contentType = (incoming.headers["content-type"] ?? "").toLowerCase();
      const req: EmulatorRequest = {
        method,
        path,
        params: {},
        query: Params.parse(url.search),
        headers: incoming.headers,
        contentType,
        rawBody,
        form: contentType.startsWith("application/x-www-form-urlencoded")
          ? Params.parse(rawBody.toString("utf8"))
          : new Params(),
        json: undefined,
        incoming,
        baseUrl: this.baseUrl,
      };
      if (this.options.logRequests !== false) {
        logged = {
          method,
          path,
          query: group(req.query),
          headers: { ...incoming.headers },
          contentType,
          form: req.form.entries.length ? group(req.form) : undefined,
          bodyBytes: rawBody.length,
          status: 0,
        };
        this.requests.push(logged);
        req.log = logged;
      }
      response = await this.dispatch(req, matched);
      if (logged) logged.json = req.json;
    } catch (error) {
      response = json(500, {
        message: `Emulator error: ${(error as Error).message}`,
        statuscode: 500,
      });
    }
    if (logged) logged.status = response.status;
    send(res, response, method);
  }

  private async dispatch(
    req: EmulatorRequest,
    matched: ReturnType<Router["match"]>,
  ): Promise<EmulatorResponse> {
    const isS3 = req.path.startsWith("/s3");
    if (
      this.rateLimiter &&
      !isS3 &&
      !this.rateLimiter.allow(req.incoming.socket.remoteAddress ?? "?")
    ) {
      const retryAfter = this.rateLimiter.options.retryAfter;
      return {
        ...text(429, "Too Many Requests"),
        headers: retryAfter ? { "Retry-After": String(retryAfter) } : undefined,
      };
    }
    if (!matched) return json(404, { message: "Not Found", statuscode: 404 });
    if (matched === "method") return json(405, { message: "Method Not Allowed", statuscode: 405 });
    req.params = matched.params;
    // The token is checked before the body is looked at, so a bad token always gets the 401.
    if (matched.route.scope !== false) {
      const auth = this.authenticate(req);
      if (!auth) return text(401, "Invalid or expired token.");
      if (matched.route.scope && !auth.scopes.has(matched.route.scope)) {
        return json(403, {
          message: `The access token lacks the ${matched.route.scope} scope`,
          statuscode: 403,
        });
      }
      req.auth = auth;
    }
    if (req.contentType.startsWith("application/json") && req.rawBody.length > 0) {
      try {
        req.json = JSON.parse(req.rawBody.toString("utf8"));
      } catch {
        return json(400, { message: "Request body is not valid JSON", statuscode: 400 });
      }
    }
    try {
      return await matched.route.handler(req, this);
    } catch (error) {
      if (error instanceof Answer) return error.response;
      throw error;
    }
  }

  private authenticate(req: EmulatorRequest) {
    const match = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ""));
    const info = match ? this.tokens.get(match[1]) : undefined;
    return info && info.expiresAt > Date.now() ? info : undefined;
  }

  /** A token for tests that do not go through OAuth. */
  issueToken(scopes: string[] | string = "all", ttlSeconds = this.tokenTtlSeconds): string {
    const list = scopes === "all" ? ALL_SCOPES : Array.isArray(scopes) ? scopes : scopes.split(" ");
    return this.portal.issueToken(list, ttlSeconds);
  }

  /** Waits `ms`, or until the emulator stops (then the request is dropped). */
  private wait(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.stopping.signal });
  }

  /** Returns true when the fault took over the response. */
  private async applyFault(
    step: FaultStep,
    incoming: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> {
    if (step === "pass") return false;
    if (typeof step === "object" && "latencyMs" in step) {
      await this.wait(step.latencyMs);
      return false;
    }
    await readBody(incoming).catch(() => undefined);
    if (step === "reset") {
      incoming.socket.destroy();
      return true;
    }
    if (step === "stall") return true; // never answer; the client's timeout must fire
    if (step === "stall-body") {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
      res.write('{"partial":');
      return true;
    }
    const response: EmulatorResponse =
      typeof step === "number"
        ? step === 401
          ? text(401, "Invalid or expired token.")
          : json(step, { message: `Injected fault: HTTP ${step}`, statuscode: step })
        : {
            status: step.status,
            json: step.body ?? { message: `Injected fault: HTTP ${step.status}` },
            headers: step.headers,
          };
    send(res, response, incoming.method ?? "GET");
    return true;
  }
}

const readBody = (incoming: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks)));
    incoming.on("error", reject);
  });

const send = (res: ServerResponse, response: EmulatorResponse, method: string) => {
  if (res.headersSent || res.destroyed) return;
  let body: Buffer | undefined;
  let contentType = response.contentType;
  if (response.body !== undefined) {
    body = response.body;
  } else if (response.text !== undefined) {
    body = Buffer.from(response.text, "utf8");
    contentType ??= "text/plain; charset=utf-8";
  } else if (response.json !== undefined) {
    body = Buffer.from(JSON.stringify(response.json), "utf8");
    contentType ??= "application/json";
  }
  const headers: Record<string, string> = { ...response.headers };
  if (contentType) headers["Content-Type"] = contentType;
  headers["Content-Length"] = String(body?.length ?? 0);
  res.writeHead(response.status, headers);
  res.end(method === "HEAD" ? undefined : body);
};

/** Starts an emulator; `await emulator.stop()` when done. */
export const startEmulator = async (options: EmulatorOptions = {}): Promise<BynderEmulator> => {
  const emulator = new BynderEmulator(options);
  await emulator.start();
  return emulator;
};
