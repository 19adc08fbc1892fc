/**
 * Reading a trigger's saved state back, whatever it holds. State can be damaged (edited by hand,
 * written by an older or foreign version, saved for another resource type); a poll that cannot use
 * it says so in a warning that names what was wrong and the point it resumes from, recovers what it
 * can from the usable part, and never fails the same way on every poll.
 */
import type { CursorOptions, StreamState } from "./cursor";
import { cutoffOf } from "./cursor";
import { filterDate, parseRecordDate } from "./dates";
import { RESOURCE_TYPES, type ResourceType } from "./readers";

/** What a trigger keeps between runs (in Prismatic's polling state). */
export interface SavedState {
  v: 1;
  resourceType: ResourceType;
  changed: StreamState;
  deleted?: StreamState;
}

export interface ReadState {
  changed?: StreamState;
  deleted?: StreamState;
  /** One message per stream that could not be used as saved. */
  warnings: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

const seconds = (value: unknown): number | undefined => {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? Math.floor(number) : undefined;
};

const quote = (value: unknown) => {
  const text = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/**
 * One stream's state, checked field by field. Returns the usable state (undefined when nothing in
 * it says where the last poll stood) and what was wrong.
 */
export const checkStream = (
  value: unknown,
): { state?: StreamState; problems: string[]; mayRepeat: boolean } => {
  if (!isObject(value))
    return { problems: [`it is ${quote(value)}, not an object`], mayRepeat: false };
  const problems: string[] = [];
  const field = (key: "w" | "f" | "t", name: string) => {
    if (value[key] === undefined) return undefined;
    const number = seconds(value[key]);
    if (number === undefined)
      problems.push(`its ${name} (${key}) is ${quote(value[key])}, not a number`);
    return number;
  };
  let w = field("w", "watermark");
  const f = field("f", "floor");
  const t = field("t", "poll time");

  const s: Record<string, number> = {};
  let mayRepeat = false;
  if (isObject(value.s)) {
    let bad = 0;
    for (const [id, ts] of Object.entries(value.s)) {
      const number = seconds(ts);
      if (number === undefined) bad++;
      else s[id] = number;
    }
    if (bad) {
      problems.push(`${bad} of its remembered records (s) have no usable time`);
      mayRepeat = true;
    }
  } else {
    problems.push(`its remembered records (s) are ${quote(value.s)}, not an object`);
    mayRepeat = true;
  }
  const h: Record<string, string> = {};
  if (isObject(value.h)) {
    for (const [id, digest] of Object.entries(value.h))
      if (typeof digest === "string") h[id] = digest;
  }

  // A missing watermark is recovered from the usable part: the newest remembered record, then
  // the time of the last poll. Re-reading from there (the overlap) loses nothing.
  const remembered = Object.values(s);
  if (w === undefined && value.w !== undefined) {
    if (remembered.length) w = Math.max(...remembered);
    else if (t !== undefined) w = t;
  }
  if (w === undefined && f === undefined && (value.w !== undefined || problems.length)) {
    return { problems, mayRepeat };
  }
  const state: StreamState = { s };
  if (w !== undefined) state.w = w;
  if (f !== undefined) state.f = f;
  if (t !== undefined) state.t = t;
  if (Object.keys(h).length) state.h = h;
  return { state, problems, mayRepeat };
};

const iso = (epochSeconds: number | undefined) =>
  epochSeconds === undefined ? "the beginning" : filterDate(epochSeconds);

/** The sentence a warning ends with: from where the trigger reads now. */
export const resumeNote = (state: StreamState | undefined, options: CursorOptions): string =>
  state
    ? `It resumes with the changes from ${iso(cutoffOf(state, options))} on.`
    : "Nothing in it says where the last poll stood, so this poll records a new starting point: changes since the last good poll cannot be recovered.";

/**
 * The saved state for this resource type. State of Prismatic's own Bynder trigger
 * (`{ lastPolledAt }`) carries over: changes after that moment are reported.
 */
export const readSavedState = (
  raw: Record<string, unknown>,
  type: ResourceType,
  options: CursorOptions,
): ReadState => {
  const warnings: string[] = [];
  const use = (label: string, value: unknown): StreamState | undefined => {
    const { state, problems, mayRepeat } = checkStream(value);
    if (problems.length) {
      const repeat =
        mayRepeat && state ? " Records changed inside that window may be reported again." : "";
      warnings.push(
        `The saved ${label} state could not be used as it is: ${problems.join("; ")}. ${resumeNote(state, options)}${repeat}`,
      );
    }
    return state;
  };

  if (Object.keys(raw).length === 0) return { warnings }; // the first poll
  if (raw.v === 1 && raw.resourceType === type) {
    const changed = use(`${type}`, raw.changed);
    const deleted = raw.deleted === undefined ? undefined : use("deleted assets", raw.deleted);
    return { changed, deleted, warnings };
  }
  if (raw.v === 1 && RESOURCE_TYPES.includes(raw.resourceType as ResourceType)) {
    // Saved for another resource type (the input was changed): its poll time (or, in older state,
    // its watermark) says when the last poll ran; report this type's changes from then on.
    const { state } = checkStream(raw.changed);
    const since = state?.t ?? state?.w;
    const changed = since === undefined ? undefined : { f: since - options.overlapSeconds, s: {} };
    warnings.push(
      `The saved state is for ${String(raw.resourceType)}, but this trigger now polls ${type}. ${resumeNote(changed, options)}`,
    );
    return { changed, deleted: type === "assets" ? changed : undefined, warnings };
  }
  if (raw.v === undefined && raw.lastPolledAt !== undefined) {
    const ms = parseRecordDate(raw.lastPolledAt);
    const changed = ms === undefined ? undefined : { f: Math.floor(ms / 1000) + 1, s: {} };
    if (!changed) {
      warnings.push(
        `The saved lastPolledAt ${quote(raw.lastPolledAt)} (Prismatic's earlier Bynder trigger) is not a date. ${resumeNote(changed, options)}`,
      );
    }
    return { changed, warnings };
  }
  warnings.push(
    `The saved state is not one this trigger wrote (keys: ${Object.keys(raw).slice(0, 8).join(", ")}; version ${quote(raw.v)}). ${resumeNote(undefined, options)}`,
  );
  return { warnings };
};
