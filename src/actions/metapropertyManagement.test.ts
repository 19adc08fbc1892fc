import { expectExampleShape, harness, useEmulator } from "../../test/support";

// Responses are checked field by field; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const env = useEmulator();

const UNKNOWN = "00000000-0000-0000-0000000000000000";
const run = (key: string, params: Record<string, unknown>) =>
  harness.action(key, { connection: env.connection, ...params }) as Promise<{ data: Loose }>;
const portal = () => env.emulator.portal;
const byId = (id: string) => portal().metaproperties.find((mp) => mp.id === id);
const sentData = (path: string, method = "POST") => {
  const [request] = env.emulator.requestsTo(path, method);
  expect(request.contentType).toBe("application/x-www-form-urlencoded");
  return JSON.parse(request.form!.data[0]) as Record<string, unknown>;
};

/** Rejects naming the input's label, and Bynder was never called. */
const expectInputError = async (
  key: string,
  params: Record<string, unknown>,
  message: string | RegExp,
) => {
  await expect(run(key, params)).rejects.toThrow(message);
  expect(env.emulator.requests).toEqual([]);
};

describe("createMetaproperty", () => {
  it("creates a text metaproperty with form data=<JSON> of only the fields given", async () => {
    const result = await run("createMetaproperty", {
      name: "Backlink_URL",
      label: "Backlink URL",
      type: "text",
      isEditable: "false",
    });
    expect(result.data).toEqual({ message: "Created", statuscode: 201, id: expect.any(String) });
    expect(sentData("/api/v4/metaproperties")).toEqual({
      name: "Backlink_URL",
      label: "Backlink URL",
      type: "text",
      isEditable: false,
    });
    expect(byId(result.data.id)).toMatchObject({
      name: "Backlink_URL",
      label: "Backlink URL",
      type: "text",
      isEditable: 0,
      options: [],
    });
    expectExampleShape("createMetaproperty", result);
  });

  it("creates a multiselect select metaproperty at a position; Data fills what the inputs leave empty", async () => {
    const result = await run("createMetaproperty", {
      name: "Season",
      type: "select",
      isMultiselect: "true",
      isFilterable: "true",
      zindex: "3",
      bodyData: JSON.stringify({
        labels: { nl_NL: "Seizoen" },
        label: "Season (all)",
        isDrilldown: true,
        name: "x",
      }),
    });
    expect(sentData("/api/v4/metaproperties")).toEqual({
      labels: { nl_NL: "Seizoen" },
      label: "Season (all)",
      isDrilldown: true,
      name: "Season",
      type: "select",
      isMultiselect: true,
      isFilterable: true,
      zindex: 3,
    });
    expect(byId(result.data.id)).toMatchObject({
      name: "Season",
      label: "Season (all)",
      type: "select",
      isMultiselect: 1,
      zindex: 3,
    });
  });

  it("creates each type Bynder offers", async () => {
    for (const type of ["longtext", "date", "select2", "autocomplete"]) {
      const result = await run("createMetaproperty", { name: `Typed_${type}`, type });
      expect(byId(result.data.id)?.type).toBe(type);
    }
  });

  it("passes on Bynder's 400 for a name that exists", async () => {
    await expect(
      run("createMetaproperty", { name: portal().metaproperties[0].name, type: "text" }),
    ).rejects.toThrow(
      `HTTP 400: A metaproperty named ${portal().metaproperties[0].name} already exists`,
    );
  });

  it("rejects a bad Name, Type, Position or a text Multiselect before calling Bynder", async () => {
    await expectInputError("createMetaproperty", { type: "text" }, "Name is required.");
    await expectInputError(
      "createMetaproperty",
      { name: "Gelato URL" },
      /^Name must be letters, digits and underscores only/,
    );
    await expectInputError(
      "createMetaproperty",
      { name: "A", type: "number" },
      /^Type must be one of text, longtext, date, select, select2, autocomplete; got "number"/,
    );
    await expectInputError(
      "createMetaproperty",
      { name: "A", zindex: "first" },
      /^Position must be a whole number/,
    );
    await expectInputError(
      "createMetaproperty",
      { name: "A", type: "text", isMultiselect: "true" },
      'Multiselect applies to Select, Select2 and Autocomplete metaproperties only; Type is "text".',
    );
    await expectInputError(
      "createMetaproperty",
      { name: "A", isRequired: "perhaps" },
      /^Required must be true or false/,
    );
  });
});

describe("updateMetaproperty", () => {
  it("sends only what is filled in, and Bynder changes only that", async () => {
    const target = portal().metaproperties[1];
    const before = { ...target };
    const result = await run("updateMetaproperty", {
      metapropertyId: target.id,
      label: "Sales region",
      isRequired: "true",
    });
    expect(result.data).toEqual({ message: "Created", statuscode: 201 });
    expect(sentData(`/api/v4/metaproperties/${target.id}`)).toEqual({
      label: "Sales region",
      isRequired: true,
    });
    expect(target).toMatchObject({
      ...before,
      label: "Sales region",
      isRequired: 1,
      options: before.options,
    });
    expectExampleShape("updateMetaproperty", result);
  });

  it("passes on Bynder's 400 when a metaproperty with options would lose them", async () => {
    const target = portal().metaproperties[2];
    await expect(
      run("updateMetaproperty", { metapropertyId: target.id, type: "text" }),
    ).rejects.toThrow(`HTTP 400: Metaproperty ${target.name} has options`);
    expect(target.type).toBe("select");
  });

  it("passes on Bynder's 404", async () => {
    await expect(
      run("updateMetaproperty", { metapropertyId: UNKNOWN, label: "x" }),
    ).rejects.toThrow("HTTP 404: Metaproperty not found");
  });

  it("rejects an update with nothing to change before calling Bynder", async () => {
    await expectInputError(
      "updateMetaproperty",
      { metapropertyId: portal().metaproperties[0].id },
      /^Update Metaproperty: nothing to change/,
    );
  });
});

describe("deleteMetaproperty", () => {
  it("deletes it, and assets lose its options", async () => {
    const created = await run("createMetaproperty", { name: "Doomed", type: "select" });
    const id = created.data.id as string;
    await run("createMetapropertyOption", { metapropertyId: id, name: "Gone" });
    const optionId = byId(id)!.options[0].id;
    const asset = [...portal().media.values()][0];
    asset.propertyOptions.push(optionId);
    env.emulator.clearLog();

    const result = await run("deleteMetaproperty", { metapropertyId: id });
    expect(result.data).toBe("");
    expect(env.emulator.requestsTo(`/api/v4/metaproperties/${id}`, "DELETE")).toHaveLength(1);
    expect(byId(id)).toBeUndefined();
    expect(asset.propertyOptions).not.toContain(optionId);
  });

  it("passes on Bynder's 404 and rejects a malformed ID before calling Bynder", async () => {
    await expect(run("deleteMetaproperty", { metapropertyId: UNKNOWN })).rejects.toThrow(
      "HTTP 404: Metaproperty not found",
    );
    env.emulator.clearLog();
    await expectInputError(
      "deleteMetaproperty",
      { metapropertyId: "../x" },
      /^Metaproperty ID must be/,
    );
  });
});
