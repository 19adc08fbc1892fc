/**
 * Test plumbing for the client's tests: a scriptable portal on 127.0.0.1 (plain http is allowed
 * there) that records each request and answers it with the next queued handler, so a test can play
 * a hostile or broken server. Used only by tests; never imported from the component.
 */
import http, { type IncomingMessage, type ServerResponse } from "http";
import type { AddressInfo } from "net";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { bynderClientCredentials } from "../connections";
import type { ClientContext } from "./client";

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}
export type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

export interface TestServer {
  origin: string;
  seen: Seen[];
  /** Handlers used in order; the last one repeats. */
  reply: (...handlers: Handler[]) => void;
  close: () => Promise<void>;
}

export const startServer = async (): Promise<TestServer> => {
  let handlers: Handler[] = [];
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry: Seen = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      seen.push(entry);
      const handler = handlers.length > 1 ? handlers.shift()! : handlers[0];
      if (handler) handler(req, res, entry);
      else json(200, { ok: true })(req, res, entry);
    });
  });
  const sockets = new Set<import("net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    reply: (...next) => {
      handlers = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
export const text =
  (status: number, body: string, type = "text/plain"): Handler =>
  (_req, res) => {
    res.writeHead(status, { "Content-Type": type });
    res.end(body);
  };
export const hangUp: Handler = (req) => req.socket.destroy();
export const neverAnswer: Handler = () => undefined;

// ---------------------------------------------------------------------------------------------

export const TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
export const REFRESH = "ref_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
export const SECRET = "sec_client_secret_5e6f7a8b9c0d";

export const TOKEN_PATH = "/v6/authentication/oauth2/token";
export const AUTH_PATH = "/v6/authentication/oauth2/auth";

/** A client-credentials connection to `origin` with the test token. */
export const connectionFor = (origin: string, token: Record<string, unknown> = {}) =>
  createConnection(
    bynderClientCredentials,
    {
      tokenUrl: `${origin}${TOKEN_PATH}`,
      scopes: "asset:read",
      clientId: "11111111-2222-3333-4444-555555555555",
      clientSecret: SECRET,
    },
    { access_token: TOKEN, refresh_token: REFRESH, token_type: "bearer", ...token },
  );

export interface Lines {
  debug: string[];
  info: string[];
  warn: string[];
  all: () => string[];
}
/** A logger that keeps its lines, and a client context with debug on or off. */
export const capture = (debugEnabled: boolean): { context: ClientContext; lines: Lines } => {
  const lines: Lines = {
    debug: [],
    info: [],
    warn: [],
    all: () => [...lines.debug, ...lines.info, ...lines.warn],
  };
  const logger = {
    debug: (...args: unknown[]) => lines.debug.push(args.map(String).join(" ")),
    info: (...args: unknown[]) => lines.info.push(args.map(String).join(" ")),
    warn: (...args: unknown[]) => lines.warn.push(args.map(String).join(" ")),
  };
  return { context: { debug: { enabled: debugEnabled }, logger }, lines };
};

/** The error `promise` rejects with; fails the test if it resolves. */
export const failure = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};
