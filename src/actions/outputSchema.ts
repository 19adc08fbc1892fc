import type { OutputSchema } from "@prismatic-io/spectral";

type Schema = Record<string, unknown>;

/**
 * A JSON Schema of a value's shape: types, object properties and array items (from the first
 * item), as the example payloads show them. Written here rather than taken from a library because
 * it is a dozen lines and runs once per action at load; the example payloads are shaped like the
 * emulator's real answers (tests check that), so the schema is too.
 */
const schemaOf = (value: unknown): Schema => {
  if (value === null || value === undefined) return {};
  if (Array.isArray(value))
    return value.length ? { type: "array", items: schemaOf(value[0]) } : { type: "array" };
  switch (typeof value) {
    case "string":
      return { type: "string" };
    case "number":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "object":
      return {
        type: "object",
        properties: Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([key, item]) => [
            key,
            schemaOf(item),
          ]),
        ),
      };
    default:
      return {};
  }
};

/** The output schema of an action whose `data` looks like `example`; none for binary data. */
export const outputSchemaOf = (example: unknown): OutputSchema | undefined =>
  Buffer.isBuffer(example) || example instanceof Uint8Array
    ? undefined
    : { type: "actionOutput", schema: schemaOf(example) };
