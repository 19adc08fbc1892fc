/**
 * `clean` functions: each turns what the platform passes (strings, mostly) into the typed value
 * `perform` receives, or throws an InputError that names the input. They run before any request.
 */
import { InputError } from "../client";

const text = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new InputError(`expected text, got ${Array.isArray(value) ? "a list" : typeof value}`);
};

/**
 * A value for an error message: at most `max` characters of it, and its length when it is cut, so
 * that a 1 MB value pasted into the wrong input does not come back as a 1 MB error.
 */
export const quoted = (value: string, max = 60): string =>
  value.length <= max ? `"${value}"` : `"${value.slice(0, max)}…" (${value.length} characters)`;

const named = <T>(label: string, parse: () => T): T => {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError && !error.message.startsWith(label)) {
      throw new InputError(`${label}: ${error.message}`);
    }
    throw error;
  }
};

export const requiredString =
  (label: string) =>
  (value: unknown): string =>
    named(label, () => {
      const result = text(value);
      if (!result) throw new InputError(`${label} is required.`);
      return result;
    });

export const optionalString =
  (label: string) =>
  (value: unknown): string | undefined =>
    named(label, () => text(value) || undefined);

export type IdFormat = "cf" | "uuid" | "segment";

const ID_PATTERNS: Record<IdFormat, { pattern: RegExp; hint: string }> = {
  cf: {
    pattern: /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}$/i,
    hint: "a Bynder asset-bank id of 8-4-4-16 hex digits, e.g. 00B627BB-8054-44C0-A343FCF40BC790CD",
  },
  uuid: {
    pattern: /^([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}|[0-9A-F]{32})$/i,
    hint: "a Bynder workflow id of 8-4-4-4-12 hex digits, e.g. 3f2d9c1e-5a7b-4c8d-9e0f-1a2b3c4d5e6f",
  },
  segment: { pattern: /^[^/?#\s\\]+$/, hint: "an id without spaces, slashes, ? or #" },
};

const checkId = (label: string, format: IdFormat, id: string): string => {
  const { pattern, hint } = ID_PATTERNS[format];
  if (!pattern.test(id) || id === "." || id === "..") {
    throw new InputError(`${label} must be ${hint}; got ${quoted(id)}.`);
  }
  return id;
};

export const requiredId =
  (label: string, format: IdFormat) =>
  (value: unknown): string =>
    checkId(label, format, requiredString(label)(value));

export const optionalId =
  (label: string, format: IdFormat) =>
  (value: unknown): string | undefined => {
    const id = optionalString(label)(value);
    return id === undefined ? undefined : checkId(label, format, id);
  };

/** A list input (value list) or one comma-separated string; every item checked. */
export const idList =
  (label: string, format: IdFormat, { required = false } = {}) =>
  (value: unknown): string[] =>
    named(label, () => {
      const items = (Array.isArray(value) ? value : [value])
        .flatMap((item) => text(item).split(","))
        .map((item) => item.trim())
        .filter(Boolean);
      if (required && items.length === 0)
        throw new InputError(`${label} is required: give at least one id.`);
      return items.map((id) => checkId(label, format, id));
    });

export const stringList =
  (label: string, { required = false } = {}) =>
  (value: unknown): string[] =>
    named(label, () => {
      const items = (Array.isArray(value) ? value : [value])
        .flatMap((item) => text(item).split(","))
        .map((item) => item.trim())
        .filter(Boolean);
      if (required && items.length === 0) throw new InputError(`${label} is required.`);
      return items;
    });

const TRUE = /^(true|t|yes|y|1)$/i;
const FALSE = /^(false|f|no|n|0)$/i;

export const boolean =
  (label: string, fallback = false) =>
  (value: unknown): boolean =>
    named(label, () => {
      if (typeof value === "boolean") return value;
      const raw = text(value);
      if (!raw) return fallback;
      if (TRUE.test(raw)) return true;
      if (FALSE.test(raw)) return false;
      throw new InputError(`${label} must be true or false; got ${quoted(raw)}.`);
    });

/** Like boolean, but an empty value stays undefined so nothing is sent. */
export const optionalBoolean =
  (label: string) =>
  (value: unknown): boolean | undefined =>
    named(label, () =>
      typeof value !== "boolean" && text(value) === "" ? undefined : boolean(label)(value),
    );

export const integer =
  (label: string, { min, max }: { min?: number; max?: number } = {}) =>
  (value: unknown): number | undefined =>
    named(label, () => {
      const raw = text(value);
      if (!raw) return undefined;
      if (!/^-?\d+$/.test(raw))
        throw new InputError(`${label} must be a whole number; got ${quoted(raw)}.`);
      const number = Number(raw);
      if (!Number.isSafeInteger(number)) {
        throw new InputError(
          `${label} must be a whole number of at most 15 digits; got ${quoted(raw)}.`,
        );
      }
      if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
        const range =
          max === undefined
            ? `at least ${min}`
            : min === undefined
              ? `at most ${max}`
              : `between ${min} and ${max}`;
        throw new InputError(`${label} must be ${range}; got ${number}.`);
      }
      return number;
    });

export const requiredInteger =
  (label: string, range: { min?: number; max?: number } = {}) =>
  (value: unknown): number => {
    const number = integer(label, range)(value);
    if (number === undefined) throw new InputError(`${label} is required.`);
    return number;
  };

/** A JSON object given as text (or already parsed); empty gives {}. */
export const jsonObject =
  (label: string) =>
  (value: unknown): Record<string, unknown> =>
    named(label, () => {
      let parsed: unknown = value;
      if (typeof value === "string") {
        if (!value.trim()) return {};
        try {
          parsed = JSON.parse(value);
        } catch (error) {
          throw new InputError(`${label} must be valid JSON: ${(error as Error).message}.`);
        }
      }
      if (parsed === undefined || parsed === null) return {};
      if (typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new InputError(`${label} must be a JSON object such as {"key": "value"}.`);
      }
      return parsed as Record<string, unknown>;
    });

/** A key-value list input as an object; blank keys are an error, not silently dropped. */
export const keyValues =
  (label: string) =>
  (value: unknown): Record<string, string> =>
    named(label, () => {
      if (value === undefined || value === null || value === "") return {};
      if (!Array.isArray(value)) {
        if (typeof value === "object") {
          return Object.fromEntries(
            Object.entries(value as Record<string, unknown>).map(([key, item]) => [
              key,
              text(item),
            ]),
          );
        }
        throw new InputError(`${label} must be a list of key-value pairs.`);
      }
      const result: Record<string, string> = {};
      for (const pair of value as { key?: unknown; value?: unknown }[]) {
        const key = text(pair?.key);
        if (!key) throw new InputError(`${label}: every entry needs a key.`);
        result[key] = text(pair?.value);
      }
      return result;
    });

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;
const MONTH_NAME = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/** An ISO 8601 date-time (or Unix seconds, or a date with a month name); output is a Date. */
export const optionalDate =
  (label: string) =>
  (value: unknown): Date | undefined =>
    named(label, () => {
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new InputError(`${label} is an invalid date.`);
        return value;
      }
      const raw = text(value);
      if (!raw) return undefined;
      // 9 to 11 digits: Unix seconds; 12 or 13: milliseconds. Text must be ISO 8601 or carry a
      // month name and a 4-digit year (RFC 2822, Bynder's "March, 08 2017 14:17:37 +0000"): V8
      // alone reads "foo 1" as 2001-01-01 and "12/31/2024" by US convention.
      const date = /^\d{9,11}$/.test(raw)
        ? new Date(Number(raw) * 1000)
        : /^\d{12,13}$/.test(raw)
          ? new Date(Number(raw))
          : ISO_DATE.test(raw) || (MONTH_NAME.test(raw) && /\b\d{4}\b/.test(raw))
            ? new Date(raw)
            : new Date(NaN);
      if (Number.isNaN(date.getTime())) {
        throw new InputError(
          `${label} must be an ISO 8601 date-time such as 2024-01-31T12:00:00Z; got ${quoted(raw)}.`,
        );
      }
      return date;
    });

/** One of the allowed values (a dropdown's model, checked again for flows that pass raw values). */
export const oneOf =
  <T extends string>(label: string, values: readonly T[], fallback?: T) =>
  (value: unknown): T =>
    named(label, () => {
      const raw = text(value);
      if (!raw && fallback !== undefined) return fallback;
      if (!values.includes(raw as T)) {
        throw new InputError(`${label} must be one of ${values.join(", ")}; got ${quoted(raw)}.`);
      }
      return raw as T;
    });

export const optionalOneOf =
  <T extends string>(label: string, values: readonly T[]) =>
  (value: unknown): T | undefined =>
    named(label, () => (text(value) ? oneOf(label, values)(value) : undefined));
