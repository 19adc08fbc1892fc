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
 * Paged reads stop at the first short page. While a read pages through a list, Bynder's list can
 * change under it: a changed record moves to the front (pages shift forward; the duplicate is
 * dropped), but a record that disappears (deleted) shifts the rest back and could hide one record
 * at a page boundary. Where Bynder reports a total, a total that drops between two pages, or a
 * read that ends with fewer records than the first page announced, repeats the read; after three
 * such attempts the poll fails and saves nothing, so the next poll starts over.
 */
import type { BynderClient } from "../client/client";
import { BynderError } from "../client/errors";
import { fetchAllPages } from "../client/pagination";
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

interface PageRead {
  items: BynderRecord[];
  /** The total Bynder reports for the whole list, when it reports one. */
  count?: number;
}

const MAX_ATTEMPTS = 3;
const MAX_PAGES = 10_000;

const idOf = (key: string) => (record: BynderRecord) => String(record[key] ?? "");

/** Reads every page, and repeats the read when the list visibly changed under it (see above). */
export const stableRead = async (
  what: string,
  limit: number,
  key: (record: BynderRecord) => string,
  readPage: (page: number, limit: number) => Promise<PageRead>,
): Promise<BynderRecord[]> => {
  for (let attempt = 1; ; attempt++) {
    let announced: number | undefined;
    let previous: number | undefined;
    let shrank = false;
    const items = await fetchAllPages(
      async (page, size) => {
        const read = await readPage(page, size);
        if (read.count !== undefined) {
          if (page === 1) announced = read.count;
          else if (previous !== undefined && read.count < previous) shrank = true;
          previous = read.count;
        }
        return { items: read.items };
      },
      { limit, maxPages: MAX_PAGES },
    );
    const distinct = new Set(items.map(key)).size;
    if (!shrank && (announced === undefined || distinct >= announced)) return items;
    if (attempt >= MAX_ATTEMPTS) {
      throw new BynderError(
        `Bynder's list of ${what} kept changing while the trigger read it (${attempt} attempts); nothing was saved, so the next poll reads it again.`,
      );
    }
  }
};

const asList = (body: unknown, key: string): BynderRecord[] => {
  if (Array.isArray(body)) return body as BynderRecord[];
  if (body && typeof body === "object") {
    const list = (body as Record<string, unknown>)[key];
    if (Array.isArray(list)) return list as BynderRecord[];
  }
  throw new BynderError(`Bynder answered the ${key} list with an unexpected body.`);
};

const numberOr = (value: unknown): number | undefined => {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
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

/** Bynder's media filters (tags, brandId, …) sent along with the date filter; see filters.ts. */
export type MediaFilters = Record<string, string | string[]>;

export const assetReader = (bynder: BynderClient, filters: MediaFilters = {}): Reader => {
  const limit = 1000;
  const reader: Reader = {
    what: "assets",
    changedSince: (since) =>
      stableRead("assets", limit, idOf("id"), async (page, size) => {
        const body = await bynder.get<unknown>("/api/v4/media/", {
          ...filters,
          dateModified: lowerBound(since),
          orderBy: "dateModified desc",
          limit: size,
          page,
          total: 1,
        });
        const count = numberOr((body as { total?: { count?: unknown } })?.total?.count);
        return { items: asList(body, "media"), count };
      }),
    newest: async (overlap) => {
      const [top] = asList(
        await bynder.get("/api/v4/media/", { ...filters, orderBy: "dateModified desc", limit: 1 }),
        "media",
      );
      const ts = top ? reader.candidate(top)?.ts : undefined;
      return ts === undefined ? [] : reader.changedSince(ts - overlap);
    },
    candidate: candidateFrom("id", ["dateModified"], "dateCreated"),
  };
  return reader;
};

export const jobReader = (bynder: BynderClient): Reader => {
  const limit = 100;
  const reader: Reader = {
    what: "jobs",
    changedSince: (since) =>
      stableRead("jobs", limit, idOf("id"), async (page, size) => {
        const response = await bynder.request<unknown>({
          method: "GET",
          path: "/api/workflow/jobs/",
          query: {
            dateModifiedFrom: lowerBound(since),
            orderBy: "dateModified desc",
            limit: size,
            page,
          },
        });
        return {
          items: asList(response.data, "jobs"),
          count: numberOr(response.headers["x-pagination-totalrecords"]),
        };
      }),
    newest: async (overlap) => {
      const [top] = asList(
        await bynder.get("/api/workflow/jobs/", { orderBy: "dateModified desc", limit: 1 }),
        "jobs",
      );
      const ts = top ? reader.candidate(top)?.ts : undefined;
      return ts === undefined ? [] : reader.changedSince(ts - overlap);
    },
    candidate: candidateFrom("id", ["dateModified"], "dateCreated"),
  };
  return reader;
};

export const collectionReader = (bynder: BynderClient): Reader => {
  const readAll = () =>
    stableRead("collections", 1000, idOf("id"), async (page, size) => {
      const body = await bynder.get<unknown>("/api/v4/collections/", {
        count: 1,
        limit: size,
        page,
        orderBy: "dateCreated desc",
      });
      return {
        items: asList(body, "collections"),
        count: numberOr((body as { count?: unknown })?.count),
      };
    });
  return {
    what: "collections",
    changedSince: readAll,
    newest: readAll,
    candidate: candidateFrom("id", ["dateModified"], "dateCreated"),
  };
};

export const campaignReader = (bynder: BynderClient): Reader => {
  const readAll = async () => asList(await bynder.get("/api/workflow/campaigns/"), "campaigns");
  return {
    what: "campaigns",
    changedSince: readAll,
    newest: readAll,
    candidate: candidateFrom("ID", ["dateModified"], "dateCreated"),
  };
};

/** Orders have only a creation date: every order is reported once, as created. */
export const orderReader = (bynder: BynderClient): Reader => {
  // Bynder's order list has a fixed page size of 10 and takes no limit.
  const readAll = () =>
    stableRead("orders", 10, idOf("id"), async (page) => ({
      items: asList(await bynder.get("/api/store/order/", { page }), "orders"),
    }));
  return {
    what: "orders",
    changedSince: readAll,
    newest: readAll,
    candidate: candidateFrom("id", ["date_created"], "date_created"),
  };
};

/** Assets moved to Bynder's trash (kept there 30 days), by the time they were removed. */
export const trashReader = (bynder: BynderClient): Reader => {
  const limit = 100;
  const reader: Reader = {
    what: "deleted assets",
    changedSince: (since) =>
      stableRead("deleted assets", limit, idOf("id"), async (page, size) => ({
        items: asList(
          await bynder.get("/api/trash/media/", {
            dateRemoved: lowerBound(since),
            field: "media.dateRemoved",
            order: "desc",
            limit: size,
            page,
          }),
          "media",
        ),
      })),
    newest: async (overlap) => {
      const [top] = asList(
        await bynder.get("/api/trash/media/", {
          field: "media.dateRemoved",
          order: "desc",
          limit: 1,
        }),
        "media",
      );
      const ts = top ? reader.candidate(top)?.ts : undefined;
      return ts === undefined ? [] : reader.changedSince(ts - overlap);
    },
    candidate: candidateFrom("id", ["dateRemoved"]),
  };
  return reader;
};

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
