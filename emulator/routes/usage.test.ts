import { useEmulatorHttp } from "../testing";
import { UUID } from "../util";

const env = useEmulatorHttp();
const { call } = env;

const OFFSET_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const firstAsset = () => [...env.emulator.portal.media.values()][0];
const integration = () => env.emulator.portal.integrations[0];

describe("/api/media/usage", () => {
  const usageToken = () => env.emulator.issueToken(["asset.usage:read", "asset.usage:write"]);

  it("creates a usage from a form (with the JS SDK's bare keys) and lists it", async () => {
    const auth = usageToken();
    const asset = firstAsset();
    // The JS SDK sends unset optional fields as bare keys: `timestamp&additional`.
    const body = `asset_id=${asset.id}&integration_id=${integration().id}&timestamp&uri=%2Fblog%2Fa&additional`;
    const created = await call("POST", "/api/media/usage/", { form: body, token: auth });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(UUID),
      asset_id: asset.id,
      integration: { id: integration().id, description: integration().description },
      timestamp: expect.stringMatching(OFFSET_DATE),
      uri: "/blog/a",
      additional: "",
    });

    const stamped = await call("POST", "/api/media/usage", {
      form: form({
        asset_id: asset.id,
        integration_id: integration().id,
        uri: "/blog/b",
        timestamp: "2024-05-01T09:30:00Z",
        additional: "Hero",
      }),
      token: auth,
    });
    expect(stamped.body.timestamp).toBe("2024-05-01T09:30:00+00:00");

    const listed = await call("GET", `/api/media/usage/?asset_id=${asset.id}`, { token: auth });
    expect(listed.status).toBe(200);
    expect(listed.body.map((u: { uri: string }) => u.uri).sort()).toEqual(["/blog/a", "/blog/b"]);
    const byUri = await call(
      "GET",
      `/api/media/usage?asset_id=${asset.id}&integration_id=${integration().id}&uri=%2Fblog%2Fb`,
      { token: auth },
    );
    expect(byUri.body).toEqual([stamped.body]);
  });

  it("updates the usage when the same asset, integration and uri are reported again", async () => {
    const auth = usageToken();
    const asset = [...env.emulator.portal.media.values()][1];
    const fields = { asset_id: asset.id, integration_id: integration().id, uri: "/same" };
    const first = await call("POST", "/api/media/usage", { form: form(fields), token: auth });
    const second = await call("POST", "/api/media/usage", {
      form: form({ ...fields, additional: "again" }),
      token: auth,
    });
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.additional).toBe("again");
    const listed = await call("GET", `/api/media/usage?asset_id=${asset.id}`, { token: auth });
    expect(listed.body).toHaveLength(1);
  });

  it("answers 400 per field for missing or unknown ids and a bad timestamp", async () => {
    const auth = usageToken();
    const none = await call("POST", "/api/media/usage", { form: "uri=x", token: auth });
    expect(none.status).toBe(400);
    expect(none.body).toEqual({
      asset_id: "This field is required.",
      integration_id: "This field is required.",
    });
    const unknown = await call("POST", "/api/media/usage", {
      form: form({
        asset_id: "00000000-0000-0000-0000000000000000",
        integration_id: "00000000-0000-4000-8000-000000000000",
        timestamp: "yesterday",
      }),
      token: auth,
    });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body).sort()).toEqual(["asset_id", "integration_id", "timestamp"]);
    const list = await call("GET", "/api/media/usage", { token: auth });
    expect(list.status).toBe(400);
    expect(list.body).toEqual({ asset_id: "This field is required." });
  });

  it("deletes usages by asset and integration, at one uri or all (204)", async () => {
    const auth = usageToken();
    const asset = [...env.emulator.portal.media.values()][2];
    for (const uri of ["/one", "/two", "/three"]) {
      await call("POST", "/api/media/usage", {
        form: form({ asset_id: asset.id, integration_id: integration().id, uri }),
        token: auth,
      });
    }
    const one = await call(
      "DELETE",
      `/api/media/usage/?asset_id=${asset.id}&integration_id=${integration().id}&uri=%2Fone`,
      { token: auth },
    );
    expect(one.status).toBe(204);
    let listed = await call("GET", `/api/media/usage?asset_id=${asset.id}`, { token: auth });
    expect(listed.body.map((u: { uri: string }) => u.uri).sort()).toEqual(["/three", "/two"]);
    // The JS SDK's bare `uri` key means no uri: every usage of that integration goes.
    const all = await call(
      "DELETE",
      `/api/media/usage/?asset_id=${asset.id}&integration_id=${integration().id}&uri`,
      { token: auth },
    );
    expect(all.status).toBe(204);
    listed = await call("GET", `/api/media/usage?asset_id=${asset.id}`, { token: auth });
    expect(listed.body).toEqual([]);
    const missing = await call("DELETE", `/api/media/usage?asset_id=${asset.id}`, { token: auth });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ integration_id: "This field is required." });
  });

  it("syncs an integration's usages: new, accepted, rejected, removed", async () => {
    const auth = usageToken();
    const [a, b] = [...env.emulator.portal.media.values()].slice(5, 7);
    const other = env.emulator.portal.integrations[1];
    await call("POST", "/api/media/usage", {
      form: form({ asset_id: a.id, integration_id: other.id, uri: "/page/1" }),
      token: auth,
    });
    await call("POST", "/api/media/usage", {
      form: form({ asset_id: b.id, integration_id: other.id, uri: "/page/1" }),
      token: auth,
    });
    const { status, body: data } = await call("POST", "/api/media/usage/sync", {
      json: {
        integration_id: other.id,
        uris: ["/page/1", "/page/2"],
        usages: [
          { asset_id: a.id, uri: "/page/1", additional: "kept" },
          { asset_id: b.id, uri: "/page/2" },
          { asset_id: "00000000-0000-0000-0000000000000000", uri: "/page/2" },
        ],
      },
      token: auth,
    });
    expect(status).toBe(200);
    expect(data.accepted).toEqual([
      { asset_id: a.id, uri: "/page/1", additional: "kept" },
      { asset_id: b.id, uri: "/page/2", additional: "" },
    ]);
    expect(data.new).toEqual([
      expect.objectContaining({ asset_id: b.id, uri: "/page/2", id: expect.stringMatching(UUID) }),
    ]);
    expect(data.rejected).toEqual([
      expect.objectContaining({ asset_id: "00000000-0000-0000-0000000000000000" }),
    ]);
    expect(data.removed).toEqual([{ asset_id: b.id, uri: "/page/1" }]);
    const listed = await call("GET", `/api/media/usage?asset_id=${a.id}`, { token: auth });
    expect(listed.body[0].additional).toBe("kept");
  });

  it("sync takes JSON with a known integration", async () => {
    const auth = usageToken();
    const formBody = await call("POST", "/api/media/usage/sync", {
      form: form({ integration_id: integration().id }),
      token: auth,
    });
    expect(formBody.status).toBe(415);
    const unknown = await call("POST", "/api/media/usage/sync", {
      json: { integration_id: "00000000-0000-4000-8000-000000000000", usages: [] },
      token: auth,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.integration_id).toMatch(/does not exist/);
  });

  it("needs asset.usage:read to list and asset.usage:write to change", async () => {
    const readOnly = env.emulator.issueToken(["asset.usage:read"]);
    const defaults = env.emulator.issueToken(["asset:read", "asset:write"]);
    const list = await call("GET", `/api/media/usage?asset_id=${firstAsset().id}`, {
      token: defaults,
    });
    expect(list.status).toBe(403);
    expect(list.body.message).toContain("asset.usage:read");
    const write = await call("POST", "/api/media/usage", {
      form: form({ asset_id: firstAsset().id, integration_id: integration().id }),
      token: readOnly,
    });
    expect(write.status).toBe(403);
    expect(write.body.message).toContain("asset.usage:write");
  });
});
