/**
 * One stream of changes (a resource's changes, or the trash's deletions) read against its saved
 * cursor, shared by the triggers: the read, the portal-clock guard, and the warnings about what a
 * poll could not use.
 */
import {
  advance,
  baseline,
  ceilingOf,
  cutoffOf,
  DEFAULT_CURSOR,
  pullBack,
  type Candidate,
  type CursorOptions,
  type StreamState,
} from "./cursor";
import { filterDate } from "./dates";
import type { PortalClock } from "./portalClock";
import type { BynderRecord, Reader } from "./readers";

export type Warn = (message: string) => void;

const MAX_WARNINGS = 10;
const DATE_FIELD = /^date|date$|_date|date_/i;

const short = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/**
 * The reader's candidates, warning (by id and value) about records whose dates cannot be read:
 * they cannot be placed in time, so they are not reported, and the builder hears about it.
 */
export const candidatesOf = (
  reader: Reader,
  records: BynderRecord[],
  warn: Warn,
): Candidate<BynderRecord>[] => {
  const unreadable: string[] = [];
  const candidates: Candidate<BynderRecord>[] = [];
  for (const record of records) {
    const candidate = reader.candidate(record);
    if (candidate) {
      candidates.push(candidate);
      continue;
    }
    const id = record.id ?? record.ID;
    const dates = Object.entries(record)
      .filter(([key]) => DATE_FIELD.test(key))
      .map(([key, value]) => `${key}: ${short(value)}`);
    unreadable.push(
      `${id === undefined ? "a record without an id" : short(id)} (${dates.join(", ") || "no date fields"})`,
    );
  }
  if (unreadable.length) {
    const more =
      unreadable.length > MAX_WARNINGS ? `, and ${unreadable.length - MAX_WARNINGS} more` : "";
    warn(
      `${unreadable.length} ${reader.what} carried no id or no date the trigger can read, so they are not reported: ${unreadable.slice(0, MAX_WARNINGS).join("; ")}${more}.`,
    );
  }
  return candidates;
};

const aheadWarning = (reader: Reader, ahead: Candidate<BynderRecord>[], now: number) => {
  const listed = ahead
    .slice(0, MAX_WARNINGS)
    .map((c) => `${c.id} at ${filterDate(c.ts)}`)
    .join(", ");
  return `${ahead.length} ${reader.what} are stamped in the future of the portal's clock (${filterDate(now)}): ${listed}. They are reported, but the trigger's position does not move past the portal's now.`;
};

/**
 * Moves a stream's saved state back to the portal's now when it lies in the future, with a
 * warning. `read` is repeated from the corrected position (a broken state costs one request more).
 */
export const guardFuture = (
  reader: Reader,
  state: StreamState,
  now: number,
  warn: Warn,
  options: CursorOptions,
): StreamState => {
  const pulled = pullBack(state, now, options);
  if (!pulled) return state;
  warn(
    `The saved position for ${reader.what} (${filterDate(Math.max(state.w ?? -Infinity, state.f ?? -Infinity))}) lies in the future of the portal's clock (${filterDate(now)}); it was pulled back, and the trigger resumes with the changes from ${filterDate(cutoffOf(pulled, options)!)} on.`,
  );
  return pulled;
};

/** One poll of one stream: a first poll records the starting point only. */
export const pollStream = async (
  reader: Reader,
  state: StreamState | undefined,
  clock: PortalClock,
  warn: Warn,
  options: CursorOptions = DEFAULT_CURSOR,
) => {
  if (!state) {
    let candidates = candidatesOf(reader, await reader.newest(options.overlapSeconds), warn);
    const now = clock.now();
    if (candidates.some((c) => c.ts > ceilingOf(now, options))) {
      // The newest record is stamped ahead: the window the baseline needs is below it.
      candidates = candidatesOf(
        reader,
        await reader.changedSince(now - options.overlapSeconds),
        warn,
      );
    }
    return { changes: [], next: baseline(candidates, options, clock.now()), first: true };
  }
  let records = await reader.changedSince(cutoffOf(state, options));
  const checked = guardFuture(reader, state, clock.now(), warn, options);
  if (checked !== state) records = await reader.changedSince(cutoffOf(checked, options));
  const now = clock.now();
  const { changes, next, ahead } = advance(
    checked,
    candidatesOf(reader, records, warn),
    options,
    now,
  );
  if (ahead.length) warn(aheadWarning(reader, ahead, now));
  return { changes, next, first: false };
};
