/**
 * "New and Updated Records": a polling trigger that reports each change to a Bynder resource once.
 *
 * - The first poll only records where the resource stands (its newest record's timestamp) and
 *   reports nothing.
 * - Every later poll reports the records changed since, split by Bynder's own timestamps: created
 *   when `dateCreated` is past the cutoff, otherwise updated when `dateModified` is. Orders have no
 *   modification date, so for them `updated` is always empty.
 * - With Show Deleted Records (assets only), assets moved to Bynder's trash are reported in
 *   `deleted`, from the trash's `dateRemoved`.
 * - The cursor (cursor.ts) is built from the records' timestamps, never the local clock; each poll
 *   re-reads five minutes behind its watermark and skips what it already reported, so records
 *   stamped in the same second, or listed late by Bynder's search index, are neither lost nor
 *   repeated. A poll that fails part way throws and saves no state: the next one starts from the
 *   same place.
 * - The watermark never moves past the portal's own clock (its `Date` header) plus a small skew
 *   allowance; saved state that cannot be used (damaged, in the future, for another resource
 *   type) is repaired with a warning naming what was wrong and where the trigger resumes
 *   (savedState.ts, stream.ts).
 * - Bynder's timestamps have one-second resolution, so an edit in the same second as the poll
 *   that read the record keeps its timestamp: the cursor also remembers a fingerprint of each
 *   record's content, and a changed fingerprint is reported as an update.
 */
import { pollingTrigger } from "@prismatic-io/spectral";
import { createBynderClient } from "../client";
import { connection } from "../inputs/common";
import { pollChangesExample } from "../examplePayloads/triggers";
import { DEFAULT_CURSOR } from "./cursor";
import { assetFilterInputs, checkAssetFilters } from "./filters";
import { resourceType, showDeletedRecords, showNewRecords, showUpdatedRecords } from "./inputs";
import { watchPortalClock } from "./portalClock";
import { readerFor, trashReader, type BynderRecord } from "./readers";
import { readSavedState, type SavedState } from "./savedState";
import { pollStream } from "./stream";

export const pollChangesTrigger = pollingTrigger({
  display: {
    label: "New and Updated Records",
    description:
      "Checks for new and updated records in a selected Bynder resource type on a configured schedule. The first poll records the starting point and reports nothing; each later poll reports every change since, once. Orders have no modification date, so only new orders are reported.",
  },
  inputs: {
    connection,
    resourceType,
    showNewRecords,
    showUpdatedRecords,
    showDeletedRecords,
    ...assetFilterInputs,
  },
  examplePayload: pollChangesExample,
  perform: async (context, payload, params) => {
    const type = params.resourceType;
    const filters = checkAssetFilters(type, params);
    const bynder = createBynderClient(params.connection, context);
    const clock = watchPortalClock(bynder);
    const warn = (message: string) => context.logger.warn?.(message);
    const saved = readSavedState(context.polling.getState(), type, DEFAULT_CURSOR);
    saved.warnings.forEach(warn);

    const changed = await pollStream(readerFor(type, bynder, filters), saved.changed, clock, warn);
    const deleted = params.showDeletedRecords
      ? await pollStream(trashReader(bynder), saved.deleted, clock, warn)
      : undefined;

    const created = params.showNewRecords
      ? changed.changes.filter((c) => c.kind === "created").map((c) => c.record)
      : [];
    const updated =
      params.showUpdatedRecords && type !== "orders"
        ? changed.changes.filter((c) => c.kind === "updated").map((c) => c.record)
        : [];
    const removed = deleted ? deleted.changes.map((c) => c.record) : undefined;

    const state: SavedState = { v: 1, resourceType: type, changed: changed.next };
    if (deleted) state.deleted = deleted.next;
    context.polling.setState(state as unknown as Record<string, unknown>);

    const data: { created: BynderRecord[]; updated: BynderRecord[]; deleted?: BynderRecord[] } = {
      created,
      updated,
    };
    if (removed) data.deleted = removed;
    if (changed.first)
      context.logger.info?.(`First poll: recorded the starting point for ${type}.`);
    return {
      payload: { ...payload, body: { data } },
      polledNoChanges: created.length + updated.length + (removed?.length ?? 0) === 0,
    };
  },
});
