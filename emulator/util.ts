/** Small deterministic helpers: a seeded PRNG, Bynder's two id formats and its three date styles. */
import { createHash, randomBytes } from "node:crypto";

/** mulberry32: tiny, fast, deterministic; good enough to make fixtures repeatable. */
export const prng = (seed: number) => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    hex: (length: number) => {
      let out = "";
      while (out.length < length)
        out += Math.floor(next() * 0x100000000)
          .toString(16)
          .padStart(8, "0");
      return out.slice(0, length);
    },
  };
};
export type Prng = ReturnType<typeof prng>;

/** ColdFusion-style id used by /api/v4: 8-4-4-16, upper case. */
export const cfId = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 32)}`.toUpperCase();

/** RFC 4122 form used by workflow and the newer services: 8-4-4-4-12, lower case. */
export const uuid = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toLowerCase();

export const randomHex = (bytes = 16) => randomBytes(bytes).toString("hex");
export const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

export const CF_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}$/i;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const pad = (n: number) => String(n).padStart(2, "0");

/** Media, users, order info: `2017-03-09T12:09:29Z`. */
export const isoZ = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
/** Workflow, metaproperty options list, orders list: `2017-01-10T07:43:12+00:00`. */
export const isoOffset = (ms: number) => isoZ(ms).replace("Z", "+00:00");
/** Collections and options inside /metaproperties: `March, 08 2017 14:17:37 +0000`. */
export const coldFusion = (ms: number) => {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]}, ${pad(d.getUTCDate())} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};
/** Campaign deadline: `2017-03-03T00:00:00` (no zone). */
export const isoNoZone = (ms: number) => isoZ(ms).replace("Z", "");

/** Parses the ISO dates Bynder's filters take (`yyyy-mm-ddThh:mm:ssZ`, with or without zone). */
export const parseFilterDate = (value: string | undefined): number | undefined => {
  if (!value) return undefined;
  const ms = Date.parse(
    /[zZ]|[+-]\d\d:?\d\d$/.test(value) || !value.includes("T") ? value : `${value}Z`,
  );
  return Number.isNaN(ms) ? undefined : ms;
};
