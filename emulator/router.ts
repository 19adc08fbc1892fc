/**
 * Finds the route for a request. Literal path segments rank above parameters, position by
 * position, so `/api/v4/media/save` wins over `/api/v4/media/:id` whatever order the route
 * tables list them in.
 */
import type { Route } from "./context";

interface Compiled extends Route {
  segments: string[];
  /** One letter per segment, `L` literal or `P` parameter: sorting these ranks the routes. */
  rank: string;
}

export class Router {
  private readonly compiled: Compiled[] = [];

  add(routes: readonly Route[]): void {
    for (const r of routes) {
      const segments = split(r.path);
      const rank = segments.map((s) => (s.startsWith(":") ? "P" : "L")).join("");
      this.compiled.push({ ...r, segments, rank });
    }
    // A stable sort: routes of the same shape keep their order (they cannot both match a path).
    this.compiled.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
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
