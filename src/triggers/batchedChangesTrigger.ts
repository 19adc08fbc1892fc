/**
 * "New and Updated Records (Batched)": the change trigger for changes at scale. Each scheduled run
 * pages through the changes since the saved position, one page of `{ change, record }` items per
 * perform call; Prismatic splits each page into batches and runs one execution per batch. An
 * initial sync on deploy pages through the existing records and hands over to the scheduled runs
 * without gap or overlap. The paging design is in batchedRun.ts and docs/architecture.md.
 */
import { batchTrigger, input, type TriggerPayload } from "@prismatic-io/spectral";
import { createBynderClient, type BynderClient } from "../client";
import { optionalDate } from "../inputs/clean";
import { booleanInput, connection } from "../inputs/common";
import { batchedChangesExample } from "../examplePayloads/triggers";
import { advance, type StreamState } from "./cursor";
import {
  BATCH_CURSOR,
  readPosition,
  runPage,
  startOf,
  type ChangeItem,
  type ChangeKind,
  type PageContext,
  type RunPosition,
} from "./batchedRun";
import { assetFilterInputs, checkAssetFilters, type AssetFilterParams } from "./filters";
import { resourceType } from "./inputs";
import { watchPortalClock } from "./portalClock";
import { readerFor, trashReader, type ResourceType } from "./readers";
import { readSavedState, type SavedState } from "./savedState";
import { candidatesOf, pollStream } from "./stream";

const inputs = {
  connection,
  resourceType,
  showNewRecords: booleanInput(
    "Show New Records",
    "Include records created since the previous run, as `created` items.",
    true,
  ),
  showUpdatedRecords: booleanInput(
    "Show Updated Records",
    "Include records modified since the previous run (created earlier), as `updated` items. Orders are never reported as updated.",
    true,
  ),
  showDeletedRecords: booleanInput(
    "Show Deleted Records",
    "Assets only: also report assets moved to Bynder's trash since the previous run, as `deleted` items (Bynder keeps them 30 days). Costs one more request per run.",
    false,
  ),
  ...assetFilterInputs,
};

const recordsChangedSince = input({
  label: "Records Changed Since",
  type: "string",
  required: false,
  comments:
    "Initial sync only: report the existing records modified at or after this moment (ISO 8601, compared with dateModified). Leave empty for every record.",
  example: "2024-01-31T00:00:00Z",
  placeholder: "2024-01-31T00:00:00Z",
  clean: optionalDate("Records Changed Since"),
});

type Params = AssetFilterParams & {
  connection: Parameters<typeof createBynderClient>[0];
  resourceType: ResourceType;
  showNewRecords: boolean;
  showUpdatedRecords: boolean;
  showDeletedRecords: boolean;
};

type Context = Parameters<Parameters<typeof batchTrigger>[0]["perform"]>[0];

/** What every perform call sets up: inputs checked, client, portal clock, warnings, saved state. */
const prepare = (context: Context, params: Params) => {
  const type = params.resourceType;
  const filters = checkAssetFilters(type, params);
  const bynder = createBynderClient(params.connection, context);
  const clock = watchPortalClock(bynder);
  const warn = (message: string) => context.logger.warn?.(message);
  const saved = readSavedState(context.polling.getState(), type, BATCH_CURSOR);
  saved.warnings.forEach(warn);
  const keep = (kind: ChangeKind) =>
    kind === "created"
      ? params.showNewRecords
      : kind === "updated"
        ? params.showUpdatedRecords && type !== "orders"
        : true;
  const save = (changed: StreamState, deleted?: StreamState) => {
    const state: SavedState = { v: 1, resourceType: type, changed };
    if (deleted && params.showDeletedRecords) state.deleted = deleted;
    context.polling.setState(state as unknown as Record<string, unknown>);
  };
  const page: PageContext = { bynder, clock, warn, filters, keep };
  return { type, bynder, clock, warn, saved, save, page };
};

const done = (items: ChangeItem[], next: RunPosition | null = null) => ({
  items,
  paginationState: next,
  polledNoChanges: items.length === 0 && next === null,
});

/** The trash's starting point, when Show Deleted Records is on and nothing is saved for it yet. */
const trashStart = async (
  bynder: BynderClient,
  page: PageContext,
  deleted: StreamState | undefined,
) =>
  deleted ??
  (await pollStream(trashReader(bynder), undefined, page.clock, page.warn, BATCH_CURSOR)).next;

export const batchedChangesTrigger = batchTrigger({
  display: {
    label: "New and Updated Records (Batched)",
    description:
      "Checks a Bynder resource type for changes on a schedule and runs one execution per batch of changed records ({ change, record }), paging through any number of changes. Optionally syncs the existing records when the instance is deployed.",
  },
  inputs,
  scheduleSupport: "required",
  // 100 records per execution keeps each execution's payload small and a loop over it short; three
  // executions at a time, each making a few Bynder calls per record, stay under Bynder's 4,500
  // requests per 5 minutes (15 a second) at typical latencies. A builder may change both.
  batchConfig: { batchSize: 100, concurrentBatchLimit: 3 },
  examplePayload: batchedChangesExample,
  perform: async (context, payload: TriggerPayload, params) => {
    const { type, bynder, clock, warn, saved, save, page } = prepare(context, params);

    if (type !== "assets") {
      // No server-side date filter or stable order: the run reads like the polling trigger, in
      // one call (these lists are small), and the platform still splits the changes into batches.
      const result = await pollStream(
        readerFor(type, bynder),
        saved.changed,
        clock,
        warn,
        BATCH_CURSOR,
      );
      save(result.next);
      const items = result.changes
        .map((c): ChangeItem => ({ change: c.kind, record: c.record }))
        .filter((item) => page.keep(item.change));
      return done(items);
    }

    let { changed, deleted } = saved;
    if (!params.showDeletedRecords) deleted = undefined;
    if (!changed) {
      // The first run without an initial sync records the starting point and reports nothing.
      changed = (
        await pollStream(
          readerFor(type, bynder, page.filters),
          undefined,
          clock,
          warn,
          BATCH_CURSOR,
        )
      ).next;
      if (params.showDeletedRecords) deleted = await trashStart(bynder, page, deleted);
      save(changed, deleted);
      context.logger.info?.(`First run: recorded the starting point for ${type}.`);
      return done([]);
    }
    if (params.showDeletedRecords && !deleted) deleted = await trashStart(bynder, page, deleted);

    const position = readPosition(payload.paginationState, warn) ?? startOf("changed", changed);
    const result = await runPage(page, position, changed, deleted);
    save(result.changed, result.deleted);
    return done(result.items, result.next);
  },
  onDeploy: {
    inputs: { recordsChangedSince },
    perform: async (context, payload: TriggerPayload, params) => {
      const { type, bynder, clock, warn, saved, save, page } = prepare(context, params);
      const since = params.recordsChangedSince
        ? Math.floor(params.recordsChangedSince.getTime() / 1000)
        : undefined;
      const start: StreamState = since === undefined ? { s: {} } : { f: since, s: {} };

      if (type !== "assets") {
        const reader = readerFor(type, bynder);
        const records = await reader.changedSince(since);
        const { changes, next } = advance(
          start,
          candidatesOf(reader, records, warn),
          BATCH_CURSOR,
          clock.now(),
        );
        save(next);
        return done(changes.map((c): ChangeItem => ({ change: "existing", record: c.record })));
      }

      const position = readPosition(payload.paginationState, warn);
      // A sync's later pages continue from the cursor its earlier pages saved.
      const changed = position ? (saved.changed ?? start) : start;
      const result = await runPage(
        { ...page, syncDeletions: params.showDeletedRecords },
        position ?? startOf("changed", changed, true),
        changed,
        undefined,
      );
      save(result.changed, result.deleted);
      return done(result.items, result.next);
    },
  },
});
