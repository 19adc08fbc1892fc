import { route, type Handler } from "./context";
import { json } from "./http";
import { Router } from "./router";

/** A handler that answers with its own name, so a match shows which route won. */
const named =
  (name: string): Handler =>
  () =>
    json(200, name);

const winner = (router: Router, method: string, path: string) => {
  const matched = router.match(method, path);
  return matched && matched !== "method" ? matched.route.path : matched;
};

describe("Router", () => {
  const routes = [
    route("GET", "/api/v4/media/:id", "", named("get")),
    route("POST", "/api/v4/media/:id", "", named("modify")),
    route("POST", "/api/v4/media/save", "", named("save")),
    route("POST", "/api/v4/media/:mediaId/save/:importId", "", named("version")),
    route("POST", "/api/v4/media/:mediaId/save/additional", "", named("additional")),
    route("POST", "/api/v4/media/save/:importId", "", named("saveImport")),
  ];

  it.each([
    ["in table order", routes],
    ["in reverse order", [...routes].reverse()],
  ])("ranks literal segments above parameters, %s", (_, table) => {
    const router = new Router();
    router.add(table);
    expect(winner(router, "POST", "/api/v4/media/save")).toBe("/api/v4/media/save");
    expect(winner(router, "POST", "/api/v4/media/ABC")).toBe("/api/v4/media/:id");
    expect(winner(router, "POST", "/api/v4/media/ABC/save/additional")).toBe(
      "/api/v4/media/:mediaId/save/additional",
    );
    expect(winner(router, "POST", "/api/v4/media/ABC/save/DEF")).toBe(
      "/api/v4/media/:mediaId/save/:importId",
    );
    expect(winner(router, "POST", "/api/v4/media/save/DEF")).toBe("/api/v4/media/save/:importId");
  });

  it("falls through to a parameter route when the literal one has another method", () => {
    const router = new Router();
    router.add(routes);
    // GET /api/v4/media/save is "get asset `save`" (a 404 from its handler), not a 405.
    expect(winner(router, "GET", "/api/v4/media/save")).toBe("/api/v4/media/:id");
  });

  it("answers 'method' when the path exists only for other methods, and nothing for no path", () => {
    const router = new Router();
    router.add(routes);
    expect(router.match("DELETE", "/api/v4/media/save")).toBe("method");
    expect(router.match("GET", "/api/v4/nothing/here/at/all")).toBeUndefined();
  });

  it("decodes parameters, and a malformed escape matches nothing", () => {
    const router = new Router();
    router.add(routes);
    const matched = router.match("GET", "/api/v4/media/A%20B");
    expect(matched !== "method" && matched?.params).toEqual({ id: "A B" });
    expect(router.match("GET", "/api/v4/media/%E0%A4%A")).toBeUndefined();
  });
});
