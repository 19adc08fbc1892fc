import { seedAnalytics } from "../seedServices";
import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;

beforeEach(() => seedAnalytics(env.emulator.portal));

describe("/v7/analytics/api", () => {
  it("pages the v1 feeds with base64 offset cursors and Next-Url", async () => {
    const token = env.emulator.issueToken(["analytics.api:read"]);
    const first = await call("GET", "/v7/analytics/api/v1/asset/view?limit=2", { token });
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(2);
    expect(first.headers.get("next-cursor")).toBe(Buffer.from("2").toString("base64url"));
    expect(first.headers.get("next-url")).toMatch(/^\/api\/v1\/asset\/view\?limit=2&cursor=/);
    const views = env.emulator.portal.analyticsEvents.filter((e) => e.kind === "view").length;
    const rest = await call(
      "GET",
      `/v7/analytics/api/v1/asset/view?limit=1000&cursor=${first.headers.get("next-cursor")}`,
      { token },
    );
    expect(rest.body).toHaveLength(views - 2);
    expect(rest.headers.get("next-cursor")).toBeNull();
  });

  it("pages the v2 asset views with integer cursors and checks dates and limits", async () => {
    const token = env.emulator.issueToken(["analytics.api:read"]);
    const page = await call("GET", "/v7/analytics/api/v2/asset/views?limit=1&cursor=1", { token });
    expect(page.headers.get("next-cursor")).toBe("2");
    const bad = await call("GET", "/v7/analytics/api/v2/asset/views?fromDateTime=yesterday", {
      token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].detail).toMatch(/^fromDateTime must be an ISO 8601 date-time/);
    const big = await call("GET", "/v7/analytics/api/v2/asset/views?limit=10001", { token });
    expect(big.status).toBe(400);
  });

  it("needs analytics.api:read", async () => {
    const token = env.emulator.issueToken(["asset:read"]);
    const reply = await call("GET", "/v7/analytics/api/v1/user/login", { token });
    expect(reply.status).toBe(403);
  });
});
