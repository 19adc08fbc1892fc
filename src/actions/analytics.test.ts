import { isConnectionError } from "@prismatic-io/spectral";
import type { AnalyticsEvent } from "../../emulator/portal";
import { seedAnalytics } from "../../emulator/seedServices";
import { DEFAULT_SCOPES } from "../connections";
import {
  errorOf,
  expectExampleShape,
  type Loose,
  runWithScopes,
  useEmulator,
} from "../../test/support";

const env = useEmulator();
const ANALYTICS_SCOPES = `${DEFAULT_SCOPES} analytics.api:read`;
const run = runWithScopes(env, ANALYTICS_SCOPES);
const events = () => env.emulator.portal.analyticsEvents;

/** `count` logins, a second apart from 2024-03-01. */
const addLogins = (count: number) => {
  const start = Date.UTC(2024, 2, 1);
  const userId = [...env.emulator.portal.users.keys()][0];
  for (let i = 0; i < count; i++) {
    events().push({
      id: (i + 1).toString(16).padStart(24, "0"),
      kind: "login",
      dateTime: start + i * 1000,
      userId,
    } satisfies AnalyticsEvent);
  }
};

beforeEach(() => seedAnalytics(env.emulator.portal));
afterEach(() => {
  env.emulator.portal.features.analytics = true;
});

describe("listAnalyticsEvents", () => {
  it("reads one page of a feed in a date range, with the cursor of the next page", async () => {
    const views = events().filter((e) => e.kind === "view");
    const from = new Date(views[0].dateTime - 1000);
    const result = await run("listAnalyticsEvents", {
      feed: "assetViews",
      from: from.toISOString(),
      to: "2100-01-01T00:00:00Z",
      limit: "3",
    });
    const [request] = env.emulator.requestsTo("/v7/analytics/api/v2/asset/views", "GET");
    expect(request.query).toEqual({
      fromDateTime: [from.toISOString().replace(/\.\d{3}Z$/, "Z")],
      toDateTime: ["2100-01-01T00:00:00Z"],
      limit: ["3"],
    });
    expect(result.data).toHaveLength(3);
    expect(result.data[0]).toMatchObject({
      eventType: "AssetViewed",
      assetId: views[0].assetId,
      userId: views[0].userId,
    });
    expect(result.headers).toEqual({ "next-cursor": "3" });
    expectExampleShape("listAnalyticsEvents", result);

    const next = await run("listAnalyticsEvents", {
      feed: "assetViews",
      limit: "3",
      cursor: result.headers["next-cursor"],
    });
    expect(env.emulator.requestsTo("/v7/analytics")[1].query.cursor).toEqual(["3"]);
    expect(next.data[0].eventId).not.toBe(result.data[2].eventId);
  });

  it("reads the v1 feeds with their string cursors", async () => {
    addLogins(5);
    const logins = events().filter((e) => e.kind === "login").length;
    const first = await run("listAnalyticsEvents", { feed: "userLogins", limit: "4" });
    expect(first.data.map((e: Loose) => e.eventType)).toEqual(Array(4).fill("user.login"));
    const second = await run("listAnalyticsEvents", {
      feed: "userLogins",
      limit: "100",
      cursor: first.headers["next-cursor"],
    });
    expect(first.data.length + second.data.length).toBe(logins);
    expect(second.headers).toEqual({});
    expect(env.emulator.requestsTo("/v7/analytics/api/v1/user/login")).toHaveLength(2);
  });

  it("fetches every page with Fetch All", async () => {
    addLogins(25);
    const logins = events().filter((e) => e.kind === "login").length;
    const result = await run("listAnalyticsEvents", {
      feed: "userLogins",
      limit: "10",
      fetchAll: true,
    });
    expect(result.data).toHaveLength(logins);
    expect(new Set(result.data.map((e: Loose) => e.id)).size).toBe(logins);
    expect(result.headers).toEqual({});
    expect(env.emulator.requestsTo("/v7/analytics")).toHaveLength(Math.ceil(logins / 10));
  });

  it("stops Fetch All at 100,000 events and says where to read on", async () => {
    addLogins(100_001);
    const error = await errorOf(run("listAnalyticsEvents", { feed: "userLogins", fetchAll: true }));
    expect(error.message).toMatch(
      /^List Analytics Events: more than 100,000 events, the most Fetch All reads in one run\. Narrow From and To, or read on with Cursor \S+\.$/,
    );
    const requests = env.emulator.requestsTo("/v7/analytics");
    expect(requests).toHaveLength(10);
    expect(requests[0].query.limit).toEqual(["10000"]);
  });

  it("passes Bynder's message on", async () => {
    await expect(
      run("listAnalyticsEvents", { feed: "assetDownloads", cursor: "not-a-cursor" }),
    ).rejects.toThrow(
      'Bynder GET /v7/analytics/api/v1/asset/download failed with HTTP 400: cursor "not-a-cursor" is not a cursor this feed handed out.',
    );
  });

  it("rejects bad input before calling Bynder", async () => {
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ feed: "everything" }, /^Feed must be one of assetViews, /],
      [{ feed: "assetViews", from: "last week" }, /^From must be an ISO 8601 date-time/],
      [
        { feed: "assetViews", from: "2024-02-01T00:00:00Z", to: "2024-01-01T00:00:00Z" },
        "From must not be later than To.",
      ],
      [{ feed: "assetViews", limit: "20000" }, "Limit must be between 1 and 10000; got 20000."],
      [{ feed: "assetViews", cursor: "a b" }, /^Cursor must be the next-cursor value/],
    ];
    for (const [params, message] of cases) {
      await expect(run("listAnalyticsEvents", params)).rejects.toThrow(message);
    }
    expect(env.emulator.requests).toEqual([]);
  });

  it("says which scope the connection lacks, without calling Bynder", async () => {
    const error = await errorOf(run("listAnalyticsEvents", { feed: "assetViews" }, DEFAULT_SCOPES));
    expect(isConnectionError(error)).toBe(true);
    expect(error.message).toBe(
      "List Analytics Events needs the analytics.api:read scope, which this Bynder connection does not request. Add \"analytics.api:read\" to the connection's Scopes and connect again; the connection's Bynder user also needs access to Bynder Analytics.",
    );
    expect(env.emulator.requests).toEqual([]);
  });

  it("says plainly when the portal's plan has no analytics", async () => {
    env.emulator.portal.features.analytics = false;
    const error = await errorOf(run("listAnalyticsEvents", { feed: "assetViews" }));
    expect(isConnectionError(error)).toBe(false);
    expect(error.message).toMatch(
      /^List Analytics Events: The Analytics API is not enabled on this Bynder portal\. .*HTTP 403: The Analytics API is not enabled for this account\.\)$/,
    );
  });
});

describe("getAssetActivity", () => {
  it("reads every event on one asset", async () => {
    const assetId = events().find((e) => e.kind === "download")!.assetId!;
    const page = await run("getAssetActivity", { assetId, limit: "2" });
    const [request] = env.emulator.requestsTo("/v7/analytics", "GET");
    expect(request.path).toBe(`/v7/analytics/api/v1/asset/${assetId}`);
    expect(page.data).toHaveLength(2);
    expectExampleShape("getAssetActivity", page);

    const result = await run("getAssetActivity", { assetId, fetchAll: "true" });
    const expected = events().filter((e) => e.assetId === assetId);
    expect(result.data.map((e: Loose) => e.id)).toEqual(expected.map((e) => e.id));
    expect(result.data.map((e: Loose) => e.eventType)).toContain("asset.download");
    expect(result.data.every((e: Loose) => e.assetId === assetId)).toBe(true);
  });

  it("passes Bynder's 404 message on", async () => {
    const unknown = "00000000-0000-0000-0000000000000000";
    await expect(run("getAssetActivity", { assetId: unknown })).rejects.toThrow(
      `Bynder GET /v7/analytics/api/v1/asset/${unknown} failed with HTTP 404: Asset ${unknown} not found.`,
    );
  });

  it("needs the analytics.api:read scope", async () => {
    const assetId = events()[0].assetId;
    await expect(run("getAssetActivity", { assetId }, DEFAULT_SCOPES)).rejects.toThrow(
      /^Get Asset Activity needs the analytics\.api:read scope/,
    );
    expect(env.emulator.requests).toEqual([]);
  });
});
