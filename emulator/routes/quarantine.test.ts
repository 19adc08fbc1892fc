import { seedQuarantine } from "../seedServices";
import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;
const entries = () => [...env.emulator.portal.quarantine.values()];

beforeEach(() => seedQuarantine(env.emulator.portal));

describe("/v7/quarantine/v1", () => {
  it("lists the entries newest first with their total", async () => {
    const reply = await call("GET", "/v7/quarantine/v1/assets");
    expect(reply.status).toBe(200);
    expect(reply.body.totalCount).toBe(entries().length);
    const added = reply.body.assets.map((a: { dateAdded: string }) => a.dateAdded);
    expect(added).toEqual([...added].sort().reverse());
    expect(added[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it("finds an entry by its own id or by its asset's id", async () => {
    const entry = entries()[0];
    for (const id of [entry.id, entry.assetId, entry.id.toUpperCase()]) {
      const reply = await call("GET", `/v7/quarantine/v1/assets/${id}`);
      expect(reply.body.id).toBe(entry.id);
    }
    const missing = await call(
      "GET",
      "/v7/quarantine/v1/assets/00000000-0000-4000-8000-000000000000",
    );
    expect(missing).toMatchObject({ status: 404, body: { message: "Asset not found" } });
  });

  it("takes DENIED and reports REJECTED; refuses anything else", async () => {
    const entry = entries()[1];
    const denied = await call("PUT", `/v7/quarantine/v1/assets/${entry.id}`, {
      json: { data: { review_status: "DENIED" } },
    });
    expect(denied).toMatchObject({ status: 200, body: {} });
    expect(entry.reviewStatus).toBe("REJECTED");
    const wrong = await call("PUT", `/v7/quarantine/v1/assets/${entry.id}`, {
      json: { review_status: "APPROVED" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get("content-type")).toBe("application/vnd.api+json");
    expect(wrong.body.errors[0].detail).toMatch(/"data"/);
  });

  it("needs the audit scopes, and answers 'not enabled' when the plan lacks it", async () => {
    const readOnly = env.emulator.issueToken(["antivirus.asset.audit:read"]);
    const write = await call("POST", "/v7/quarantine/v1/antivirus-audit", {
      token: readOnly,
      json: { data: { antivirus_asset_ids: [entries()[0].id], review_status: "APPROVED" } },
    });
    expect(write.status).toBe(403);
    env.emulator.portal.features.quarantine = false;
    try {
      const off = await call("GET", "/v7/quarantine/v1/assets");
      expect(off.status).toBe(403);
      expect(off.body.errors[0].detail).toBe(
        "Antivirus quarantine is not enabled for this account.",
      );
    } finally {
      env.emulator.portal.features.quarantine = true;
    }
  });
});
