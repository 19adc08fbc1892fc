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
 * - Bynder's timestamps have one-second resolution, so an edit in the same second as the poll
 *   that read the record keeps its timestamp: the cursor also remembers a fingerprint of each
 *   record's content, and a changed fingerprint is reported as an update.
 */
import { input, pollingTrigger } from "@prismatic-io/spectral";
import { createBynderClient } from "../client/client";
import { InputError } from "../client/errors";
import { oneOf } from "../inputs/clean";
import { booleanInput, connection } from "../inputs/common";
import { pollChangesExample } from "../examplePayloads/triggers";
import {
  advance,
  baseline,
  cutoffOf,
  DEFAULT_CURSOR,
  type Candidate,
  type CursorOptions,
  type StreamState,
} from "./cursor";
import { parseBynderDate } from "./dates";
import {
  readerFor,
  RESOURCE_TYPES,
  trashReader,
  type BynderRecord,
  type Reader,
  type ResourceType,
} from "./readers";

const resourceType = input({
  label: "Resource Type",
  type: "string",
  required: true,
  default: "assets",
  model: [
    { label: "Assets", value: "assets" },
    { label: "Collections", value: "collections" },
    { label: "Campaigns", value: "campaigns" },
    { label: "Jobs", value: "jobs" },
    { label: "Orders", value: "orders" },
  ],
  comments:
    "The type of resource to poll for new and updated records. Orders have no modification date, so only new orders are reported.",
  example: "assets",
  clean: oneOf("Resource Type", RESOURCE_TYPES),
});

const showNewRecords = booleanInput(
  "Show New Records",
  "Include newly created records (dateCreated after the previous poll) in `created`.",
  true,
);
const showUpdatedRecords = booleanInput(
  "Show Updated Records",
  "Include records modified since the previous poll (created earlier) in `updated`. Orders are never reported as updated.",
  true,
);
const showDeletedRecords = booleanInput(
  "Show Deleted Records",
  "Assets only: also report assets moved to Bynder's trash since the previous poll, in `deleted` (Bynder keeps them 30 days). Costs one more request per poll.",
  false,
);

/** What the trigger keeps between polls (in Prismatic's polling state). */
export interface PollState {
  v: 1;
  resourceType: ResourceType;
  changed: StreamState;
  deleted?: StreamState;
}

const isStream = (value: unknown): value is StreamState =>
  !!value &&
  typeof value === "object" &&
  typeof (value as StreamState).s === "object" &&
  (value as StreamState).s !== null;

/**
 * The saved state for this resource type, if any. State from Prismatic's own Bynder trigger
 * (`{ lastPolledAt }`) carries over: changes after that moment are reported.
 */
export const readState = (
  raw: Record<string, unknown>,
  type: ResourceType,
): { changed?: StreamState; deleted?: StreamState } => {
  if (raw.v === 1 && raw.resourceType === type && isStream(raw.changed)) {
    return { changed: raw.changed, deleted: isStream(raw.deleted) ? raw.deleted : undefined };
  }
  if (raw.v === undefined && typeof raw.lastPolledAt === "string") {
    const ms = parseBynderDate(raw.lastPolledAt);
    if (ms !== undefined) return { changed: { f: Math.floor(ms / 1000) + 1, s: {} } };
  }
  return {};
};

/** One stream (changes or deletions): a first poll records the starting point only. */
export const pollStream = async (
  reader: Reader,
  state: StreamState | undefined,
  options: CursorOptions = DEFAULT_CURSOR,
) => {
  const candidates = (records: BynderRecord[]) =>
    records
      .map((record) => reader.candidate(record))
      .filter((c): c is Candidate<BynderRecord> => c !== undefined);
  if (!state) {
    const next = baseline(candidates(await reader.newest(options.overlapSeconds)), options);
    return { changes: [], next, first: true };
  }
  const records = await reader.changedSince(cutoffOf(state, options));
  return { ...advance(state, candidates(records), options), first: false };
};

export const pollChangesTrigger = pollingTrigger({
  display: {
    label: "New and Updated Records",
    description:
      "Checks for new and updated records in a selected Bynder resource type on a configured schedule. The first poll records the starting point and reports nothing; each later poll reports every change since, once. Orders have no modification date, so only new orders are reported.",
  },
  inputs: { connection, resourceType, showNewRecords, showUpdatedRecords, showDeletedRecords },
  examplePayload: pollChangesExample,
  perform: async (context, payload, params) => {
    const type = params.resourceType;
    if (params.showDeletedRecords && type !== "assets") {
      throw new InputError(
        `Show Deleted Records applies to Assets only (Bynder's trash holds assets); turn it off for ${type}.`,
      );
    }
    const bynder = createBynderClient(params.connection, context);
    const saved = readState(context.polling.getState(), type);

    const changed = await pollStream(readerFor(type, bynder), saved.changed);
    const deleted = params.showDeletedRecords
      ? await pollStream(trashReader(bynder), saved.deleted)
      : undefined;

    const created = params.showNewRecords
      ? changed.changes.filter((c) => c.kind === "created").map((c) => c.record)
      : [];
    const updated =
      params.showUpdatedRecords && type !== "orders"
        ? changed.changes.filter((c) => c.kind === "updated").map((c) => c.record)
        : [];
    const removed = deleted ? deleted.changes.map((c) => c.record) : undefined;

    const state: PollState = { v: 1, resourceType: type, changed: changed.next };
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
