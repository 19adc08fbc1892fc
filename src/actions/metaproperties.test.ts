import type { Metaproperty } from "../../emulator/portal";
import { expectExampleShape, expectSameShape, harness, useEmulator } from "../../test/support";
import { metaproperties } from "../examplePayloads/metaproperties";

// Responses are checked field by field; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const env = useEmulator();

const UNKNOWN = "00000000-0000-0000-0000000000000000";
const mp = (index = 0): Metaproperty => env.emulator.portal.metaproperties[index];
const asset = (index = 0) => [...env.emulator.portal.media.values()][index];
const run = (key: string, params: Record<string, unknown>) =>
  harness.action(key, { connection: env.connection, ...params }) as Promise<{ data: Loose }>;

/** Rejects naming the input's label, and Bynder was never called. */
const expectInputError = async (
  key: string,
  params: Record<string, unknown>,
  message: string | RegExp,
) => {
  await expect(run(key, params)).rejects.toThrow(message);
  expect(env.emulator.requests).toEqual([]);
};

describe("listMetaproperties", () => {
  it("returns Bynder's object keyed by name, asking for options by default", async () => {
    const result = await run("listMetaproperties", {});
    expect(Object.keys(result.data).sort()).toEqual(
      env.emulator.portal.metaproperties.map((m) => m.name).sort(),
    );
    expect(result.data[mp().name].options).toHaveLength(mp().options.length);
    const [request] = env.emulator.requestsTo("/api/v4/metaproperties", "GET");
    expect(request.query).toEqual({ options: ["true"] });
    // Keyed by metaproperty name: compare one entry.
    expectSameShape(Object.values(result.data)[0], Object.values(metaproperties)[0]);
  });

  it("sends count, type, Format (options) and ids as Bynder's parameters", async () => {
    const result = await run("listMetaproperties", {
      count: "true",
      type: ["image", "video"],
      options: "false",
      ids: [mp(1).id, mp(2).id],
    });
    expect(Object.keys(result.data).sort()).toEqual([mp(1).name, mp(2).name].sort());
    expect(result.data[mp(1).name]).not.toHaveProperty("options");
    const [request] = env.emulator.requestsTo("/api/v4/metaproperties", "GET");
    expect(request.query).toEqual({
      count: ["true"],
      type: ["image,video"],
      options: ["false"],
      ids: [`${mp(1).id},${mp(2).id}`],
    });
  });

  it("returns option asset counts with Count on", async () => {
    const result = await run("listMetaproperties", { count: "true", ids: [mp().id] });
    expect(result.data[mp().name].options[0].mediaCount).toEqual(expect.any(Number));
  });

  it("rejects a malformed id, an unknown type and a non-boolean Format before calling Bynder", async () => {
    await expectInputError("listMetaproperties", { ids: ["abc"] }, /^IDs must be/);
    await expectInputError("listMetaproperties", { type: ["pdf"] }, /^Type must be asset types/);
    await expectInputError(
      "listMetaproperties",
      { options: "maybe" },
      /^Format must be true or false/,
    );
  });
});

describe("getMetaproperty", () => {
  it("returns one metaproperty with its options", async () => {
    const result = await run("getMetaproperty", { metapropertyId: mp(1).id });
    expect(result.data).toMatchObject({ id: mp(1).id, name: mp(1).name });
    expect(result.data.options).toHaveLength(mp(1).options.length);
    const [request] = env.emulator.requestsTo("/api/v4/metaproperties/", "GET");
    expect(request.path).toBe(`/api/v4/metaproperties/${mp(1).id}`);
    expectExampleShape("getMetaproperty", result);
  });

  it("passes on Bynder's 404", async () => {
    await expect(run("getMetaproperty", { metapropertyId: UNKNOWN })).rejects.toThrow(
      `Bynder GET /api/v4/metaproperties/${UNKNOWN}/ failed with HTTP 404: Metaproperty not found`,
    );
  });

  it("rejects a missing or malformed Metaproperty ID before calling Bynder", async () => {
    await expectInputError("getMetaproperty", {}, "Metaproperty ID is required");
    await expectInputError(
      "getMetaproperty",
      { metapropertyId: "12/34" },
      /^Metaproperty ID must be/,
    );
  });
});

describe("listMetapropertyOptions", () => {
  it("lists a metaproperty's options, filtered by name, with Limit and Page", async () => {
    const target = mp().options[1];
    const result = await run("listMetapropertyOptions", {
      metapropertyId: mp().id,
      name: target.name,
      limit: "10",
      page: "1",
    });
    expect(result.data.map((o: { id: string }) => o.id)).toEqual([target.id]);
    const [request] = env.emulator.requestsTo(`/api/v4/metaproperties/${mp().id}/options`, "GET");
    expect(request.query).toEqual({ name: [target.name], limit: ["10"], page: ["1"] });
    expectExampleShape("listMetapropertyOptions", result);
  });

  it("sends no empty filters", async () => {
    await run("listMetapropertyOptions", { metapropertyId: mp().id, name: "  " });
    const [request] = env.emulator.requestsTo(`/api/v4/metaproperties/${mp().id}/options`, "GET");
    expect(request.query).toEqual({});
  });

  it("reads every page with Fetch All, 1000 at a time", async () => {
    const big = mp(2);
    const before = big.options.length;
    for (let i = 0; i < 1005 - before; i++) {
      big.options.push({
        id: env.emulator.portal.cfId(),
        name: `Bulk_${i}`,
        label: `Bulk ${i}`,
        zindex: 100 + i,
        isSelectable: 1,
        date: Date.UTC(2024, 0, 1),
        externalReference: "",
        linkedOptionIds: [],
      });
    }
    try {
      const result = await run("listMetapropertyOptions", {
        metapropertyId: big.id,
        fetchAll: "true",
        limit: "5",
      });
      expect(result.data).toHaveLength(1005);
      expect(new Set(result.data.map((o: { id: string }) => o.id)).size).toBe(1005);
      const requests = env.emulator.requestsTo(`/api/v4/metaproperties/${big.id}/options`, "GET");
      expect(requests.map((r) => r.query)).toEqual([
        { limit: ["1000"], page: ["1"] },
        { limit: ["1000"], page: ["2"] },
      ]);
    } finally {
      big.options.splice(before);
    }
  });

  it("rejects a Limit above 1000 before calling Bynder", async () => {
    await expectInputError(
      "listMetapropertyOptions",
      { metapropertyId: mp().id, limit: "1001" },
      "Limit must be between 1 and 1000; got 1001.",
    );
  });

  it("passes on Bynder's 404 for an unknown metaproperty", async () => {
    await expect(run("listMetapropertyOptions", { metapropertyId: UNKNOWN })).rejects.toThrow(
      "HTTP 404: Metaproperty not found",
    );
  });
});

describe("listMetapropertyOptions by Option IDs", () => {
  it("reads options of any metaproperty by id", async () => {
    const wanted = [mp(0).options[0], mp(1).options[1]];
    const result = await run("listMetapropertyOptions", {
      metapropertyId: mp(0).id,
      optionIds: wanted.map((o) => o.id),
      limit: "10",
    });
    const [request] = env.emulator.requestsTo("/api/v4/metaproperties/options", "GET");
    expect(request.path).toBe("/api/v4/metaproperties/options");
    expect(request.query).toEqual({ ids: [wanted.map((o) => o.id).join(",")] });
    expect(result.data.map((o: { id: string }) => o.id).sort()).toEqual(
      wanted.map((o) => o.id).sort(),
    );
    expectExampleShape("listMetapropertyOptions", result);
  });

  it("asks for at most 100 ids at a time", async () => {
    const real = mp(0).options.map((o) => o.id);
    const filler = Array.from(
      { length: 150 - real.length },
      (_, i) => `00000000-0000-0000-${String(i).padStart(16, "0")}`,
    );
    const result = await run("listMetapropertyOptions", {
      metapropertyId: mp(0).id,
      optionIds: [...real, ...filler],
    });
    const requests = env.emulator.requestsTo("/api/v4/metaproperties/options", "GET");
    expect(requests.map((r) => r.query.ids[0].split(",").length)).toEqual([100, 50]);
    expect(result.data.map((o: { id: string }) => o.id).sort()).toEqual([...real].sort());
  });

  it("rejects Option IDs with Name or a malformed id before calling Bynder", async () => {
    const id = mp(0).options[0].id;
    await expectInputError(
      "listMetapropertyOptions",
      { metapropertyId: mp(0).id, optionIds: [id], name: "x" },
      "Option IDs reads options by id: leave Name and External Reference empty with it.",
    );
    await expectInputError(
      "listMetapropertyOptions",
      { metapropertyId: mp(0).id, optionIds: ["red"] },
      /^Option IDs must be a Bynder asset-bank id of 8-4-4-16/,
    );
  });
});

describe("createMetapropertyOption, updateMetapropertyOption, deleteMetapropertyOption", () => {
  const target = () => mp(3);

  it("creates an option with form data=<JSON>, named inputs over Data", async () => {
    const result = await run("createMetapropertyOption", {
      metapropertyId: target().id,
      name: "In_Review",
      label: "In review",
      bodyData: JSON.stringify({ zindex: 7, labels: { nl_NL: "In beoordeling" }, name: "ignored" }),
    });
    expect(result.data).toEqual({ message: "Created", statuscode: 201, id: expect.any(String) });
    const [request] = env.emulator.requestsTo(
      `/api/v4/metaproperties/${target().id}/options`,
      "POST",
    );
    expect(request.contentType).toBe("application/x-www-form-urlencoded");
    expect(JSON.parse(request.form!.data[0])).toEqual({
      zindex: 7,
      labels: { nl_NL: "In beoordeling" },
      name: "In_Review",
      label: "In review",
    });
    expect(target().options.find((o) => o.id === result.data.id)).toMatchObject({
      name: "In_Review",
      label: "In review",
      zindex: 7,
    });
    expectExampleShape("createMetapropertyOption", result);
  });

  it("passes on Bynder's 400 for a name that exists", async () => {
    await expect(
      run("createMetapropertyOption", {
        metapropertyId: target().id,
        name: target().options[0].name,
      }),
    ).rejects.toThrow("HTTP 400: Meta property option with this name already exists");
  });

  it("rejects a missing Name and invalid Data before calling Bynder", async () => {
    await expectInputError(
      "createMetapropertyOption",
      { metapropertyId: target().id },
      "Name is required.",
    );
    await expectInputError(
      "createMetapropertyOption",
      { metapropertyId: target().id, name: "X", bodyData: "{not json" },
      /^Data must be valid JSON/,
    );
  });

  it("updates an option's label and other fields", async () => {
    const option = target().options[1];
    const result = await run("updateMetapropertyOption", {
      metapropertyId: target().id,
      optionId: option.id,
      label: "Signed off",
      bodyData: JSON.stringify({ externalReference: "ERP-7" }),
    });
    expect(result.data).toEqual({ message: "Created", statuscode: 201 });
    const [request] = env.emulator.requestsTo(
      `/api/v4/metaproperties/${target().id}/options/${option.id}`,
      "POST",
    );
    expect(JSON.parse(request.form!.data[0])).toEqual({
      externalReference: "ERP-7",
      label: "Signed off",
    });
    expect(option).toMatchObject({ label: "Signed off", externalReference: "ERP-7" });
    expectExampleShape("updateMetapropertyOption", result);
  });

  it("passes on Bynder's refusal to rename and its 404", async () => {
    const option = target().options[1];
    await expect(
      run("updateMetapropertyOption", {
        metapropertyId: target().id,
        optionId: option.id,
        bodyData: '{"name":"Other"}',
      }),
    ).rejects.toThrow("HTTP 400: Editing meta property option name not allowed");
    await expect(
      run("updateMetapropertyOption", {
        metapropertyId: target().id,
        optionId: UNKNOWN,
        label: "x",
      }),
    ).rejects.toThrow("HTTP 404: Meta property option not found");
  });

  it("needs something to change, and a well-formed Option ID", async () => {
    await expectInputError(
      "updateMetapropertyOption",
      { metapropertyId: target().id, optionId: target().options[0].id },
      "Label or Data is required",
    );
    await expectInputError(
      "updateMetapropertyOption",
      { metapropertyId: target().id, optionId: "nope", label: "x" },
      /^Option ID must be/,
    );
  });

  it("deletes an option", async () => {
    const option = target().options[2];
    const result = await run("deleteMetapropertyOption", {
      metapropertyId: target().id,
      optionId: option.id,
    });
    expect(result).toEqual({ data: "" });
    expect(env.emulator.requestsTo("/api/v4/metaproperties/", "DELETE")[0].path).toBe(
      `/api/v4/metaproperties/${target().id}/options/${option.id}`,
    );
    expect(target().options.some((o) => o.id === option.id)).toBe(false);
    expectExampleShape("deleteMetapropertyOption", result);
    await expect(
      run("deleteMetapropertyOption", { metapropertyId: target().id, optionId: option.id }),
    ).rejects.toThrow("HTTP 404: Meta property option not found");
  });
});

describe("addAssetMetapropertyOptions and deleteAssetMetapropertyOptions", () => {
  const multi = () => env.emulator.portal.metaproperties.find((m) => m.isMultiselect === 1)!;

  it("adds options to an asset with a JSON body on /api/media/options", async () => {
    const target = asset(4);
    const ids = multi()
      .options.slice(0, 2)
      .map((o) => o.id);
    const result = await run("addAssetMetapropertyOptions", {
      assetId: target.id,
      metapropertyId: multi().id,
      metapropertyOptionsIds: ids,
    });
    expect(result.data).toEqual({ message: "Created", statuscode: 201 });
    const [request] = env.emulator.requestsTo("/api/media/options", "POST");
    expect(request.contentType).toBe("application/json");
    expect(request.json).toEqual({
      asset_id: target.id,
      metaproperty_id: multi().id,
      metaproperty_option_ids: ids,
    });
    expect(target.propertyOptions).toEqual(expect.arrayContaining(ids));
    expectExampleShape("addAssetMetapropertyOptions", result);
  });

  it("removes options from an asset with DELETE and the same JSON body", async () => {
    const target = asset(4);
    const [removed, kept] = multi()
      .options.slice(0, 2)
      .map((o) => o.id);
    const result = await run("deleteAssetMetapropertyOptions", {
      assetId: target.id,
      metapropertyId: multi().id,
      metapropertyOptionsIds: [removed],
    });
    expect(result).toEqual({ data: "" });
    const [request] = env.emulator.requestsTo("/api/media/options", "DELETE");
    expect(request.json).toEqual({
      asset_id: target.id,
      metaproperty_id: multi().id,
      metaproperty_option_ids: [removed],
    });
    expect(target.propertyOptions).not.toContain(removed);
    expect(target.propertyOptions).toContain(kept);
    expectExampleShape("deleteAssetMetapropertyOptions", result);
  });

  it("passes on Bynder's 404 for an unknown asset", async () => {
    await expect(
      run("addAssetMetapropertyOptions", {
        assetId: UNKNOWN,
        metapropertyId: multi().id,
        metapropertyOptionsIds: [multi().options[0].id],
      }),
    ).rejects.toThrow(
      `Bynder POST /api/media/options/ failed with HTTP 404: Asset ${UNKNOWN} not found`,
    );
  });

  it("rejects malformed or missing option ids before calling Bynder", async () => {
    for (const key of ["addAssetMetapropertyOptions", "deleteAssetMetapropertyOptions"]) {
      await expectInputError(
        key,
        { assetId: asset().id, metapropertyId: multi().id, metapropertyOptionsIds: ["bad id"] },
        /^Metaproperty Options IDs must be/,
      );
      await expectInputError(
        key,
        { assetId: asset().id, metapropertyId: multi().id, metapropertyOptionsIds: [] },
        /^Metaproperty Options IDs is required/,
      );
      await expectInputError(
        key,
        { metapropertyId: multi().id, metapropertyOptionsIds: [multi().options[0].id] },
        "Asset ID is required",
      );
    }
  });
});
