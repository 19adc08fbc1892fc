import type { Metaproperty } from "../../emulator/portal";
import { expectExampleShape, harness, useEmulator } from "../../test/support";

// Responses are checked field by field; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const env = useEmulator();

const portal = () => env.emulator.portal;
const byName = (name: string) => portal().metaproperties.find((mp) => mp.name === name)!;
const asset = (index = 0) => [...portal().media.values()][index];
const run = (params: Record<string, unknown>) =>
  harness.action("setAssetMetaproperties", { connection: env.connection, ...params }) as Promise<{
    data: Loose;
  }>;
const rows = (pairs: [string, string][]) => pairs.map(([key, value]) => ({ key, value }));
const writes = () => env.emulator.requestsTo(/^\/api\/v4\/media\/[^/]+$/, "POST");
const lookups = () => env.emulator.requestsTo("/api/v4/metaproperties", "GET");

/** A value metaproperty made straight in the portal, so tests do not depend on each other. */
const addValueMetaproperty = (name: string, type: Metaproperty["type"]) => {
  const mp: Metaproperty = {
    id: portal().cfId(),
    name,
    label: name.replace(/_/g, " "),
    type,
    zindex: 50,
    isMultiselect: 0,
    isRequired: 0,
    isFilterable: 1,
    isEditable: 1,
    options: [],
  };
  portal().metaproperties.push(mp);
  return mp;
};

let backlink: Metaproperty;
let shotOn: Metaproperty;
beforeAll(() => {
  backlink = addValueMetaproperty("Gelato_URL", "text");
  shotOn = addValueMetaproperty("Shot_On", "date");
});

describe("setAssetMetaproperties", () => {
  it("resolves names, option names and labels, and writes every value in one request", async () => {
    const target = asset(1);
    const department = byName("Department");
    const channel = byName("Channel"); // multiselect
    const result = await run({
      assetId: target.id,
      values: rows([
        ["Gelato_URL", "https://dam.example.com/copies/42?a=1,b=2"],
        [department.id, "Sales"],
        ["channel", "Web, Print"],
        ["Channel", channel.options[2].id],
        ["Shot_On", "2024-05-01"],
      ]),
    });

    expect(lookups()).toHaveLength(1);
    expect(lookups()[0].query).toEqual({ options: ["true"] });
    expect(writes()).toHaveLength(1);
    const [write] = writes();
    expect(write.path).toBe(`/api/v4/media/${target.id}`);
    expect(write.contentType).toBe("application/x-www-form-urlencoded");
    const option = (mp: Metaproperty, name: string) => mp.options.find((o) => o.name === name)!.id;
    expect(write.form).toEqual({
      [`metaproperty.${backlink.id}`]: ["https://dam.example.com/copies/42?a=1,b=2"],
      [`metaproperty.${department.id}`]: [option(department, "Sales")],
      [`metaproperty.${channel.id}`]: [
        [option(channel, "Web"), option(channel, "Print"), channel.options[2].id].join(","),
      ],
      [`metaproperty.${shotOn.id}`]: ["2024-05-01T00:00:00Z"],
    });

    expect(result.data).toMatchObject({ message: "Accepted", statuscode: 202, assetId: target.id });
    expect(result.data.values).toContainEqual({
      metapropertyId: channel.id,
      name: "Channel",
      type: "select",
      value: [option(channel, "Web"), option(channel, "Print"), channel.options[2].id].join(","),
      optionIds: [option(channel, "Web"), option(channel, "Print"), channel.options[2].id],
      optionNames: ["Web", "Print", channel.options[2].name],
    });
    expectExampleShape("setAssetMetaproperties", result);

    // What Bynder now has for the asset.
    const { data: got } = (await harness.action("getAsset", {
      connection: env.connection,
      id: target.id,
    })) as { data: Loose };
    expect(got.property_Gelato_URL).toEqual(["https://dam.example.com/copies/42?a=1,b=2"]);
    expect(got.property_Shot_On).toEqual(["2024-05-01T00:00:00Z"]);
    expect(got.property_Department).toEqual(["Sales"]);
    expect(got.property_Channel).toEqual(["Web", "Print", channel.options[2].name]);
  });

  it("asks only for the metaproperties named by id, and an empty value clears one", async () => {
    const target = asset(2);
    await run({ assetId: target.id, values: rows([[backlink.id, "https://x.example/1"]]) });
    env.emulator.clearLog();
    await run({ assetId: target.id, values: rows([[backlink.id, ""]]) });
    expect(lookups()[0].query).toEqual({ options: ["true"], ids: [backlink.id] });
    expect(writes()[0].form).toEqual({ [`metaproperty.${backlink.id}`]: [""] });
    expect(target.propertyValues?.[backlink.id]).toBeUndefined();
  });

  it("names every unknown metaproperty and option, and writes nothing", async () => {
    const error = run({
      assetId: asset().id,
      values: rows([
        ["Colour", "Red"],
        ["Department", "Finance"],
        ["Department", "Sales"],
        ["Shot_On", "next week"],
      ]),
    });
    await expect(error).rejects.toThrow(
      'Metaproperty Values: no metaproperty "Colour" (by ID or name); metaproperty "Department" has no option "Finance";',
    );
    await expect(error).rejects.toThrow(/Shot_On must be an ISO 8601 date-time/);
    await expect(error).rejects.toThrow(/Nothing was changed\.$/);
    expect(writes()).toEqual([]);
  });

  it("refuses two options for a single-select metaproperty before the write", async () => {
    await expect(
      run({ assetId: asset().id, values: rows([["Department", "Sales,Legal"]]) }),
    ).rejects.toThrow('metaproperty "Department" takes one option; got 2');
    expect(writes()).toEqual([]);
  });

  it("rejects a missing asset id or empty rows before calling Bynder", async () => {
    await expect(run({ values: rows([["Department", "Sales"]]) })).rejects.toThrow(
      "Asset ID is required",
    );
    await expect(run({ assetId: asset().id, values: [] })).rejects.toThrow(
      "Metaproperty Values is required",
    );
    await expect(run({ assetId: asset().id, values: [{ key: "", value: "x" }] })).rejects.toThrow(
      "Metaproperty Values: row 1 needs a metaproperty ID or name.",
    );
    expect(env.emulator.requests).toEqual([]);
  });

  it("passes on Bynder's 404 for an unknown asset", async () => {
    await expect(
      run({
        assetId: "00000000-0000-0000-0000000000000000",
        values: rows([["Gelato_URL", "https://x.example/1"]]),
      }),
    ).rejects.toThrow(/HTTP 404/);
  });
});
