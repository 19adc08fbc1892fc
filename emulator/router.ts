import type { EmulatorRequest, EmulatorResponse } from "./http";
import type { Portal } from "./portal";

export type Handler = (
  req: EmulatorRequest,
  portal: Portal,
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

/** Shorthand for route tables: `route("GET", "/api/v4/media/:id", "asset:read", handler)`. */
export const route = (
  method: string,
  path: string,
  scope: string | false,
  handler: Handler,
  stream = false,
): Route => ({
  method,
  path,
  scope,
  handler,
  stream,
});

interface Compiled extends Route {
  segments: string[];
}

export class Router {
  private readonly compiled: Compiled[] = [];

  add(routes: Route[]): void {
    for (const r of routes) this.compiled.push({ ...r, segments: split(r.path) });
  }

  /** The route for method + path, `"method"` when only the method is wrong, undefined for none. */
  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | "method" | undefined {
    const segments = split(path);
    let pathMatched = false;
    for (const candidate of this.compiled) {
      const params = matchSegments(candidate.segments, segments);
      if (!params) continue;
      if (candidate.method === method || (method === "HEAD" && candidate.method === "GET")) {
        return { route: candidate, params };
      }
      pathMatched = true;
    }
    return pathMatched ? "method" : undefined;
  }
}

const split = (path: string) => path.split("/").filter(Boolean);

const matchSegments = (pattern: string[], actual: string[]): Record<string, string> | undefined => {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(":")) {
      try {
        params[pattern[i].slice(1)] = decodeURIComponent(actual[i]);
      } catch {
        return undefined;
      }
    } else if (pattern[i] !== actual[i]) {
      return undefined;
    }
  }
  return params;
};
