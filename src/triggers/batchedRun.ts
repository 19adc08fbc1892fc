/**
 * One page of a batched run over assets: the state machine behind "New and Updated Records
 * (Batched)". Design (docs/architecture.md, "Batched runs"):
 *
 * - The saved cursor (cursor.ts, the polling trigger's) stays the authority: every perform call
 *   saves it after its page, so items a call returned count as delivered, and a run that ends
 *   early (a failed call, no cursor next time) resumes from it with nothing lost or repeated.
 * - Bynder pages by number, and a page-number read over a set that changes under it skips
 *   records. So a run reads the changes oldest first (`dateModified asc`) and moves its lower
 *   bound to the newest second of each full page (keyset paging): a record edited while the run
 *   pages moves to the end of the list, where the run still reaches it, and pages never depend on
 *   positions before the bound. Only inside one second holding more than a page (a bulk edit) do
 *   page numbers advance; there the run bounds the window above (`dateModifiedTo`, fixed by the
 *   first answer), asks for the total, and reads the second again from its first page when the
 *   total moves (a record left or joined the window). Records it already delivered are skipped by
 *   the cursor's memory of ids.
 * - Bynder does not say whether `dateModified=<t>` includes t itself. The run sends the second
 *   before its bound until a record stamped exactly there shows the bound is inclusive; from then
 *   on it sends the bound itself, so a bulk-edited second is not read again on every step.
 */
import { lists, readPage, withQuery, type BynderClient } from "../client";
import { compact, cutoffOf, advance, type CursorOptions, type StreamState } from "./cursor";
import { filterDate } from "./dates";
import type { PortalClock } from "./portalClock";
import { assetReader, trashReader, type BynderRecord, type MediaFilters } from "./readers";
import { candidatesOf, guardFuture, type Warn } from "./stream";

export type ChangeKind = "created" | "updated" | "deleted" | "existing";
export interface ChangeItem {
  change: ChangeKind;
  record: BynderRecord;
}

/**
 * The cursor of a batched run. `hardMaxSeen` is high because a bulk edit is remembered record by
 * record while its second is read (see compact); it applies when a stream's read ends.
 */
export const BATCH_CURSOR: CursorOptions = {
  overlapSeconds: 300,
  maxSeen: 1000,
  hardMaxSeen: 25_000,
  skewSeconds: 120,
};
/** While a stream is being read, its newest second is never dropped from memory. */
const READING: CursorOptions = { ...BATCH_CURSOR, hardMaxSeen: Infinity };
const MAX_RESTARTS = 3;

/** Records per request: Bynder's largest page, the fewest requests per run (tests use less). */
export const batchSettings = { pageSize: 1000 };

/** Where a run stands: Prismatic hands it back as `paginationState`. */
export interface RunPosition extends Record<string, unknown> {
  phase: "changed" | "deleted";
  /** Lower bound of the window (epoch seconds); absent = from the beginning. */
  lo?: number;
  /** Page within the window: above 1 only while one second holds more than a page. */
  page: number;
  /** Upper bound, fixed by the run's first answer (the portal's now). */
  until?: number;
  /** The portal includes the bound itself in `dateModified=<bound>`. */
  inclusive?: boolean;
  /** The total the previous page reported for this same window. */
  count?: number;
  /** How often this window was read again because its total moved. */
  restarts?: number;
  /** Records created at or after this are `created` (the cutoff the run started from)… */
  createdSince?: number;
  /** …unless the cursor knew them when the run started (it forgets them as the run moves on). */
  known?: string[];
  /** Initial sync: every record is `existing`. */
  sync?: boolean;
}

const numberOrUndefined = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

/** The position Prismatic handed back, or undefined (with a warning) when it is not one of ours. */
export const readPosition = (raw: unknown, warn: Warn): RunPosition | undefined => {
  if (raw === undefined || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  const page = numberOrUndefined(value.page);
  if (
    typeof raw !== "object" ||
    (value.phase !== "changed" && value.phase !== "deleted") ||
    page === undefined ||
    page < 1 ||
    (value.lo !== undefined && numberOrUndefined(value.lo) === undefined) ||
    (value.until !== undefined && numberOrUndefined(value.until) === undefined) ||
    (value.known !== undefined && !Array.isArray(value.known))
  ) {
    warn(
      `The run's page cursor (paginationState) is not one this trigger wrote; the run continues from the saved position instead.`,
    );
    return undefined;
  }
  return value as RunPosition;
};

export interface PageContext {
  bynder: BynderClient;
  clock: PortalClock;
  warn: Warn;
  filters: MediaFilters;
  /** What a call may report (Show New/Updated Records); `existing` is always kept. */
  keep: (kind: ChangeKind) => boolean;
  /** An initial sync that hands deletions over to the scheduled runs (Show Deleted Records). */
  syncDeletions?: boolean;
}

export interface PageResult {
  items: ChangeItem[];
  /** The next position, or null when the run is done. */
  next: RunPosition | null;
  changed: StreamState;
  deleted?: StreamState;
}

/** The request's lower bound: the second before `lo` until the portal showed it includes `lo`. */
const boundOf = (position: RunPosition) =>
  position.lo === undefined ? undefined : position.inclusive ? position.lo : position.lo - 1;

/**
 * The position after a page: the next window step, or the next page of the same second, or
 * undefined when the page was the window's last.
 */
const step = (
  position: RunPosition,
  timestamps: number[],
  returned: number,
  pageSize: number,
  inclusive: boolean,
  count: number | undefined,
  warn: Warn,
  what: string,
): RunPosition | undefined => {
  const base = { ...position, inclusive: inclusive || undefined };
  delete base.count;
  // The window's total moved between two of its pages: a record left or joined it, and the
  // positions after it shifted. Read this window again from its first page.
  const moved = position.count !== undefined && count !== undefined && count !== position.count;
  if (moved) {
    const restarts = (position.restarts ?? 0) + 1;
    if (restarts <= MAX_RESTARTS) return { ...base, page: 1, restarts };
    warn(
      `Bynder's list of ${what} from ${filterDate(position.lo ?? 0)} kept changing while the run paged through it; the run goes on, and the next run's overlap re-reads that window.`,
    );
  }
  if (returned < pageSize) return undefined;
  if (inclusive && !position.inclusive) return { ...base, page: 1 }; // the window changed
  const newest = timestamps.length ? Math.max(...timestamps) : undefined;
  if (newest !== undefined && (position.lo === undefined || newest > position.lo)) {
    return { ...base, lo: newest, page: 1, restarts: undefined };
  }
  // A whole page inside one second: the next page of it, checked against this page's total.
  return {
    ...base,
    page: position.page + 1,
    count: position.until !== undefined ? count : undefined,
  };
};

/** One page of the changed-assets stream. */
const changedPage = async (
  ctx: PageContext,
  state: StreamState,
  position: RunPosition,
): Promise<{ items: ChangeItem[]; state: StreamState; done: boolean; next: RunPosition }> => {
  const reader = assetReader(ctx.bynder, ctx.filters);
  const bound = boundOf(position);
  const { records, total } = await readPage<BynderRecord>(
    ctx.bynder,
    withQuery(lists.media, {
      ...ctx.filters,
      dateModified: bound === undefined ? undefined : filterDate(bound),
      dateModifiedTo: position.until === undefined ? undefined : filterDate(position.until),
      orderBy: "dateModified asc",
    }),
    position.page,
    batchSettings.pageSize,
  );
  const now = ctx.clock.now();
  const checked = guardFuture(reader, state, now, ctx.warn, BATCH_CURSOR);
  if (checked !== state) {
    return {
      items: [],
      state: checked,
      done: false,
      next: startOf("changed", checked, position.sync),
    };
  }
  const candidates = candidatesOf(reader, records, ctx.warn);
  const inclusive =
    !!position.inclusive || (bound !== undefined && candidates.some((c) => c.ts === bound));
  const { changes, next: saved } = advance(state, candidates, READING, now, {
    since: position.createdSince,
    known: new Set(position.known),
  });
  const items = changes.map((c): ChangeItem => ({
    change: position.sync ? "existing" : c.kind,
    record: c.record,
  }));
  const following = step(
    { ...position, until: position.until ?? now },
    candidates.map((c) => c.ts),
    records.length,
    batchSettings.pageSize,
    inclusive,
    position.until === undefined ? undefined : total,
    ctx.warn,
    "assets",
  );
  return {
    items,
    state: saved,
    done: !following,
    next: following ?? position,
  };
};

/** One page of the trash (assets deleted, by dateRemoved). No total, no upper bound. */
const deletedPage = async (ctx: PageContext, state: StreamState, position: RunPosition) => {
  const reader = trashReader(ctx.bynder);
  const bound = boundOf(position);
  const { records } = await readPage<BynderRecord>(
    ctx.bynder,
    withQuery(lists.trash, {
      dateRemoved: bound === undefined ? undefined : filterDate(bound),
      order: "asc",
    }),
    position.page,
    batchSettings.pageSize,
  );
  const checked = guardFuture(reader, state, ctx.clock.now(), ctx.warn, BATCH_CURSOR);
  if (checked !== state) {
    return { items: [], state: checked, done: false, next: startOf("deleted", checked) };
  }
  const candidates = candidatesOf(reader, records, ctx.warn);
  const inclusive =
    !!position.inclusive || (bound !== undefined && candidates.some((c) => c.ts === bound));
  const { changes, next: saved } = advance(state, candidates, READING, ctx.clock.now(), {
    since: position.createdSince,
  });
  const following = step(
    position,
    candidates.map((c) => c.ts),
    records.length,
    batchSettings.pageSize,
    inclusive,
    undefined,
    ctx.warn,
    "deleted assets",
  );
  return {
    items: changes.map((c): ChangeItem => ({ change: "deleted", record: c.record })),
    state: saved,
    done: !following,
    next: following ?? position,
  };
};

/**
 * The end of a stream's read. Re-reading the overlap exists for records Bynder lists late; a
 * record stamped more than the overlap before the run's first answer (`readAt`) had time to be
 * listed, so the run read it. The floor rises to there, so the next run does not re-read (page
 * by page) the overlap of a bulk edit long past, and the cursor forgets those records.
 */
const settle = (state: StreamState, readAt: number): StreamState => {
  const floor = readAt - BATCH_CURSOR.overlapSeconds;
  const cutoff = cutoffOf(state, BATCH_CURSOR);
  const settled = cutoff !== undefined && cutoff >= floor ? state : { ...state, f: floor };
  return compact(settled, BATCH_CURSOR);
};

/** The position a run starts from, for one stream's saved cursor. */
export const startOf = (
  phase: RunPosition["phase"],
  state: StreamState,
  sync = false,
): RunPosition => {
  const lo = cutoffOf(state, BATCH_CURSOR);
  if (sync) return { phase, lo, page: 1, sync };
  return { phase, lo, page: 1, createdSince: lo, known: Object.keys(state.s) };
};

/**
 * Reads one page at `position` and returns its items, the cursors to save and the next position.
 * `deleted` is the trash stream's cursor when Show Deleted Records is on (the caller baselines
 * it first).
 */
export const runPage = async (
  ctx: PageContext,
  position: RunPosition,
  changed: StreamState,
  deleted: StreamState | undefined,
): Promise<PageResult> => {
  if (position.phase === "changed") {
    const page = await changedPage(ctx, changed, position);
    const items = page.items.filter((item) => ctx.keep(item.change));
    if (!page.done) return { items, next: page.next, changed: page.state, deleted };
    const finished = settle(page.state, position.until ?? ctx.clock.now());
    if (position.sync) {
      // The sync hands deletions over from its own start: the trash from then on.
      const handover = ctx.syncDeletions
        ? { f: position.until ?? ctx.clock.now(), s: {}, t: ctx.clock.now() }
        : undefined;
      return { items, next: null, changed: finished, deleted: handover };
    }
    const readAt = position.until ?? ctx.clock.now();
    const next = deleted ? { ...startOf("deleted", deleted), until: readAt } : null;
    // Nothing to hand out from this page: read the trash in the same call (an idle run is one
    // call, and "no changes" to the platform).
    if (next && items.length === 0) return runPage(ctx, next, finished, deleted);
    return { items, next, changed: finished, deleted };
  }
  if (!deleted) return { items: [], next: null, changed };
  const page = await deletedPage(ctx, deleted, position);
  return {
    items: page.items,
    next: page.done ? null : page.next,
    changed,
    deleted: page.done ? settle(page.state, position.until ?? ctx.clock.now()) : page.state,
  };
};
