import { isConnectionError } from "@prismatic-io/spectral";
import { seedQuarantine } from "../../emulator/seedServices";
import { DEFAULT_SCOPES } from "../connections";
import * as examples from "../examplePayloads/picklists";
import {
  connectionTo,
  errorOf,
  expectExampleShape,
  harness,
  type Loose,
  runWithScopes,
  useEmulator,
} from "../../test/support";

const env = useEmulator();
const AUDIT_SCOPES = `${DEFAULT_SCOPES} antivirus.asset.audit:read antivirus.asset.audit:write`;
const run = runWithScopes(env, AUDIT_SCOPES);
const entries = () => [...env.emulator.portal.quarantine.values()];

beforeEach(() => seedQuarantine(env.emulator.portal)); // reviews change the entries
afterEach(() => {
  env.emulator.portal.features.quarantine = true;
});

describe("listQuarantinedAssets", () => {
  it("returns the quarantined uploads with their scan and review status", async () => {
    const result = await run("listQuarantinedAssets", {});
    expect(env.emulator.requestsTo("/v7/quarantine/v1/assets", "GET")[0].path).toBe(
      "/v7/quarantine/v1/assets",
    );
    expect(result.data.totalCount).toBe(entries().length);
    expect(result.data.assets.map((a: Loose) => a.id).sort()).toEqual(
      entries()
        .map((e) => e.id)
        .sort(),
    );
    const infected = result.data.assets.find((a: Loose) => a.scanStatus === "INFECTED");
    expect(infected).toMatchObject({ isSafe: false, reviewStatus: null });
    expect(infected.dateAdded).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expectExampleShape("listQuarantinedAssets", result);
  });

  it("says which scope the connection lacks, without calling Bynder", async () => {
    const error = await errorOf(run("listQuarantinedAssets", {}, DEFAULT_SCOPES));
    expect(isConnectionError(error)).toBe(true);
    expect(error.message).toBe(
      'List Quarantined Assets needs the antivirus.asset.audit:read scope, which this Bynder connection does not request. Add "antivirus.asset.audit:read antivirus.asset.audit:write" to the connection\'s Scopes and connect again; the connection\'s Bynder user also needs the "Audit quarantined assets" permission.',
    );
    expect(env.emulator.requests).toEqual([]);
  });

  it("says plainly when the portal's plan has no quarantine", async () => {
    env.emulator.portal.features.quarantine = false;
    const error = await errorOf(run("listQuarantinedAssets", {}));
    expect(isConnectionError(error)).toBe(false);
    expect(error.message).toMatch(
      /^List Quarantined Assets: Antivirus quarantine is not enabled on this Bynder portal\. .*HTTP 403: Antivirus quarantine is not enabled for this account\.\)$/,
    );
  });
});

describe("getQuarantinedAsset", () => {
  it("retrieves one entry by its id", async () => {
    const entry = entries().find((e) => e.reviewStatus)!;
    const result = await run("getQuarantinedAsset", { id: entry.id });
    expect(env.emulator.requestsTo("/v7/quarantine")[0].path).toBe(
      `/v7/quarantine/v1/assets/${entry.id}`,
    );
    expect(result.data).toMatchObject({ id: entry.id, assetName: entry.assetName });
    expectExampleShape("getQuarantinedAsset", result);
  });

  it("passes Bynder's 404 message on", async () => {
    const unknown = "0badc0de-0000-4000-8000-000000000000";
    await expect(run("getQuarantinedAsset", { id: unknown })).rejects.toThrow(
      `Bynder GET /v7/quarantine/v1/assets/${unknown} failed with HTTP 404: Asset not found`,
    );
  });

  it("rejects a malformed id before calling Bynder", async () => {
    await expect(run("getQuarantinedAsset", { id: "brochure" })).rejects.toThrow(
      /^Quarantined Asset ID must be a Bynder workflow id of 8-4-4-4-12/,
    );
    expect(env.emulator.requests).toEqual([]);
  });
});

describe("reviewQuarantinedAssets", () => {
  it("reviews one entry with PUT", async () => {
    const entry = entries().find((e) => e.scanStatus === "INFECTED")!;
    const result = await run("reviewQuarantinedAssets", {
      ids: [entry.id],
      reviewStatus: "DENIED",
    });
    const [request] = env.emulator.requestsTo("/v7/quarantine", "PUT");
    expect(request.path).toBe(`/v7/quarantine/v1/assets/${entry.id}`);
    expect(request.json).toEqual({ data: { review_status: "DENIED" } });
    expect(result.data).toEqual({});
    expect(entry.reviewStatus).toBe("REJECTED");
    expectExampleShape("reviewQuarantinedAssets", result);
  });

  it("reviews several entries in one POST", async () => {
    const ids = entries()
      .slice(0, 2)
      .map((e) => e.id);
    await run("reviewQuarantinedAssets", { ids, reviewStatus: "APPROVED" });
    const [request] = env.emulator.requestsTo("/v7/quarantine/v1/antivirus-audit", "POST");
    expect(request.json).toEqual({
      data: { antivirus_asset_ids: ids, review_status: "APPROVED" },
    });
    expect(
      entries()
        .slice(0, 2)
        .map((e) => e.reviewStatus),
    ).toEqual(["APPROVED", "APPROVED"]);
  });

  it("passes Bynder's message on", async () => {
    const unknown = "0badc0de-0000-4000-8000-000000000000";
    await expect(
      run("reviewQuarantinedAssets", { ids: [entries()[0].id, unknown], reviewStatus: "DENIED" }),
    ).rejects.toThrow(
      `Bynder POST /v7/quarantine/v1/antivirus-audit failed with HTTP 400: Not in quarantine: ${unknown}.`,
    );
  });

  it("needs the write scope and a valid status before calling Bynder", async () => {
    const read = `${DEFAULT_SCOPES} antivirus.asset.audit:read`;
    const error = await errorOf(
      run("reviewQuarantinedAssets", { ids: [entries()[0].id], reviewStatus: "DENIED" }, read),
    );
    expect(isConnectionError(error)).toBe(true);
    expect(error.message).toMatch(
      /^Review Quarantined Assets needs the antivirus\.asset\.audit:write scope/,
    );
    await expect(
      run("reviewQuarantinedAssets", { ids: [entries()[0].id], reviewStatus: "MAYBE" }),
    ).rejects.toThrow('Review Status must be one of APPROVED, DENIED; got "MAYBE".');
    await expect(run("reviewQuarantinedAssets", { reviewStatus: "DENIED" })).rejects.toThrow(
      "Quarantined Asset IDs is required: give at least one id.",
    );
    expect(env.emulator.requests).toEqual([]);
  });
});

describe("selectQuarantinedAsset", () => {
  it("lists the entries by file name and status", async () => {
    const { result } = (await harness.dataSource("selectQuarantinedAsset", {
      connection: connectionTo(env.emulator, AUDIT_SCOPES),
    })) as { result: { key: string; label: string }[] };
    expect(result.map((e) => e.key).sort()).toEqual(
      entries()
        .map((e) => e.id)
        .sort(),
    );
    const infected = entries().find((e) => e.scanStatus === "INFECTED")!;
    expect(result).toContainEqual({ key: infected.id, label: `${infected.assetName} (INFECTED)` });
    expect(result.slice(0, 2)).toEqual(examples.selectQuarantinedAsset);
  });
});
