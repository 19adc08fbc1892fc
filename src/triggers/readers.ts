/**
 * How the trigger reads each resource type from Bynder, in as few requests as its API allows:
 *
 * | type        | request                                                   | per poll                      |
 * | ----------- | --------------------------------------------------------- | ----------------------------- |
 * | assets      | GET /api/v4/media/ dateModified=<cutoff>, dateModified desc | 1 per 1,000 changed assets   |
 * | jobs        | GET /api/workflow/jobs/ dateModifiedFrom=<cutoff>          | 1 per 100 changed jobs        |
 * | collections | GET /api/v4/collections/ count=1, 1,000 a page (no filter)  | 1 per 1,000 collections      |
 * | campaigns   | GET /api/workflow/campaigns/ (no filter, no paging)         | 1                             |
 * | orders      | GET /api/store/order/ (no filter, fixed 10 a page)          | 1 per 10 orders              |
 * | deleted     | GET /api/trash/media/ dateRemoved=<cutoff>                  | 1 per 100 deleted assets      |
 *
 * Each resource is a short descriptor of its list, read by the client's one pager
 * (src/client/pager.ts), which ends at the first short, empty or repeated page. While a read pages through a list, Bynder's list can
 * change under it: a changed record moves to the front (pages shift forward; the duplicate is
 * dropped), but a record that disappears (deleted) shifts the rest back and could hide one record
 * at a page boundary. Where Bynder reports a total, a total that drops between two pages, or a
 * read that ends with fewer records than the first page announced, repeats the read; after three
 * such attempts the poll fails and saves nothing, so the next poll starts over.
 */
import {
  BynderError,
  lists,
  readList,
  readPage,
  withQuery,
  type BynderClient,
  type BynderList,
} from "../client";
import { createHash } from "node:crypto";
import type { Candidate } from "./cursor";
import { bynderSeconds, filterDate } from "./dates";

export type BynderRecord = Record<string, unknown>;

export const RESOURCE_TYPES = ["assets", "collections", "campaigns", "jobs", "orders"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** A resource as the trigger reads it. */
export interface Reader {
  /** Plural noun for messages. */
  what: string;
  /** Records changed at or after `since` (epoch seconds), possibly with older ones; all if undefined. */
  changedSince(since: number | undefined): Promise<BynderRecord[]>;
  /** The records at the top of the resource now: its newest ones (the first poll's starting point). */
  newest(overlapSeconds: number): Promise<BynderRecord[]>;
  /** The record's id and timestamps, or undefined when it has no usable timestamp. */
  candidate(record: BynderRecord): Candidate<BynderRecord> | undefined;
}

const MAX_ATTEMPTS = 3;

/** Reads every page, and repeats the read when the list visibly changed under it (see above). */
export const stableRead = async (
  bynder: BynderClient,
  list: BynderList,
): Promise<BynderRecord[]> => {
  for (let attempt = 1; ; attempt++) {
    const { records, reported, shrank } = await readList<BynderRecord>(bynder, list);
    if (!shrank && (reported === undefined || records.length >= reported)) return records;
    if (attempt >= MAX_ATTEMPTS) {
      throw new BynderError(
        shrank
          ? `Bynder's list of ${list.what} kept changing while the trigger read it (${attempt} attempts); nothing was saved, so the next poll reads it again.`
          : `Bynder reported ${reported} ${list.what} but delivered ${records.length} in each of ${attempt} reads; nothing was saved, so the next poll reads it again.`,
      );
    }
  }
};

const candidateFrom =
  (key: string, changed: string[], created?: string) =>
  (record: BynderRecord): Candidate<BynderRecord> | undefined => {
    const id = record[key];
    if (typeof id !== "string" && typeof id !== "number") return undefined;
    const createdAt = created ? bynderSeconds(record[created]) : undefined;
    let ts: number | undefined;
    for (const field of changed) ts ??= bynderSeconds(record[field]);
    ts ??= createdAt;
    if (ts === undefined) return undefined;
    return { id: String(id), ts, createdAt, fingerprint: fingerprintOf(record), record };
  };

/**
 * A short digest of what a record says, leaving out what changes without an edit: view and
 * download counts, rendition URLs, and any signed or expiring URL (Bynder signs file pointers
 * afresh on every read). Keys are sorted so the digest does not depend on their order.
 */
const VOLATILE = new Set([
  "views",
  "downloads",
  "thumbnails",
  "transformBaseUrl",
  "original",
  "videoPreviewURLs",
  "cover",
  "link",
]);
const SIGNED_URL = /^https?:\/\/\S*[?&](x-amz-|expires=|signature=|sig=|token=|key-pair-id=)/i;
export const fingerprintOf = (record: BynderRecord): string => {
  const stable = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(stable);
    if (typeof value === "string") return SIGNED_URL.test(value) ? undefined : value;
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => !VOLATILE.has(key))
        .sort()
        .map((key) => [key, stable((value as Record<string, unknown>)[key])]),
    );
  };
  return createHash("sha256")
    .update(JSON.stringify(stable(record)))
    .digest("base64url")
    .slice(0, 12);
};

/** The lower bound sent to Bynder: one second early, so "after" and "from" both include `since`. */
const lowerBound = (since: number | undefined) =>
  since === undefined ? undefined : filterDate(since - 1);

/** How the trigger reads one resource: its list (newest first), and its change filter if any. */
interface ReaderSpec {
  list: BynderList;
  /** The query field taking a lower bound on the change time; without one, every read is all. */
  since?: string;
  candidate: Reader["candidate"];
}

const readerOf = (bynder: BynderClient, { list, since, candidate }: ReaderSpec): Reader => {
  const changedSince = (from: number | undefined) =>
    list.pageSize === undefined
      ? readList<BynderRecord>(bynder, list).then((read) => read.records)
      : stableRead(bynder, since ? withQuery(list, { [since]: lowerBound(from) }) : list);
  return {
    what: list.what,
    changedSince,
    newest: async (overlap) => {
      if (!since) return changedSince(undefined);
      // The top record's time, then everything changed since then (less the overlap).
      const [top] = (await readPage<BynderRecord>(bynder, list, undefined, 1)).records;
      const ts = top ? candidate(top)?.ts : undefined;
      return ts === undefined ? [] : changedSince(ts - overlap);
    },
    candidate,
  };
};

const assets: ReaderSpec = {
  list: withQuery(lists.media, { orderBy: "dateModified desc" }),
  since: "dateModified",
  candidate: candidateFrom("id", ["dateModified"], "dateCreated"),
};

const jobs: ReaderSpec = {
  list: withQuery(lists.jobs, { orderBy: "dateModified desc" }),
  since: "dateModifiedFrom",
  candidate: candidateFrom("id", ["dateModified"], "dateCreated"),
};

const collections: ReaderSpec = {
  list: withQuery(lists.collections, { orderBy: "dateCreated desc" }),
  candidate: candidateFrom("id", ["dateModified"], "dateCreated"),
};

const campaigns: ReaderSpec = {
  list: lists.campaigns,
  candidate: candidateFrom("ID", ["dateModified"], "dateCreated"),
};

/** Orders have only a creation date: every order is reported once, as created. */
const orders: ReaderSpec = {
  list: lists.orders,
  candidate: candidateFrom("id", ["date_created"], "date_created"),
};

/** Assets moved to Bynder's trash (kept there 30 days), by the time they were removed. */
const deletedAssets: ReaderSpec = {
  list: lists.trash,
  since: "dateRemoved",
  candidate: candidateFrom("id", ["dateRemoved"]),
};

/** Bynder's media filters (tags, brandId, …) sent along with the date filter; see filters.ts. */
export type MediaFilters = Record<string, string | string[]>;

export const assetReader = (bynder: BynderClient, filters: MediaFilters = {}): Reader =>
  readerOf(bynder, { ...assets, list: withQuery(assets.list, filters) });
export const jobReader = (bynder: BynderClient): Reader => readerOf(bynder, jobs);
export const collectionReader = (bynder: BynderClient): Reader => readerOf(bynder, collections);
export const campaignReader = (bynder: BynderClient): Reader => readerOf(bynder, campaigns);
export const orderReader = (bynder: BynderClient): Reader => readerOf(bynder, orders);
export const trashReader = (bynder: BynderClient): Reader => readerOf(bynder, deletedAssets);

export const readerFor = (
  type: ResourceType,
  bynder: BynderClient,
  filters: MediaFilters = {},
): Reader => {
  switch (type) {
    case "assets":
      return assetReader(bynder, filters);
    case "collections":
      return collectionReader(bynder);
    case "campaigns":
      return campaignReader(bynder);
    case "jobs":
      return jobReader(bynder);
    case "orders":
      return orderReader(bynder);
  }
};
