import type { Metaproperty } from "../portal";
import { useEmulatorHttp } from "../testing";
import { CF_ID } from "../util";

const env = useEmulatorHttp();
const { call } = env;

const COLD_FUSION_DATE = /^[A-Z][a-z]+, \d\d \d{4} \d\d:\d\d:\d\d \+0000$/;
const OFFSET_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const mp = (index = 0): Metaproperty => env.emulator.portal.metaproperties[index];
const integration = () => env.emulator.portal.integrations[0];

describe("GET /api/v4/metaproperties", () => {
  it("returns an object keyed by name, with 0/1 flags and ColdFusion option dates", async () => {
    const { status, body: data } = await call("GET", "/api/v4/metaproperties/");
    expect(status).toBe(200);
    expect(Array.isArray(data)).toBe(false);
    expect(Object.keys(data).sort()).toEqual(
      env.emulator.portal.metaproperties.map((m) => m.name).sort(),
    );
    const department = data[mp().name];
    expect(department.id).toBe(mp().id);
    expect(department.isMultiselect).toBe(0);
    expect(department.isFilterable).toBe(1);
    expect(department.options).toHaveLength(mp().options.length);
    const [option] = department.options;
    expect(option.id).toMatch(CF_ID);
    expect(option.date).toMatch(COLD_FUSION_DATE);
    expect(new Date(option.date).getTime()).toBe(mp().options[0].date);
    expect(option).toEqual(
      expect.objectContaining({
        name: mp().options[0].name,
        label: mp().options[0].label,
        displayLabel: mp().options[0].label,
        labels: { en_US: mp().options[0].label },
        isSelectable: 1,
        active: 1,
        linkedOptionIds: [],
      }),
    );
    expect(option).not.toHaveProperty("mediaCount");
  });

  it("leaves options out with options=false (and 0), keeps them by default and with options=1", async () => {
    for (const value of ["false", "0", "False"]) {
      const { body: data } = await call("GET", `/api/v4/metaproperties?options=${value}`);
      expect(data[mp().name]).not.toHaveProperty("options");
    }
    const { body: data } = await call("GET", "/api/v4/metaproperties?options=1");
    expect(data[mp().name].options.length).toBeGreaterThan(0);
  });

  it("filters by ids, csv or repeated, skipping unknown ids", async () => {
    const unknown = "00000000-0000-0000-0000000000000000";
    const csv = await call(
      "GET",
      `/api/v4/metaproperties?ids=${mp(0).id},${unknown},${mp(2).id.toLowerCase()}`,
    );
    expect(Object.keys(csv.body).sort()).toEqual([mp(0).name, mp(2).name].sort());
    const repeated = await call("GET", `/api/v4/metaproperties?ids=${mp(1).id}&ids=${mp(3).id}`);
    expect(Object.keys(repeated.body).sort()).toEqual([mp(1).name, mp(3).name].sort());
  });

  it("adds mediaCount per option with count=1, limited by type", async () => {
    const assets = [...env.emulator.portal.media.values()];
    const optionId = mp().options[0].id;
    const all = assets.filter((a) => a.propertyOptions.includes(optionId)).length;
    const images = assets.filter(
      (a) => a.type === "image" && a.propertyOptions.includes(optionId),
    ).length;
    expect(all).toBeGreaterThan(images);
    const counted = await call("GET", "/api/v4/metaproperties?count=1");
    expect(counted.body[mp().name].options[0].mediaCount).toBe(all);
    const typed = await call("GET", "/api/v4/metaproperties?count=true&type=image");
    expect(typed.body[mp().name].options[0].mediaCount).toBe(images);
  });

  it("rejects an unknown asset type", async () => {
    const { status, body: data } = await call(
      "GET",
      "/api/v4/metaproperties?count=1&type=image,pdf",
    );
    expect(status).toBe(400);
    expect(data).toEqual({ message: expect.stringContaining("pdf"), statuscode: 400 });
  });

  it("needs meta.assetbank:read", async () => {
    const limited = env.emulator.issueToken(["asset:read"]);
    const { status, body: data } = await call("GET", "/api/v4/metaproperties", { token: limited });
    expect(status).toBe(403);
    expect(data.message).toContain("meta.assetbank:read");
  });
});

describe("GET /api/v4/metaproperties/:id", () => {
  it("returns one metaproperty with its options", async () => {
    const { status, body: data } = await call("GET", `/api/v4/metaproperties/${mp(1).id}/`);
    expect(status).toBe(200);
    expect(data.name).toBe(mp(1).name);
    expect(data.options.map((o: { id: string }) => o.id)).toEqual(mp(1).options.map((o) => o.id));
    expect(data.options[0].date).toMatch(COLD_FUSION_DATE);
  });

  it("answers 404 for an unknown metaproperty", async () => {
    const { status, body: data } = await call(
      "GET",
      "/api/v4/metaproperties/00000000-0000-0000-0000000000000000",
    );
    expect(status).toBe(404);
    expect(data).toEqual({ message: "Metaproperty not found", statuscode: 404 });
  });
});

describe("metaproperty options", () => {
  it("lists options with the +00:00 date style", async () => {
    const { status, body: data } = await call("GET", `/api/v4/metaproperties/${mp().id}/options`);
    expect(status).toBe(200);
    expect(data).toHaveLength(mp().options.length);
    expect(Object.keys(data[0]).sort()).toEqual(
      ["active", "date", "displayLabel", "id", "label", "labels", "name"].sort(),
    );
    expect(data[0].date).toMatch(OFFSET_DATE);
    expect(data[0].active).toBe(1);
  });

  it("filters by name and pages with limit and page", async () => {
    const target = mp().options[1];
    const byName = await call(
      "GET",
      `/api/v4/metaproperties/${mp().id}/options/?name=${target.name.slice(0, 3).toLowerCase()}`,
    );
    expect(byName.body.map((o: { id: string }) => o.id)).toEqual([target.id]);
    const page2 = await call("GET", `/api/v4/metaproperties/${mp().id}/options?limit=2&page=2`);
    expect(page2.body.map((o: { id: string }) => o.id)).toEqual(
      mp()
        .options.slice(2, 4)
        .map((o) => o.id),
    );
    const past = await call("GET", `/api/v4/metaproperties/${mp().id}/options?limit=2&page=9`);
    expect(past.body).toEqual([]);
  });

  it("rejects a limit above 1000 and a page below 1", async () => {
    for (const query of ["limit=1001", "page=0", "limit=abc"]) {
      const { status } = await call("GET", `/api/v4/metaproperties/${mp().id}/options?${query}`);
      expect(status).toBe(400);
    }
  });

  it("answers 400 for a malformed metaproperty id and 404 for an unknown one", async () => {
    const bad = await call("GET", "/api/v4/metaproperties/not-an-id/options");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ message: "Invalid metaproperty ID", statuscode: "400" });
    const unknown = await call(
      "GET",
      "/api/v4/metaproperties/00000000-0000-0000-0000000000000000/options",
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe("Metaproperty not found");
  });

  it("GET /api/v4/metaproperties/options returns options by ids (csv or repeated)", async () => {
    const a = mp(0).options[0];
    const b = mp(3).options[1];
    const csv = await call("GET", `/api/v4/metaproperties/options?ids=${a.id},${b.id}`);
    expect(csv.status).toBe(200);
    expect(csv.body.map((o: { id: string }) => o.id).sort()).toEqual([a.id, b.id].sort());
    expect(csv.body[0].date).toMatch(OFFSET_DATE);
    const repeated = await call("GET", `/api/v4/metaproperties/options/?ids=${a.id}&ids=${b.id}`);
    expect(repeated.body).toHaveLength(2);
  });

  it("GET /api/v4/metaproperties/options needs ids, well formed", async () => {
    const none = await call("GET", "/api/v4/metaproperties/options");
    expect(none.status).toBe(400);
    expect(none.body.message).toBe("No data sent");
    const bad = await call("GET", "/api/v4/metaproperties/options?ids=xyz");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("Invalid metaproperty option id sent");
  });

  describe("create, modify, delete", () => {
    const target = () => mp(4);

    it("creates an option from form data=<JSON> and returns its id", async () => {
      const { status, body: data } = await call(
        "POST",
        `/api/v4/metaproperties/${target().id}/options/`,
        {
          form: form({
            data: JSON.stringify({
              name: "Podcast",
              label: "Podcast",
              labels: { nl_NL: "Podcast (NL)" },
              zindex: 9,
              externalReference: "EXT-9",
            }),
          }),
        },
      );
      expect(status).toBe(201);
      expect(data).toEqual({
        message: "Created",
        statuscode: 201,
        id: expect.stringMatching(CF_ID),
      });
      const option = target().options.find((o) => o.id === data.id)!;
      expect(option).toEqual(
        expect.objectContaining({
          name: "Podcast",
          label: "Podcast",
          zindex: 9,
          externalReference: "EXT-9",
          labels: { nl_NL: "Podcast (NL)" },
        }),
      );
      const byReference = await call(
        "GET",
        `/api/v4/metaproperties/${target().id}/options?externalReference=EXT-9`,
      );
      expect(byReference.body.map((o: { id: string }) => o.id)).toEqual([data.id]);
    });

    it("refuses a name that exists, pointing at the existing option", async () => {
      const existing = target().options[0];
      const { status, body: data } = await call(
        "POST",
        `/api/v4/metaproperties/${target().id}/options`,
        { form: form({ data: JSON.stringify({ name: existing.name.toUpperCase() }) }) },
      );
      expect(status).toBe(400);
      expect(data).toEqual({
        message: "Meta property option with this name already exists",
        existingUUID: existing.id,
        statuscode: "400",
      });
    });

    it("refuses missing data, invalid JSON, a missing name and a bad zindex", async () => {
      const url = `/api/v4/metaproperties/${target().id}/options`;
      const cases: [string | undefined, string][] = [
        [undefined, "No data sent"],
        ["{nope", "Invalid JSON"],
        ['["a"]', "Invalid JSON"],
        ['{"label":"x"}', "Meta property option name is required"],
        ['{"name":"Zed","zindex":"high"}', "zindex must be a whole number"],
      ];
      for (const [data, message] of cases) {
        const response = await call("POST", url, {
          form: data === undefined ? "" : form({ data }),
        });
        expect(response.status).toBe(400);
        expect(response.body.message).toBe(message);
      }
      expect(target().options.some((o) => o.name === "Zed")).toBe(false);
    });

    it("refuses a JSON body: Bynder takes form data here", async () => {
      const { status } = await call("POST", `/api/v4/metaproperties/${target().id}/options`, {
        json: { data: { name: "Json" } },
      });
      expect(status).toBe(400);
      expect(target().options.some((o) => o.name === "Json")).toBe(false);
    });

    it("answers 404 when creating under an unknown metaproperty", async () => {
      const { status, body: data } = await call(
        "POST",
        "/api/v4/metaproperties/00000000-0000-0000-0000000000000000/options",
        { form: form({ data: '{"name":"x"}' }) },
      );
      expect(status).toBe(404);
      expect(data.message).toBe("Metaproperty not found");
    });

    it("modifies an option but not its name", async () => {
      const option = target().options[1];
      const ok = await call("POST", `/api/v4/metaproperties/${target().id}/options/${option.id}`, {
        form: form({ data: JSON.stringify({ label: "Printed", labels: { de_DE: "Gedruckt" } }) }),
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toEqual({ message: "Created", statuscode: 201 });
      expect(option.label).toBe("Printed");
      expect(option.labels).toEqual(expect.objectContaining({ de_DE: "Gedruckt" }));

      const rename = await call(
        "POST",
        `/api/v4/metaproperties/${target().id}/options/${option.id}/`,
        { form: form({ data: JSON.stringify({ name: "Renamed", label: "Nope" }) }) },
      );
      expect(rename.status).toBe(400);
      expect(rename.body.message).toBe("Editing meta property option name not allowed");
      expect(option.label).toBe("Printed");
    });

    it("accepts the JS SDK variant with optionId (and the same name) inside data", async () => {
      const option = target().options[2];
      const { status } = await call(
        "POST",
        `/api/v4/metaproperties/${target().id}/options/${option.id}/`,
        {
          form: form({
            data: JSON.stringify({ optionId: option.id, name: option.name, label: "Socials" }),
          }),
        },
      );
      expect(status).toBe(201);
      expect(option.label).toBe("Socials");
      const mismatch = await call(
        "POST",
        `/api/v4/metaproperties/${target().id}/options/${option.id}/`,
        { form: form({ data: JSON.stringify({ optionId: target().options[0].id, label: "x" }) }) },
      );
      expect(mismatch.status).toBe(400);
    });

    it("answers 404 when modifying an unknown option", async () => {
      const { status, body: data } = await call(
        "POST",
        `/api/v4/metaproperties/${target().id}/options/00000000-0000-0000-0000000000000000`,
        { form: form({ data: '{"label":"x"}' }) },
      );
      expect(status).toBe(404);
      expect(data).toEqual({ message: "Meta property option not found", statuscode: "404" });
    });

    it("deletes an option (204) and takes it off the assets that had it", async () => {
      const option = target().options[0];
      const holder = [...env.emulator.portal.media.values()][3];
      holder.propertyOptions.push(option.id);
      const { status, body: data } = await call(
        "DELETE",
        `/api/v4/metaproperties/${target().id}/options/${option.id}/`,
      );
      expect(status).toBe(204);
      expect(data).toBe("");
      expect(target().options.some((o) => o.id === option.id)).toBe(false);
      expect(holder.propertyOptions).not.toContain(option.id);
      const again = await call(
        "DELETE",
        `/api/v4/metaproperties/${target().id}/options/${option.id}`,
      );
      expect(again.status).toBe(404);
    });

    it("needs meta.assetbank:write", async () => {
      const readOnly = env.emulator.issueToken(["meta.assetbank:read"]);
      const { status } = await call("POST", `/api/v4/metaproperties/${target().id}/options`, {
        form: form({ data: '{"name":"Nope"}' }),
        token: readOnly,
      });
      expect(status).toBe(403);
    });
  });
});

describe("the official JS SDK 2.5.2", () => {
  it("works against these routes, with its own encodings", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Bynder = require("@bynder/bynder-js-sdk");
    const auth = env.emulator.issueToken();
    const sdk = new Bynder({ baseURL: `${env.emulator.url}/api/`, permanentToken: auth });
    const target = mp(1);
    const asset = [...env.emulator.portal.media.values()][10];

    expect(await sdk.getBrands()).toEqual(env.emulator.portal.brands);
    const listed = await sdk.getMetaproperties({ options: false });
    expect(listed).toHaveLength(env.emulator.portal.metaproperties.length);
    expect((await sdk.getMetaproperty({ id: target.id })).name).toBe(target.name);

    const made = await sdk.saveNewMetapropertyOption({ id: target.id, name: "Sdk", label: "SDK" });
    expect(made).toEqual({ message: "Created", statuscode: 201, id: expect.stringMatching(CF_ID) });
    // editMetapropertyOption repeats optionId (and here the unchanged name) inside data.
    await sdk.editMetapropertyOption({
      id: target.id,
      optionId: made.id,
      name: "Sdk",
      label: "SDK 2",
    });
    expect(target.options.find((o) => o.id === made.id)?.label).toBe("SDK 2");
    await sdk.deleteMetapropertyOption({ id: target.id, optionId: made.id });
    expect(target.options.some((o) => o.id === made.id)).toBe(false);

    // Usage: unset optional fields go out as bare keys (`&timestamp&uri`).
    const usage = await sdk.saveNewAssetUsage({ id: asset.id, integration_id: integration().id });
    expect(usage).toMatchObject({ asset_id: asset.id, uri: "", additional: "" });
    expect(await sdk.getAssetUsage({ id: asset.id })).toEqual([usage]);
    await sdk.deleteAssetUsage({ id: asset.id, integration_id: integration().id });
    expect(await sdk.getAssetUsage({ id: asset.id })).toEqual([]);
  });
});
