/**
 * Bynder's encodings. /api/v4 takes application/x-www-form-urlencoded bodies and query strings
 * where lists are comma-joined and structured values travel as a JSON string (the `data=` fields).
 */
import { BynderError } from "./errors";

export type Fields = Record<string, unknown>;

/** What Bynder's v4 writes answer: `{"message": "Accepted", "statuscode": 202}` and the like. */
export interface V4Message {
  message: string;
  statuscode: number;
}

/**
 * Only the fields that are set (not undefined), so an empty optional input never blanks out a
 * value or an Extra Parameter. A flag that must not be sent when false says so: `flag || undefined`.
 */
export const definedFields = (fields: Fields): Fields =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

const encodeValue = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    return value
      .map(encodeValue)
      .filter((item) => item !== undefined)
      .join(",");
  }
  if (value instanceof Date) return bynderDate(value);
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
      (Array.isArray(values) ? values : values.split(","))
        .map((value) => String(value).trim())
        .filter(Boolean),
    ]),
  );

/**
 * Path template tag: every interpolated value is URL-encoded as one path segment. An empty, "." or
 * ".." value is refused: URL parsing would drop or climb that segment (even as %2E%2E) and the
 * request would reach another endpoint.
 */
export const path = (strings: TemplateStringsArray, ...values: (string | number)[]): string =>
  strings.reduce((out, part, i) => {
    if (i >= values.length) return out + part;
    const segment = String(values[i]);
    if (segment === "" || segment === "." || segment === "..") {
      throw new BynderError(
        `Refusing to call ${strings.join("…")}: a path segment is ${segment ? `"${segment}"` : "empty"}.`,
      );
    }
    return out + part + encodeURIComponent(segment);
  }, "");

/** Bynder's v4 date style for filters: ISO 8601 in UTC without milliseconds. */
export const bynderDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");
