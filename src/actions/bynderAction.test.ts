/** The action factory: the metadata every action carries, and what it does with a run's result. */
import component from "..";
import { outputSchemaOf } from "./outputSchema";

const actions = Object.values(component.actions);
const READ_ONLY = /^(Get|List|Search|Find|Download|Generate|Retrieve)\b/;

describe("bynderAction", () => {
  it("gives every action a performSafety: safe for reads, not allowed for writes", () => {
    for (const action of actions) {
      const expected = READ_ONLY.test(action.display.label) ? "SAFE" : "NOT_ALLOWED";
      expect({ key: action.key, safety: action.performSafety }).toEqual({
        key: action.key,
        safety: expected,
      });
    }
  });

  it("derives an output schema from the example payload, except for binary outputs", () => {
    const withoutSchema = actions.filter((action) => !action.outputSchema).map((a) => a.key);
    expect(withoutSchema.sort()).toEqual(["downloadAsset", "generateDynamicTransformation"]);
    const getAsset = component.actions.getAsset;
    const output = getAsset.outputSchema as { schema: string };
    const schema = JSON.parse(output.schema) as {
      type: string;
      properties: Record<string, { type: string }>;
    };
    expect(schema.type).toBe("object");
    expect(schema.properties.id).toEqual({ type: "string" });
    expect(schema.properties.fileSize).toEqual({ type: "number" });
  });

  it("marks the actions most flows start with as important, and only those", () => {
    const important = actions.filter((action) => action.display.important).map((a) => a.key);
    expect(important.sort()).toEqual(
      [
        "getAsset",
        "listAssets",
        "searchAssets",
        "updateAsset",
        "uploadFile",
        "downloadAsset",
        "createCollection",
        "addAssetsToCollection",
      ].sort(),
    );
  });

  it("gives the nine upload steps and Raw Request directions", () => {
    const directed = actions.filter((action) => action.display.directions).map((a) => a.key);
    expect(directed).toHaveLength(10);
    expect(component.actions.uploadChunk.display.directions).toMatch(/^Step 3 of .*Upload File/);
  });
});

describe("outputSchemaOf", () => {
  it("describes types, properties and array items from the first item", () => {
    expect(
      outputSchemaOf({ a: "x", n: 1.5, ok: true, list: [{ id: "1" }], empty: [], none: null }),
    ).toEqual({
      type: "actionOutput",
      schema: {
        type: "object",
        properties: {
          a: { type: "string" },
          n: { type: "number" },
          ok: { type: "boolean" },
          list: {
            type: "array",
            items: { type: "object", properties: { id: { type: "string" } } },
          },
          empty: { type: "array" },
          none: {},
        },
      },
    });
  });

  it("gives none for binary data", () => {
    expect(outputSchemaOf(Buffer.from("bytes"))).toBeUndefined();
  });
});
