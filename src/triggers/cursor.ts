/**
 * The polling cursor: which changes a poll reports and what it remembers for the next one. Pure
 * functions over plain data, so the no-loss / no-repeat rules are tested without a server.
 *
 * Every time here is an epoch second taken from the records themselves (Bynder stamps whole
 * seconds) or from the portal's own clock (its `Date` header); the local clock is never used.
 *
 * - `w`, the watermark: the highest timestamp seen so far.
 * - Each poll re-reads from `cutoff = w - overlap`, so a record Bynder stamped a little before the
 *   watermark but listed late (its search index lags), or one stamped in the watermark's own
 *   second after the last read, is still found.
 * - `s` remembers `id -> timestamp` for every record already handled inside that window, so the
 *   re-read reports nothing twice: a record is reported when its (id, timestamp) is new.
 * - `h` remembers a fingerprint of each such record's content. Bynder stamps whole seconds, so an
 *   edit in the same second as an earlier read keeps the timestamp; the changed fingerprint is what
 *   shows it, and the record is reported again as updated.
 * - `s` is capped; when a burst of changes overflows it, the oldest whole seconds are dropped and
 *   `f` (the floor) rises above them: records older than `f` count as handled.
 * - `t` is the portal's clock at the poll that saved the state. The watermark never moves past
 *   the portal's now plus `skewSeconds`: a record stamped further ahead is reported (once per
 *   stamp) but does not drag the cursor into the future, where every later edit would fall behind
 *   it.
 */

export interface StreamState {
  /** Watermark: the highest record timestamp seen (epoch seconds); absent while there were none. */
  w?: number;
  /** Floor: records stamped before it count as handled (set only when `s` overflowed). */
  f?: number;
  /** id -> timestamp of records already handled at or after the cutoff. */
  s: Record<string, number>;
  /** id -> content fingerprint of those records (absent in state saved by older versions). */
  h?: Record<string, string>;
  /** The portal's clock (epoch seconds) when this state was saved. */
  t?: number;
}

export interface CursorOptions {
  /** How far behind the watermark each poll re-reads, in seconds. */
  overlapSeconds: number;
  /** Entries `s` keeps before it drops its oldest seconds. */
  maxSeen: number;
  /**
   * A single second holding more records than this is not remembered record by record: the floor
   * moves past it instead (the only case where a record listed late in that second is missed).
   */
  hardMaxSeen: number;
  /** How far past the portal's own clock a stamp may lie and still move the watermark. */
  skewSeconds: number;
}

export const DEFAULT_CURSOR: CursorOptions = {
  overlapSeconds: 300,
  maxSeen: 1000,
  hardMaxSeen: 10_000,
  skewSeconds: 120,
};

/** The latest stamp the watermark may take when the portal says it is `now`. */
export const ceilingOf = (
  now: number | undefined,
  { skewSeconds }: Pick<CursorOptions, "skewSeconds">,
) => (now === undefined ? Infinity : now + skewSeconds);

/** A record as the cursor sees it. */
export interface Candidate<T> {
  id: string;
  /** When it last changed (dateModified, dateRemoved, or date_created for orders). */
  ts: number;
  /** When it was created, if the resource says. */
  createdAt?: number;
  /** A digest of the record's content, to see same-second edits. */
  fingerprint?: string;
  record: T;
}

export interface Change<T> extends Candidate<T> {
  kind: "created" | "updated";
}

/** Where the next read starts; undefined = read everything (the resource was empty so far). */
export const cutoffOf = (
  state: StreamState,
  { overlapSeconds }: Pick<CursorOptions, "overlapSeconds">,
): number | undefined => {
  if (state.w === undefined) return state.f;
  return Math.max(state.w - overlapSeconds, state.f ?? -Infinity);
};

/** One entry per id, the newest version (pages can shift under a read and list a record twice). */
export const newestPerId = <T>(candidates: Candidate<T>[]): Candidate<T>[] => {
  const byId = new Map<string, Candidate<T>>();
  for (const candidate of candidates) {
    const known = byId.get(candidate.id);
    if (!known || candidate.ts > known.ts) byId.set(candidate.id, candidate);
  }
  return [...byId.values()];
};

const byTimeThenId = <T>(a: Candidate<T>, b: Candidate<T>) =>
  a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Drops entries the next cutoff no longer reaches, and bounds the size of `s`. */
export const compact = (state: StreamState, options: CursorOptions): StreamState => {
  const next: StreamState = { s: {} };
  if (state.w !== undefined) next.w = state.w;
  if (state.t !== undefined) next.t = state.t;
  const cutoff = cutoffOf(state, options);
  if (state.f !== undefined && (cutoff === undefined || state.f >= cutoff)) next.f = state.f;

  const entries = Object.entries(state.s).filter(([, ts]) => cutoff === undefined || ts >= cutoff);
  if (entries.length > options.maxSeen) {
    // Keep the newest whole seconds; the floor rises to the oldest second kept.
    const perSecond = new Map<number, number>();
    for (const [, ts] of entries) perSecond.set(ts, (perSecond.get(ts) ?? 0) + 1);
    const seconds = [...perSecond.keys()].sort((a, b) => b - a);
    let kept = 0;
    let floor = seconds[0];
    for (const second of seconds) {
      const count = perSecond.get(second)!;
      if (kept > 0 && kept + count > options.maxSeen) break;
      kept += count;
      floor = second;
    }
    if (kept > options.hardMaxSeen) {
      // Never above the watermark's next second: a future-stamped entry must not lift the floor.
      next.f = Math.min(seconds[0], next.w ?? seconds[0]) + 1;
      return next;
    }
    next.f = floor;
    for (const [id, ts] of entries) if (ts >= floor) next.s[id] = ts;
    return withFingerprints(next, state.h);
  }
  for (const [id, ts] of entries) next.s[id] = ts;
  return withFingerprints(next, state.h);
};

/** Keeps the fingerprints of the records `s` still remembers. */
const withFingerprints = (state: StreamState, h: StreamState["h"]): StreamState => {
  const kept = Object.entries(h ?? {}).filter(([id]) => id in state.s);
  return kept.length ? { ...state, h: Object.fromEntries(kept) } : state;
};

/**
 * The first poll: remember where the resource stands (its newest timestamp and the records inside
 * the overlap window) without reporting anything.
 */
export const baseline = <T>(
  candidates: Candidate<T>[],
  options: CursorOptions,
  now?: number,
): StreamState => {
  const records = newestPerId(candidates);
  const stamp = (state: StreamState) => (now === undefined ? state : { ...state, t: now });
  if (records.length === 0) return stamp({ s: {} });
  const ceiling = ceilingOf(now, options);
  const inTime = records.filter((c) => c.ts <= ceiling).map((c) => c.ts);
  // Only future stamps: start at the portal's now (records stamped ahead are remembered below).
  const w = inTime.length ? Math.max(...inTime) : now!;
  const s: Record<string, number> = {};
  const h: Record<string, string> = {};
  for (const c of records) {
    if (c.ts < w - options.overlapSeconds) continue;
    s[c.id] = c.ts;
    if (c.fingerprint) h[c.id] = c.fingerprint;
  }
  return compact(stamp({ w, s, h }), options);
};

/**
 * Saved state that lies in the future of the portal's clock (a watermark dragged there by a
 * future stamp before this guard existed, or a clock that was wrong) is pulled back: to the time of
 * the poll that saved it when that is believable, otherwise to the portal's now. Returns undefined
 * when the state is fine.
 */
export const pullBack = (
  state: StreamState,
  now: number,
  options: CursorOptions,
): StreamState | undefined => {
  const ceiling = ceilingOf(now, options);
  if ((state.w ?? -Infinity) <= ceiling && (state.f ?? -Infinity) <= ceiling) return undefined;
  const to = state.t !== undefined && state.t <= ceiling ? state.t : now;
  const next: StreamState = { ...state, w: Math.min(state.w ?? to, to) };
  if (state.f !== undefined) next.f = Math.min(state.f, to);
  return next;
};

/**
 * One poll: the changes to report (oldest first) and the state to save. `candidates` is what the
 * read returned: every record changed at or after `cutoffOf(state)`, and possibly older ones.
 */
export const advance = <T>(
  state: StreamState,
  candidates: Candidate<T>[],
  options: CursorOptions,
  now?: number,
  /**
   * A batched run reads one window over many calls while its cutoff rises and `s` forgets what
   * falls below it; it classifies against where it started: records created at or after `since`
   * that were not `known` then are `created`.
   */
  run?: { since?: number; known?: ReadonlySet<string> },
): { changes: Change<T>[]; next: StreamState; ahead: Candidate<T>[] } => {
  const cutoff = cutoffOf(state, options);
  const newSince = run ? run.since : cutoff;
  const ceiling = ceilingOf(now, options);
  const ahead: Candidate<T>[] = [];
  const records = newestPerId(candidates);
  const changes: Change<T>[] = [];
  const s = { ...state.s };
  const h = { ...state.h };
  let w = state.w;
  for (const candidate of records.sort(byTimeThenId)) {
    if (cutoff !== undefined && candidate.ts < cutoff) continue; // handled by an earlier poll
    const future = candidate.ts > ceiling;
    if (!future) w = w === undefined ? candidate.ts : Math.max(w, candidate.ts);
    const known = state.s[candidate.id];
    const before = state.h?.[candidate.id];
    const sameSecondEdit =
      known === candidate.ts &&
      !!before &&
      !!candidate.fingerprint &&
      before !== candidate.fingerprint;
    // An earlier stamp than the one remembered is an old version, unless the remembered one lay
    // in the future: then the portal corrected it, and that is a change.
    const corrected = known !== undefined && known > ceiling && known !== candidate.ts;
    if (known !== undefined && known >= candidate.ts && !sameSecondEdit && !corrected) continue; // reported already
    if (future) ahead.push(candidate);
    const isNew =
      known === undefined &&
      !run?.known?.has(candidate.id) &&
      (newSince === undefined ||
        (candidate.createdAt !== undefined && candidate.createdAt >= newSince));
    changes.push({ ...candidate, kind: isNew ? "created" : "updated" });
    s[candidate.id] = candidate.ts;
    if (candidate.fingerprint) h[candidate.id] = candidate.fingerprint;
  }
  const next: StreamState = { s, h };
  if (w !== undefined) next.w = w;
  if (state.f !== undefined) next.f = state.f;
  if (now !== undefined) next.t = now;
  else if (state.t !== undefined) next.t = state.t;
  return { changes, next: compact(next, options), ahead };
};
