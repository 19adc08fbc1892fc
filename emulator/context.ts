/**
 * What a route file sees of the emulator: the request, the portal and a few settings. Route files
 * import this module, `http.ts` and the portal's helpers, never `server.ts`, so the server can
 * list every route without the routes depending on it.
 */
import type { EmulatorRequest, EmulatorResponse } from "./http";
import type { Portal } from "./portal";

/** The emulator as its routes see it (`BynderEmulator` implements it). */
export interface RouteContext {
  /** All state: records, issued tokens, OAuth grants, uploads and S3, cached views. */
  readonly portal: Portal;
  /** Seconds an access token lives (Bynder: 3600). */
  readonly tokenTtlSeconds: number;
  /** How long a finalised upload "processes" before poll reports it done. */
  readonly processingMs: number;
}

/** A handler answers, or throws an `Answer` (`http.ts`) from a helper that found a problem. */
export type Handler = (
  req: EmulatorRequest,
  context: RouteContext,
) => EmulatorResponse | Promise<EmulatorResponse>;

export interface Route {
  method: string;
  /** `/api/v4/media/:id`; a trailing slash on the request is always optional. */
  path: string;
  handler: Handler;
  /** OAuth scope the bearer token needs; "" for any valid token; `false` for no token (OAuth, S3). */
  scope: string | false;
  /** The handler reads the body itself from `req.incoming` (multipart S3 uploads). */
  stream?: boolean;
}

/** One row of a route table: `route("GET", "/api/v4/media/:id", "asset:read", getMedia)`. */
export const route = (
  method: string,
  path: string,
  scope: string | false,
  handler: Handler,
  stream = false,
): Route => ({ method, path, scope, handler, stream });
