/**
 * Bynder's dates, in every style its API families use, parsed to epoch milliseconds without
 * `Date.parse` (which reads a date-time without a zone as *local* time and guesses at the rest):
 *
 * - `2017-03-09T12:09:29Z` (media, users, order info), also with fractions of a second
 * - `2017-01-10T07:43:12+00:00` (workflow, orders list, option lists), also `+0000` / `+00`
 * - `March, 08 2017 14:17:37 +0000` (collections; options inside GET /metaproperties)
 * - `2017-03-03T00:00:00` or `2017-03-03` with no zone (campaign deadline): read as UTC
 *
 * Forms no reference shows for Bynder but a record could plausibly carry (a proxy, an export, an
 * older API version): `2030-01-02 10:00:08 UTC`, RFC 1123 (`Wed, 02 Jan 2030 10:00:08 GMT`), and
 * epoch seconds or milliseconds as a number or a string of digits. Anything else is undefined, and
 * the trigger warns about the record rather than dropping it without a word.
 */
import { bynderDate } from "../client";

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/** RFC 1123 / RFC 7231 IMF-fixdate, optionally without the weekday: `Wed, 02 Jan 2030 10:00:08 GMT`. */
const RFC1123 =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch numbers: below 10^11 they are seconds (10^11 s is the year 5138), otherwise milliseconds
 * (10^11 ms is March 1973, earlier than any Bynder record).
 */
const EPOCH_SECONDS_BELOW = 1e11;
const fromEpoch = (value: number): number | undefined => {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  return Math.abs(value) < EPOCH_SECONDS_BELOW ? Math.round(value * 1000) : Math.round(value);
};

const monthNumber = (name: string): number | undefined => {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((m) => m.startsWith(lower)); // full name or 3+ letters
  return index < 0 ? undefined : index + 1;
};

const COLDFUSION =
  /^([A-Za-z]{3,9})\.?,?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

const daysInMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Minutes east of UTC for `Z`, `UTC`, `GMT`, `+01`, `+0100`, `-05:30`; undefined = no zone. */
const offsetMinutes = (zone: string | undefined): number | undefined => {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return zone ? 0 : undefined;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 23 || minutes > 59) return NaN;
  return (match[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
};

const build = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  zone: string | undefined,
): number | undefined => {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = offsetMinutes(zone) ?? 0; // no zone: Bynder means UTC
  if (Number.isNaN(offset)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
};

/** Epoch milliseconds of a Bynder date, or undefined when the value is not a date we know. */
export const parseBynderDate = (value: unknown): number | undefined => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== "string") return undefined;
  const text = value.trim();

  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone] = iso;
    const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
    return build(+y, +mo, +d, +h, +mi, +s, millis, zone);
  }

  const cf = COLDFUSION.exec(text);
  if (cf) {
    const [, monthName, d, y, h, mi, s = "0", zone] = cf;
    const month = monthNumber(monthName);
    return month === undefined ? undefined : build(+y, month, +d, +h, +mi, +s, 0, zone);
  }

  const rfc = RFC1123.exec(text);
  if (rfc) {
    const [, d, monthName, y, h, mi, s = "0", zone] = rfc;
    const month = monthNumber(monthName);
    return month === undefined ? undefined : build(+y, month, +d, +h, +mi, +s, 0, zone);
  }
  return undefined;
};

/**
 * A date as a record may carry it: any text form above, or epoch seconds or milliseconds (a number
 * or a string of digits). Kept apart from parseBynderDate, where a bare number is not a date.
 */
export const parseRecordDate = (value: unknown): number | undefined => {
  if (typeof value === "number") return fromEpoch(value);
  if (typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value))
    return fromEpoch(Number(value));
  return parseBynderDate(value);
};

/** Whole epoch seconds (Bynder's timestamps have one-second resolution). */
export const toSeconds = (ms: number): number => Math.floor(ms / 1000);

/** Epoch seconds of a record's date (parseRecordDate), or undefined. */
export const bynderSeconds = (value: unknown): number | undefined => {
  const ms = parseRecordDate(value);
  return ms === undefined ? undefined : toSeconds(ms);
};

/** The `yyyy-mm-ddThh:mm:ssZ` form Bynder's date filters take, from epoch seconds. */
export const filterDate = (seconds: number): string => bynderDate(new Date(seconds * 1000));
