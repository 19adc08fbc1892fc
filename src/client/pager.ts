/**
 * The one way to read a Bynder list page by page. A `BynderList` descriptor says where the list
 * is, where its records sit in the body and where Bynder reports its total; `readList` walks it.
 *
 * What the walk guarantees, whatever the portal answers:
 * - it ends at the first short, empty or already-seen page, and never asks for a page past one
 *   that came back short (a total that lies high cannot multiply the requests);
 * - a reported total is never trusted to end the walk: when the last page was full, one more page
 *   confirms the end (a total that lies low cannot cut the result short);
 * - when the total and what arrived disagree, it says so in a warning;
 * - records are deduplicated by their id (pages shift while records change mid-read); records
 *   without an id are all kept;
 * - more pages than `maxPages` is an error, or with `atCap: "stop"` a result flagged `more`.
 */
import type { BynderClient, BynderResponse } from "./client";
import type { Fields } from "./encoding";
import { BynderError } from "./errors";
import { limiterFor } from "./rateLimiter";

export interface BynderList {
  /** Plural noun for messages, e.g. "assets". */
  what: string;
  /** Path on the portal, e.g. `/api/v4/media/`. */
  path: string;
  /** Filters and flags sent with every page (page and limit are added by the pager). */
  query?: Fields;
  /**
   * The body field holding the records when Bynder wraps them (`media` of `{ media, total }`). A
   * body that is itself an array is the records: Bynder answers with a bare array or a wrapper
   * depending on flags like `count` and `total`, so both are accepted.
   */
  records?: string;
  /**
   * Where Bynder reports the list's total: `total.count` in the body (v4 media with total=1),
   * `count` in the body (v4 collections with count=1), or the `X-Pagination-TotalRecords` header
   * (workflow jobs, v4 users). Absent: the list has no total.
   */
  total?: "total.count" | "count" | "header";
  /** Records per page, sent as `limit`. Absent: the list is not paged (one request). */
  pageSize?: number;
  /** Bynder takes no `limit` here and pages by `pageSize` itself (store orders: 10). */
  fixedPageSize?: boolean;
  /** The field that identifies a record (default `id`). */
  key?: string;
}

export interface ReadOptions {
  /** Pages requested in parallel once the total is known (the result keeps page order). */
  concurrency?: number;
  /** At most this many pages. Default 10,000. */
  maxPages?: number;
  /** Past `maxPages`: "error" (default) fails, "stop" returns what was read with `more: true`. */
  atCap?: "error" | "stop";
}

export interface ListRead<T> {
  records: T[];
  /** The total the first page reported, if any. */
  reported?: number;
  /** A later page reported a smaller total than the one before (records removed mid-read). */
  shrank: boolean;
  /** `atCap: "stop"` only: the list holds more than `maxPages` pages. */
  more: boolean;
}

export interface Page<T> {
  records: T[];
  total?: number;
  response: BynderResponse<unknown>;
}

export const DEFAULT_MAX_PAGES = 10_000;

/** The same list with more query fields (filters that depend on the run). */
export const withQuery = (list: BynderList, query: Fields): BynderList => ({
  ...list,
  query: { ...list.query, ...query },
});

/**
 * One page of a list. `page` and `limit` left undefined are not sent (Bynder's defaults apply).
 * Fails, naming the call and what arrived, when the body holds no list of records.
 */
export const readPage = async <T = Record<string, unknown>>(
  bynder: BynderClient,
  list: BynderList,
  page?: number,
  limit?: number,
): Promise<Page<T>> => {
  const response = await bynder.request<unknown>({
    method: "GET",
    path: list.path,
    query: { ...list.query, page, limit: list.fixedPageSize ? undefined : limit },
  });
  const body = response.data;
  const records = Array.isArray(body)
    ? body
    : list.records && body && typeof body === "object"
      ? (body as Record<string, unknown>)[list.records]
      : undefined;
  if (!Array.isArray(records)) throw notAList(list, page, response);
  return { records: records as T[], total: totalOf(list, response), response };
};

/**
 * One page as `{ data, headers }`: the records and only Bynder's X-Pagination-* headers, under the
 * lower-case names the incumbent component returned (List Jobs, List Users).
 */
export const pageWithHeaders = async <T = Record<string, unknown>>(
  bynder: BynderClient,
  list: BynderList,
  page?: number,
  limit?: number,
): Promise<{ data: T[]; headers: Record<string, string> }> => {
  const { records, response } = await readPage<T>(bynder, list, page, limit);
  const headers = Object.entries(response.headers).filter(([name]) =>
    name.startsWith("x-pagination-"),
  );
  return { data: records, headers: Object.fromEntries(headers) };
};

/**
 * A list paged by cursor (the `/v7` analytics feeds): each page's `next-cursor` header names the
 * next. One page, or with `all` page after page until a page comes back short or empty, without a
 * next cursor, or with the cursor it was given (the feeds' last page is not documented, so any of
 * these ends it). Past `maxRecords` it fails with `capError(next)`, which says where to read on:
 * never a silent truncation.
 */
export const readByCursor = async <T = Record<string, unknown>>(
  bynder: BynderClient,
  list: BynderList,
  options: {
    cursor?: string;
    all: boolean;
    maxRecords: number;
    capError: (next: string) => Error;
  },
): Promise<{ records: T[]; next?: string }> => {
  const records: T[] = [];
  let at = options.cursor;
  for (;;) {
    const { records: page, response } = await readPage<T>(
      bynder,
      withQuery(list, { cursor: at }),
      undefined,
      list.pageSize,
    );
    records.push(...page);
    const next = response.headers["next-cursor"] || undefined;
    if (!options.all) return { records, next };
    const short = page.length === 0 || (list.pageSize !== undefined && page.length < list.pageSize);
    if (!next || next === at || short) return { records };
    if (records.length >= options.maxRecords) throw options.capError(next);
    at = next;
  }
};

const notAList = (list: BynderList, page: number | undefined, response: BynderResponse) => {
  const body = response.data;
  const text = typeof body === "string" ? body : (JSON.stringify(body) ?? String(body));
  const start = text.replace(/\s+/g, " ").trim().slice(0, 80);
  return new BynderError(
    `Bynder's answer to GET ${list.path}${page === undefined ? "" : ` (page ${page})`} holds no list of ${list.what}: HTTP ${response.status}, ${response.headers["content-type"] || "no content type"}, body starting "${start}${text.length > 80 ? "…" : ""}".`,
    response.status,
    "GET",
    list.path,
  );
};

const totalOf = (list: BynderList, response: BynderResponse): number | undefined => {
  const body = response.data as { total?: { count?: unknown }; count?: unknown } | undefined;
  const raw =
    list.total === "header"
      ? response.headers["x-pagination-totalrecords"]
      : list.total === "count"
        ? body?.count
        : list.total === "total.count"
          ? body?.total?.count
          : undefined;
  const number = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  return typeof number === "number" && Number.isInteger(number) && number >= 0 ? number : undefined;
};

/** Every record of the list. */
export const readAll = async <T = Record<string, unknown>>(
  bynder: BynderClient,
  list: BynderList,
  options: ReadOptions = {},
): Promise<T[]> => (await readList<T>(bynder, list, options)).records;

/** Walks the list from page 1 (see the guarantees at the top of this file). */
export const readList = async <T = Record<string, unknown>>(
  bynder: BynderClient,
  list: BynderList,
  { concurrency = 1, maxPages = DEFAULT_MAX_PAGES, atCap = "error" }: ReadOptions = {},
): Promise<ListRead<T>> => {
  const limit = list.pageSize;
  if (limit === undefined) {
    const { records, total } = await readPage<T>(bynder, list);
    return { records, reported: total, shrank: false, more: false };
  }
  if (!Number.isInteger(limit) || limit < 1) {
    throw new BynderError(
      `The pager needs a page size of at least 1 for ${list.what}; got ${limit}.`,
    );
  }
  const walk = new Walk<T>(bynder, list, limit);
  const first = await walk.read(1);
  const reported = first.total;

  // Parallel pages up to the reported total, while no page has come back short or repeated.
  const planned = reported === undefined ? 1 : Math.min(Math.ceil(reported / limit), maxPages);
  if (walk.end === undefined && planned > 1 && concurrency > 1) {
    await walk.parallel(planned, concurrency);
  }
  // Then one page at a time, until a page ends the list (also past a total that lied low).
  let page = walk.contiguous();
  let more = false;
  while (walk.end === undefined) {
    if (page >= maxPages) {
      // At the cap with every page full: a total above it says there is more; otherwise look.
      more = (reported !== undefined && reported > maxPages * limit) || (await walk.morePast(page));
      if (more && atCap === "error") throw pageCapError(maxPages, limit, list.what);
      walk.endAt(page);
      break;
    }
    page += 1;
    await walk.read(page);
  }
  const records = walk.records();
  walk.checkTotal(more ? undefined : reported, records.length); // stopped at the cap: less is right
  return { records, reported, shrank: walk.shrank, more };
};

/** The state of one walk through a list: pages by number, ids seen, where the list ended. */
class Walk<T> {
  private readonly pages: T[][] = [];
  private readonly seen = new Set<string>();
  /** Records without an id, by content: only to spot a page that repeats (they are all kept). */
  private readonly seenAnonymous = new Set<string>();
  private duplicates = 0;
  private previousTotal?: number;
  /** The list's last page, once a page came back short, empty or repeated. */
  end?: number;
  shrank = false;
  repeated?: number;

  constructor(
    private readonly bynder: BynderClient,
    private readonly list: BynderList,
    private readonly limit: number,
  ) {}

  private get keyField(): string {
    return this.list.key ?? "id";
  }

  async read(number: number): Promise<Page<T>> {
    const page = await readPage<T>(this.bynder, this.list, number, this.limit);
    this.accept(number, page);
    return page;
  }

  private accept(number: number, { records, total }: Page<T>): void {
    if (total !== undefined) {
      if (this.previousTotal !== undefined && total < this.previousTotal) this.shrank = true;
      this.previousTotal = total;
    }
    let fresh = 0;
    for (const record of records) {
      const id = (record as Record<string, unknown>)[this.keyField];
      if (typeof id === "string" || typeof id === "number") {
        const key = String(id);
        if (this.seen.has(key)) this.duplicates += 1;
        else {
          this.seen.add(key);
          fresh += 1;
        }
      } else {
        const content = JSON.stringify(record);
        if (!this.seenAnonymous.has(content)) fresh += 1;
        this.seenAnonymous.add(content);
      }
    }
    if (records.length > 0 && fresh === 0) {
      // Every record of this page was read before: the portal ignores `page` or repeats itself.
      this.repeated = Math.min(this.repeated ?? number, number);
      this.endAt(number - 1);
      return;
    }
    this.pages[number - 1] = records;
    if (records.length < this.limit) this.endAt(number);
  }

  /** Reads the page after `page`: does the list go on past it? */
  async morePast(page: number): Promise<boolean> {
    await this.read(page + 1);
    return this.end === undefined || (this.end > page && this.pages[page].length > 0);
  }

  endAt(number: number): void {
    this.end = Math.min(this.end ?? number, number);
  }

  /**
   * Pages 2..planned, `width` at a time. Workers take page numbers in order and stop taking them
   * once a page has ended the list, so at most `width - 1` requests go past a short page. After
   * Bynder answers 429 (the portal's limiter pauses), fewer workers carry on: each pause halves
   * them, so the readers do not all resume at once.
   */
  async parallel(planned: number, width: number): Promise<void> {
    const limiter = limiterFor(this.bynder.origin);
    let pauses = limiter.pauses;
    let active = Math.min(width, planned - 1);
    let next = 2;
    let failed = false;
    const worker = async (index: number) => {
      while (!failed && next <= planned && (this.end === undefined || next <= this.end)) {
        if (limiter.pauses !== pauses) {
          pauses = limiter.pauses;
          active = Math.max(1, Math.floor(active / 2));
        }
        if (index >= active) return;
        const number = next++;
        try {
          await this.read(number);
        } catch (error) {
          failed = true; // the other workers take no new pages
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: active }, (_, index) => worker(index)));
  }

  /** The last page number up to which every page has been read (and is part of the list). */
  contiguous(): number {
    let page = 0;
    while (page < this.pages.length && this.pages[page] !== undefined) page += 1;
    return this.end === undefined ? page : Math.min(page, this.end);
  }

  /** The records of pages 1..end in page order, each id once. */
  records(): T[] {
    const pages = this.pages.slice(0, this.end ?? this.pages.length);
    const all = pages.flat();
    if (this.duplicates === 0) return all;
    const seen = new Set<string>();
    return all.filter((record) => {
      const id = (record as Record<string, unknown>)[this.keyField];
      if (typeof id !== "string" && typeof id !== "number") return true;
      const key = String(id);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Warns when the portal's total and what it delivered disagree, or a page repeated. */
  checkTotal(reported: number | undefined, delivered: number): void {
    const logger = this.bynder.logger;
    const { what, path } = this.list;
    if (this.repeated !== undefined) {
      logger?.warn?.(
        `Bynder's page ${this.repeated} of GET ${path} repeated ${what} already read on earlier pages; the list was read as ending before it (${delivered} ${what}).`,
      );
    }
    if (reported !== undefined && reported !== delivered) {
      logger?.warn?.(
        `Bynder reported ${reported} ${what} for GET ${path} but delivered ${delivered}; the result holds the ${delivered} delivered.`,
      );
    }
  }
}

const pageCapError = (maxPages: number, limit: number, what: string) =>
  new BynderError(
    `Stopped after ${maxPages} pages of ${limit} ${what}: the list is larger than this action reads in one run. Narrow it with filters, or page with Limit and Page.`,
  );
