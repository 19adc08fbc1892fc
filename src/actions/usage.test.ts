import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { isConnectionError } from "@prismatic-io/spectral";
import { bynderClientCredentials, DEFAULT_SCOPES } from "../connections";
import { connectionTo, expectExampleShape, harness, useEmulator } from "../../test/support";

// Responses are checked field by field; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const env = useEmulator();

const USAGE_SCOPES = `${DEFAULT_SCOPES} asset.usage:read asset.usage:write`;
const asset = (index = 0) => [...env.emulator.portal.media.values()][index];
const integration = () => env.emulator.portal.integrations[0];
const run = (key: string, params: Record<string, unknown>, scopes = USAGE_SCOPES) =>
  harness.action(key, { connection: connectionTo(env.emulator, scopes), ...params }) as Promise<{
    data: Loose;
  }>;

describe("createAssetUsage", () => {
  it("posts the usage as a form and returns Bynder's record", async () => {
    const result = await run("createAssetUsage", {
      assetId: asset().id,
      integrationId: integration().id,
      uri: "/blog/summer",
      timestamp: "2024-05-01T09:30:00Z",
      additional: "Hero image",
    });
    expect(result.data).toEqual({
      id: expect.any(String),
      asset_id: asset().id,
      integration: { id: integration().id, description: integration().description },
      timestamp: "2024-05-01T09:30:00+00:00",
      uri: "/blog/summer",
      additional: "Hero image",
    });
    const [request] = env.emulator.requestsTo("/api/media/usage", "POST");
    expect(request.contentType).toBe("application/x-www-form-urlencoded");
    expect(request.form).toEqual({
      asset_id: [asset().id],
      integration_id: [integration().id],
      timestamp: ["2024-05-01T09:30:00Z"],
      uri: ["/blog/summer"],
      additional: ["Hero image"],
    });
    expectExampleShape("createAssetUsage", result);
  });

  it("leaves out optional fields that are empty", async () => {
    await run("createAssetUsage", { assetId: asset(1).id, integrationId: integration().id });
    const [request] = env.emulator.requestsTo("/api/media/usage", "POST");
    expect(Object.keys(request.form ?? {}).sort()).toEqual(["asset_id", "integration_id"]);
  });

  it("puts Bynder's per-field 400 messages into the error", async () => {
    const unknownIntegration = "00000000-0000-4000-8000-000000000000";
    await expect(
      run("createAssetUsage", { assetId: asset().id, integrationId: unknownIntegration }),
    ).rejects.toThrow(
      `Bynder POST /api/media/usage/ failed with HTTP 400: integration_id: Integration "${unknownIntegration}" does not exist.`,
    );
  });

  it("rejects bad input before calling Bynder", async () => {
    const cases: [Record<string, unknown>, RegExp | string][] = [
      [{ integrationId: integration().id }, "Asset ID is required"],
      [{ assetId: asset().id }, "Integration ID is required"],
      [
        { assetId: asset().id, integrationId: "12345" },
        /^Integration ID must be an id of 8-4-4-4-12/,
      ],
      [
        { assetId: asset().id, integrationId: integration().id, timestamp: "next week" },
        /^Timestamp must be an ISO 8601 date-time/,
      ],
    ];
    for (const [params, message] of cases) {
      await expect(run("createAssetUsage", params)).rejects.toThrow(message);
    }
    expect(env.emulator.requests).toEqual([]);
  });

  it("says which scope the connection lacks, without calling Bynder", async () => {
    const error: unknown = await run(
      "createAssetUsage",
      { assetId: asset().id, integrationId: integration().id },
      DEFAULT_SCOPES,
    ).catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Create Asset Usage needs the asset.usage:write scope, which this Bynder connection does not request. Add \"asset.usage:read asset.usage:write\" to the connection's Scopes and connect again; the connection's Bynder user also needs the STATISTICS role.",
    );
    expect(env.emulator.requests).toEqual([]);
  });

  it("reports Bynder's 403 when the token lacks the scope the connection lists", async () => {
    // Bynder grants only the scopes the user may have: the token can lack one the connection asks for.
    const connection = createConnection(
      bynderClientCredentials,
      {
        tokenUrl: env.emulator.tokenUrl,
        scopes: USAGE_SCOPES,
        clientId: env.emulator.clientId,
        clientSecret: env.emulator.clientSecret,
      },
      { access_token: env.emulator.issueToken(DEFAULT_SCOPES), token_type: "bearer" },
    );
    const error: unknown = await harness
      .action("createAssetUsage", {
        connection,
        assetId: asset().id,
        integrationId: integration().id,
      })
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Bynder POST /api/media/usage/ failed with HTTP 403: The access token lacks the asset.usage:write scope",
    );
    expect(env.emulator.requestsTo("/api/media/usage", "POST")).toHaveLength(1);
  });
});

describe("listAssetUsages", () => {
  it("lists an asset's usages, optionally by integration and URI", async () => {
    const target = asset(2);
    for (const uri of ["/a", "/b"]) {
      await run("createAssetUsage", { assetId: target.id, integrationId: integration().id, uri });
    }
    env.emulator.clearLog();
    const all = await run("listAssetUsages", { assetId: target.id });
    expect(all.data.map((u: { uri: string }) => u.uri).sort()).toEqual(["/a", "/b"]);
    expect(env.emulator.requestsTo("/api/media/usage", "GET")[0].query).toEqual({
      asset_id: [target.id],
    });
    expectExampleShape("listAssetUsages", all);

    env.emulator.clearLog();
    const one = await run("listAssetUsages", {
      assetId: target.id,
      integrationId: integration().id,
      uri: "/b",
    });
    expect(one.data.map((u: { uri: string }) => u.uri)).toEqual(["/b"]);
    expect(env.emulator.requestsTo("/api/media/usage", "GET")[0].query).toEqual({
      asset_id: [target.id],
      integration_id: [integration().id],
      uri: ["/b"],
    });
  });

  it("passes on Bynder's 400 for an unknown asset", async () => {
    const unknown = "00000000-0000-0000-0000000000000000";
    await expect(run("listAssetUsages", { assetId: unknown })).rejects.toThrow(
      `HTTP 400: asset_id: Asset "${unknown}" does not exist.`,
    );
  });

  it("needs asset.usage:read on the connection", async () => {
    await expect(run("listAssetUsages", { assetId: asset().id }, DEFAULT_SCOPES)).rejects.toThrow(
      "List Asset Usages needs the asset.usage:read scope",
    );
    await expect(
      run("listAssetUsages", { assetId: asset().id }, `${DEFAULT_SCOPES} asset.usage:read`),
    ).resolves.toEqual({ data: expect.any(Array) });
  });

  it("rejects a malformed optional Integration ID before calling Bynder", async () => {
    await expect(
      run("listAssetUsages", { assetId: asset().id, integrationId: "x" }),
    ).rejects.toThrow(/^Integration ID must be/);
    expect(env.emulator.requests).toEqual([]);
  });
});

describe("deleteAssetUsage", () => {
  it("deletes the usage at one URI, then every usage of the integration", async () => {
    const target = asset(3);
    for (const uri of ["/x", "/y"]) {
      await run("createAssetUsage", { assetId: target.id, integrationId: integration().id, uri });
    }
    env.emulator.clearLog();
    const result = await run("deleteAssetUsage", {
      assetId: target.id,
      integrationId: integration().id,
      uri: "/x",
    });
    expect(result).toEqual({ data: "" });
    expectExampleShape("deleteAssetUsage", result);
    const [request] = env.emulator.requestsTo("/api/media/usage", "DELETE");
    expect(request.query).toEqual({
      asset_id: [target.id],
      integration_id: [integration().id],
      uri: ["/x"],
    });
    expect(
      env.emulator.portal.usages.filter((u) => u.assetId === target.id).map((u) => u.uri),
    ).toEqual(["/y"]);

    await run("deleteAssetUsage", { assetId: target.id, integrationId: integration().id });
    expect(env.emulator.portal.usages.some((u) => u.assetId === target.id)).toBe(false);
  });

  it("needs asset.usage:write on the connection", async () => {
    await expect(
      run(
        "deleteAssetUsage",
        { assetId: asset().id, integrationId: integration().id },
        `${DEFAULT_SCOPES} asset.usage:read`,
      ),
    ).rejects.toThrow("Delete Asset Usage needs the asset.usage:write scope");
    expect(env.emulator.requests).toEqual([]);
  });

  it("rejects a missing Integration ID before calling Bynder", async () => {
    await expect(run("deleteAssetUsage", { assetId: asset().id })).rejects.toThrow(
      "Integration ID is required",
    );
    expect(env.emulator.requests).toEqual([]);
  });
});

describe("syncAssetUsages", () => {
  const integrationOf = () => env.emulator.portal.integrations[1];
  const usagesOf = () =>
    env.emulator.portal.usages
      .filter((u) => u.integrationId === integrationOf().id)
      .map((u) => `${u.assetId} ${u.uri}`)
      .sort();

  it("sends the complete list as JSON; Bynder adds, keeps, refuses and removes", async () => {
    const integrationId = integrationOf().id;
    // Before: asset 3 used at /kept and /gone.
    for (const uri of ["/kept", "/gone"]) {
      await run("createAssetUsage", { assetId: asset(3).id, integrationId, uri });
    }
    env.emulator.clearLog();
    const unknown = "00000000-0000-0000-0000000000000000";
    const usages = [
      { asset_id: asset(3).id, uri: "/kept" },
      { asset_id: asset(4).id, uri: "/kept", additional: "Footer" },
      { asset_id: unknown, uri: "/kept" },
    ];
    const result = await run("syncAssetUsages", {
      integrationId,
      usages: JSON.stringify(usages),
      uris: ["/kept", "/gone"],
    });
    const [request] = env.emulator.requestsTo("/api/media/usage/sync", "POST");
    expect(request.contentType).toBe("application/json");
    expect(request.json).toEqual({
      integration_id: integrationId,
      uris: ["/kept", "/gone"],
      usages,
    });
    expect(result.data.new.map((u: Loose) => u.asset_id)).toEqual([asset(4).id]);
    expect(result.data.rejected).toEqual([
      { asset_id: unknown, uri: "/kept", reason: `Asset "${unknown}" does not exist` },
    ]);
    expect(result.data.removed).toEqual([{ asset_id: asset(3).id, uri: "/gone" }]);
    expect(usagesOf()).toEqual([`${asset(3).id} /kept`, `${asset(4).id} /kept`].sort());
    expectExampleShape("syncAssetUsages", result);
  });

  it("covers the URIs named in Usages when URIs is empty", async () => {
    await run("syncAssetUsages", {
      integrationId: integrationOf().id,
      usages: [
        { asset_id: asset(5).id, uri: "/a" },
        { asset_id: asset(5).id, uri: "/b" },
      ],
    });
    expect(env.emulator.requestsTo("/api/media/usage/sync")[0].json).toMatchObject({
      uris: ["/a", "/b"],
    });
  });

  it("passes Bynder's per-field message on", async () => {
    const unknownIntegration = "00000000-0000-4000-8000-000000000000";
    await expect(
      run("syncAssetUsages", {
        integrationId: unknownIntegration,
        usages: [{ asset_id: asset().id, uri: "/a" }],
      }),
    ).rejects.toThrow(
      `Bynder POST /api/media/usage/sync/ failed with HTTP 400: integration_id: Integration "${unknownIntegration}" does not exist.`,
    );
  });

  it("rejects bad input and a missing scope before calling Bynder", async () => {
    const integrationId = integrationOf().id;
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ integrationId }, /^Usages, URIs: give the usages to keep/],
      [{ integrationId, usages: "{" }, /^Usages must be valid JSON/],
      [{ integrationId, usages: '{"asset_id": "x"}' }, /^Usages must be a JSON list/],
      [
        { integrationId, usages: [{ asset_id: "12", uri: "/a" }] },
        /^Usages item 1: asset_id must be a Bynder asset-bank id/,
      ],
      [{ integrationId, usages: [{ asset_id: asset().id }] }, "Usages item 1: uri is required"],
    ];
    for (const [params, message] of cases) {
      await expect(run("syncAssetUsages", params)).rejects.toThrow(message);
    }
    const error: unknown = await run(
      "syncAssetUsages",
      { integrationId, uris: ["/a"] },
      DEFAULT_SCOPES,
    ).catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Sync Asset Usages needs the asset\.usage:write scope, .* the STATISTICS role\.$/,
    );
    expect(env.emulator.requests).toEqual([]);
  });
});
