/**
 * Bynder's encodings. /api/v4 takes application/x-www-form-urlencoded bodies and query strings
 * where lists are comma-joined and structured values travel as a JSON string (the `data=` fields).
 */
export type Fields = Record<string, unknown>;

const encodeValue = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => encodeValue(item) ?? "").join(",");
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, "Z");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** URLSearchParams with Bynder's list and JSON conventions; undefined and null are left out. */
export const toSearchParams = (fields: Fields = {}): URLSearchParams => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    const encoded = encodeValue(value);
    if (encoded !== undefined) params.append(key, encoded);
  }
  return params;
};

/** `metaproperty.<id>=<csv option ids>`: how v4 writes take option values for an asset. */
export const metapropertyFields = (options: Record<string, string[] | string> = {}): Fields =>
  Object.fromEntries(
    Object.entries(options).map(([id, values]) => [
      `metaproperty.${id}`,
      Array.isArray(values) ? values : values.split(","),
    ]),
  );

/** Path template tag: every interpolated value is URL-encoded as one path segment. */
export const path = (strings: TemplateStringsArray, ...values: (string | number)[]): string =>
  strings.reduce(
    (out, part, i) => out + part + (i < values.length ? encodeURIComponent(String(values[i])) : ""),
    "",
  );

/** Bynder's v4 date style for filters: ISO 8601 in UTC without milliseconds. */
export const bynderDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");
