import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const firstAsset = () => [...env.emulator.portal.media.values()][0];

describe("/api/media/options", () => {
  const multi = () => env.emulator.portal.metaproperties.find((m) => m.isMultiselect === 1)!;
  const single = () => env.emulator.portal.metaproperties.find((m) => m.isMultiselect === 0)!;

  it("adds options to an asset (201) and updates dateModified", async () => {
    const asset = firstAsset();
    const wanted = multi()
      .options.map((o) => o.id)
      .filter((id) => !asset.propertyOptions.includes(id))
      .slice(0, 2);
    env.emulator.portal.now = () => Date.UTC(2030, 0, 2, 3, 4, 5);
    try {
      const { status, body: data } = await call("POST", "/api/media/options/", {
        json: { asset_id: asset.id, metaproperty_id: multi().id, metaproperty_option_ids: wanted },
      });
      expect(status).toBe(201);
      expect(data).toEqual({ message: "Created", statuscode: 201 });
    } finally {
      env.emulator.portal.now = () => Date.now();
    }
    expect(asset.propertyOptions).toEqual(expect.arrayContaining(wanted));
    expect(asset.dateModified).toBe(Date.UTC(2030, 0, 2, 3, 4, 5));
  });

  it("replaces the option of a single-select metaproperty, and takes only one", async () => {
    const asset = firstAsset();
    const [a, b] = single().options;
    await call("POST", "/api/media/options", {
      json: { asset_id: asset.id, metaproperty_id: single().id, metaproperty_option_ids: [a.id] },
    });
    await call("POST", "/api/media/options", {
      json: { asset_id: asset.id, metaproperty_id: single().id, metaproperty_option_ids: [b.id] },
    });
    const own = single().options.map((o) => o.id);
    expect(asset.propertyOptions.filter((id) => own.includes(id))).toEqual([b.id]);
    const two = await call("POST", "/api/media/options", {
      json: {
        asset_id: asset.id,
        metaproperty_id: single().id,
        metaproperty_option_ids: [a.id, b.id],
      },
    });
    expect(two.status).toBe(400);
  });

  it("removes options from an asset with DELETE and a JSON body (204)", async () => {
    const asset = firstAsset();
    const present = multi().options.find((o) => asset.propertyOptions.includes(o.id))!;
    const { status, body: data } = await call("DELETE", "/api/media/options", {
      json: {
        asset_id: asset.id,
        metaproperty_id: multi().id,
        metaproperty_option_ids: [present.id],
      },
    });
    expect(status).toBe(204);
    expect(data).toBe("");
    expect(asset.propertyOptions).not.toContain(present.id);
    expect(multi().options.some((o) => o.id === present.id)).toBe(true);
  });

  it("takes JSON only", async () => {
    const asset = firstAsset();
    const before = [...asset.propertyOptions];
    const body = form({
      asset_id: asset.id,
      metaproperty_id: multi().id,
      metaproperty_option_ids: multi().options[0].id,
    });
    for (const method of ["POST", "DELETE"]) {
      const { status, body: data } = await call(method, "/api/media/options", { form: body });
      expect(status).toBe(415);
      expect(data.message).toContain("application/json");
    }
    expect(asset.propertyOptions).toEqual(before);
  });

  it("answers 400 for missing fields and 404 for an unknown asset, metaproperty or option", async () => {
    const asset = firstAsset();
    const missing = await call("POST", "/api/media/options", {
      json: { asset_id: asset.id, metaproperty_id: multi().id, metaproperty_option_ids: [] },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("metaproperty_option_ids");

    const unknown = "00000000-0000-0000-0000000000000000";
    const option = multi().options[0].id;
    const foreign = single().options[0].id;
    const cases = [
      { asset_id: unknown, metaproperty_id: multi().id, metaproperty_option_ids: [option] },
      { asset_id: asset.id, metaproperty_id: unknown, metaproperty_option_ids: [option] },
      { asset_id: asset.id, metaproperty_id: multi().id, metaproperty_option_ids: [unknown] },
      { asset_id: asset.id, metaproperty_id: multi().id, metaproperty_option_ids: [foreign] },
    ];
    for (const json of cases) {
      for (const method of ["POST", "DELETE"]) {
        const { status, body: data } = await call(method, "/api/media/options", { json });
        expect(status).toBe(404);
        expect(data).toEqual({ message: expect.stringMatching(/not found/), statuscode: 404 });
      }
    }
  });

  it("needs asset:write", async () => {
    const readOnly = env.emulator.issueToken(["asset:read"]);
    const { status } = await call("POST", "/api/media/options", {
      json: {
        asset_id: firstAsset().id,
        metaproperty_id: multi().id,
        metaproperty_option_ids: [multi().options[0].id],
      },
      token: readOnly,
    });
    expect(status).toBe(403);
  });
});
