import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;

const portal = () => env.emulator.portal;
const data = (value: unknown) => ({ data: JSON.stringify(value) });
const asset = (index = 0) => [...portal().media.values()][index];

describe("POST /api/v4/metaproperties (create)", () => {
  it("answers 201 with the new id and lists it with Bynder's 0/1 flags", async () => {
    const created = await call("POST", "/api/v4/metaproperties/", {
      form: data({ name: "Usage_Rights", type: "longtext", isRequired: true }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ message: "Created", statuscode: 201, id: expect.any(String) });
    const listed = await call("GET", `/api/v4/metaproperties/${created.body.id}`);
    expect(listed.body).toMatchObject({
      name: "Usage_Rights",
      label: "Usage_Rights",
      type: "longtext",
      isRequired: 1,
      isMultiselect: 0,
      options: [],
    });
  });

  it("answers 400 for a missing name, a bad type, a taken name, bad JSON and a text multiselect", async () => {
    const cases: [Record<string, string>, string][] = [
      [data({ type: "text" }), "Metaproperty name is required"],
      [data({ name: "X1", type: "colour" }), "Invalid metaproperty type"],
      [data({ name: "X2" }), "Invalid metaproperty type"],
      [
        data({ name: portal().metaproperties[0].name.toLowerCase(), type: "text" }),
        "already exists",
      ],
      [{ data: "{name" }, "Invalid JSON in data"],
      [{}, "No data sent"],
      [data({ name: "X3", type: "text", isMultiselect: true }), "can be multiselect"],
      [data({ name: "X4", type: "text", isRequired: "maybe" }), "isRequired must be true or false"],
    ];
    for (const [form, message] of cases) {
      const reply = await call("POST", "/api/v4/metaproperties", { form });
      expect({ status: reply.status, message: reply.body.message }).toEqual({
        status: 400,
        message: expect.stringContaining(message),
      });
    }
    expect(portal().metaproperties.filter((mp) => /^X\d$/.test(mp.name))).toEqual([]);
  });

  it("answers 415 for a JSON body and 401 without a token", async () => {
    const json = await call("POST", "/api/v4/metaproperties", {
      json: { name: "J", type: "text" },
    });
    expect(json.status).toBe(415);
    const anonymous = await call("POST", "/api/v4/metaproperties", {
      form: data({ name: "J", type: "text" }),
      token: false,
    });
    expect(anonymous.status).toBe(401);
  });
});

describe("POST /api/v4/metaproperties/{id} (modify)", () => {
  it("changes only what data holds; an id field must match the URL", async () => {
    const target = portal().metaproperties[1];
    const { name, options } = target;
    const ok = await call("POST", `/api/v4/metaproperties/${target.id}/`, {
      form: { ...data({ label: "Sales region", zindex: 9 }), id: target.id },
    });
    expect(ok.status).toBe(201);
    expect(target).toMatchObject({ name, options, label: "Sales region", zindex: 9 });
    const mismatch = await call("POST", `/api/v4/metaproperties/${target.id}`, {
      form: { ...data({ label: "x" }), id: portal().metaproperties[0].id },
    });
    expect(mismatch.status).toBe(400);
    expect(target.label).toBe("Sales region");
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    expect(
      (
        await call("POST", "/api/v4/metaproperties/00000000-0000-0000-0000000000000000", {
          form: data({ label: "x" }),
        })
      ).status,
    ).toBe(404);
    expect(
      (await call("POST", "/api/v4/metaproperties/nope", { form: data({ label: "x" }) })).status,
    ).toBe(400);
  });
});

describe("metaproperty values on assets (POST /api/v4/media/{id})", () => {
  it("keeps text as sent (commas too), checks dates, takes options by id, name or label", async () => {
    const text = await call("POST", "/api/v4/metaproperties", {
      form: data({ name: "Note", type: "text" }),
    });
    const date = await call("POST", "/api/v4/metaproperties", {
      form: data({ name: "Shot", type: "date" }),
    });
    const department = portal().metaproperties.find((mp) => mp.name === "Department")!;
    const target = asset(3);
    const written = await call("POST", `/api/v4/media/${target.id}/`, {
      form: {
        [`metaproperty.${text.body.id}`]: "a, b and c",
        [`metaproperty.${date.body.id}`]: "2024-05-01T10:00:00Z",
        [`metaproperty.${department.id}`]: department.options[1].label,
      },
    });
    expect(written.status).toBe(202);
    const { body } = await call("GET", `/api/v4/media/${target.id}`);
    expect(body.property_Note).toEqual(["a, b and c"]);
    expect(body.property_Shot).toEqual(["2024-05-01T10:00:00Z"]);
    expect(body.property_Department).toEqual([department.options[1].name]);

    const badDate = await call("POST", `/api/v4/media/${target.id}`, {
      form: { [`metaproperty.${date.body.id}`]: "tomorrow" },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.message).toContain("Date format not ISO8601-compliant");

    await call("POST", `/api/v4/media/${target.id}`, {
      form: { [`metaproperty.${text.body.id}`]: "" },
    });
    expect((await call("GET", `/api/v4/media/${target.id}`)).body).not.toHaveProperty(
      "property_Note",
    );
  });

  it("deleting a metaproperty takes its values and options off every asset", async () => {
    const text = await call("POST", "/api/v4/metaproperties", {
      form: data({ name: "Temporary", type: "text" }),
    });
    const target = asset(4);
    await call("POST", `/api/v4/media/${target.id}`, {
      form: { [`metaproperty.${text.body.id}`]: "soon gone" },
    });
    const deleted = await call("DELETE", `/api/v4/metaproperties/${text.body.id}/`);
    expect(deleted.status).toBe(204);
    expect(target.propertyValues?.[text.body.id]).toBeUndefined();
    expect((await call("GET", `/api/v4/media/${target.id}`)).body).not.toHaveProperty(
      "property_Temporary",
    );
    expect((await call("DELETE", `/api/v4/metaproperties/${text.body.id}`)).status).toBe(404);
  });
});
