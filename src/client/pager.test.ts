import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BynderClient } from "./client";
import { BynderError } from "./errors";
import { lists } from "./lists";
import { readAll, readByCursor, readList, readPage, type BynderList } from "./pager";

/**
 * A small Bynder list on loopback. `answer` builds the reply to each page request; the portal logs
 * the pages asked for and how many requests were in flight at once.
 */
interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}
type Answer = (page: number, limit: number, query: URLSearchParams) => Reply;

let server: Server;
let answer: Answer;
let delayMs = 0;
let asked: number[];
let inFlight = 0;
let peaks: number[];
/** In-flight counts seen by requests that arrived after the portal first answered 429. */
let peaksAfter429: number[];
let answered429 = false;
const warnings: string[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const query = new URL(req.url ?? "/", "http://x").searchParams;
    const page = Number(query.get("page") ?? 1);
    const limit = Number(query.get("limit") ?? 0);
    asked.push(page);
    inFlight += 1;
    peaks.push(inFlight);
    if (answered429) peaksAfter429.push(inFlight);
    setTimeout(() => {
      inFlight -= 1;
      const { status = 200, body, headers = {} } = answer(page, limit, query);
      if (status === 429) answered429 = true;
      const text = typeof body === "string" ? body : JSON.stringify(body);
      res.writeHead(status, {
        "Content-Type": typeof body === "string" ? "text/html" : "application/json",
        ...headers,
      });
      res.end(text);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let origin: string;
let bynder: BynderClient;
beforeEach(() => {
  // A fresh origin per test: the portal's rate limiter (and its 429 pauses) is per origin.
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bynder = new BynderClient(origin, "token", {
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (m: unknown) => warnings.push(String(m)),
    },
  });
  asked = [];
  peaks = [];
  peaksAfter429 = [];
  answered429 = false;
  delayMs = 0;
  warnings.length = 0;
});

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i + 1}` }));
const slice = <T>(data: T[], page: number, limit: number) =>
  data.slice((page - 1) * limit, page * limit);
const ids = (items: { id?: string }[]) => items.map((item) => item.id);
const sorted = (pages: number[]) => [...pages].sort((a, b) => a - b);

/** Bynder's media list, 10 a page. */
const media: BynderList = { ...lists.media, pageSize: 10 };

/** Bynder's media list: `{ media, total: { count } }`, the count as given (or the truth). */
const mediaList =
  (data: { id?: string }[], count: number = data.length): Answer =>
  (page, limit) => ({ body: { media: slice(data, page, limit), total: { count } } });

describe("readList: where the total comes from", () => {
  it("reads a body total (total.count), in parallel once it is known, in page order", async () => {
    delayMs = 5;
    answer = mediaList(records(45));
    const { records: result, reported } = await readList(bynder, media, { concurrency: 3 });
    expect(ids(result)).toEqual(ids(records(45)));
    expect(reported).toBe(45);
    expect(sorted(asked)).toEqual([1, 2, 3, 4, 5]);
    expect(Math.max(...peaks)).toBe(3);
    expect(warnings).toEqual([]);
  });

  it("sends the page size and the list's query on every page", async () => {
    const queries: string[] = [];
    answer = (page, limit, query) => {
      queries.push(query.toString());
      return mediaList(records(15))(page, limit, query);
    };
    await readAll(bynder, media);
    expect(queries).toEqual(["total=1&page=1&limit=10", "total=1&page=2&limit=10"]);
  });

  it("reads `count` (collections)", async () => {
    const data = records(20);
    answer = (page, limit) => ({ body: { collections: slice(data, page, limit), count: 20 } });
    const list: BynderList = {
      what: "collections",
      path: "/api/v4/collections/",
      records: "collections",
      total: "count",
      pageSize: 10,
    };
    const read = await readList(bynder, list);
    expect(ids(read.records)).toEqual(ids(data));
    expect(read.reported).toBe(20);
    // The total was reached with a full last page: one more page confirms the end.
    expect(asked).toEqual([1, 2, 3]);
    expect(warnings).toEqual([]);
  });

  it("reads the X-Pagination-TotalRecords header (workflow jobs, users)", async () => {
    const data = records(12);
    answer = (page, limit) => ({
      body: slice(data, page, limit),
      headers: { "X-Pagination-TotalRecords": "12" },
    });
    const list: BynderList = {
      what: "jobs",
      path: "/api/workflow/jobs/",
      total: "header",
      pageSize: 5,
    };
    const read = await readList(bynder, list, { concurrency: 4 });
    expect(ids(read.records)).toEqual(ids(data));
    expect(read.reported).toBe(12);
    expect(sorted(asked)).toEqual([1, 2, 3]);
  });

  it("without a total, walks one page at a time to the first short page", async () => {
    const data = records(25);
    answer = (page, limit) => ({ body: slice(data, page, limit) });
    const list: BynderList = { what: "tags", path: "/api/v4/tags/", pageSize: 10 };
    const read = await readList(bynder, list, { concurrency: 8 });
    expect(ids(read.records)).toEqual(ids(data));
    expect(read.reported).toBeUndefined();
    expect(asked).toEqual([1, 2, 3]);
    expect(Math.max(...peaks)).toBe(1);
  });

  it("stops at an empty page", async () => {
    const data = records(20);
    answer = (page, limit) => ({ body: slice(data, page, limit) });
    const read = await readAll(bynder, { what: "tags", path: "/api/v4/tags/", pageSize: 10 });
    expect(read).toHaveLength(20);
    expect(asked).toEqual([1, 2, 3]);
  });

  it("reads an unpaged list with one request, sending no page or limit", async () => {
    const queries: string[] = [];
    answer = (_page, _limit, query) => {
      queries.push(query.toString());
      return { body: { campaigns: [{ ID: "c1" }, { ID: "c2" }] } };
    };
    const list: BynderList = { what: "campaigns", path: "/x/", records: "campaigns", key: "ID" };
    expect(await readAll(bynder, list)).toEqual([{ ID: "c1" }, { ID: "c2" }]);
    expect(queries).toEqual([""]);
  });

  it("sends no limit where Bynder's page size is fixed", async () => {
    const queries: string[] = [];
    const data = records(13);
    answer = (page, _limit, query) => {
      queries.push(query.toString());
      return { body: slice(data, page, 10) };
    };
    const list: BynderList = { what: "orders", path: "/o/", pageSize: 10, fixedPageSize: true };
    expect(await readAll(bynder, list)).toHaveLength(13);
    expect(queries).toEqual(["page=1", "page=2"]);
  });
});

describe("readList: pages that shift, repeat or end early", () => {
  it("drops a record read twice when an insert shifts the pages, and loses none", async () => {
    const data = records(20);
    answer = (page, limit) => {
      if (page === 2) data.unshift({ id: "new" });
      return { body: { media: slice(data, page, limit), total: { count: 20 } } };
    };
    const read = await readAll(bynder, media);
    expect(ids(read)).toEqual(expect.arrayContaining(ids(records(20))));
    expect(new Set(ids(read)).size).toBe(read.length);
    expect(asked).toEqual([1, 2, 3]);
  });

  it("stops at a page that repeats records already read (a portal that ignores `page`)", async () => {
    answer = (_page, limit) => ({ body: records(limit) });
    const read = await readAll(bynder, { what: "tags", path: "/api/v4/tags/", pageSize: 10 });
    expect(ids(read)).toEqual(ids(records(10)));
    expect(asked).toEqual([1, 2]);
    expect(warnings.join("\n")).toMatch(/page 2 of GET \/api\/v4\/tags\/ repeated tags/);
  });

  it("stops at a repeated page in parallel too, with a huge total", async () => {
    answer = (_page, limit) => ({ body: { media: records(limit), total: { count: 2_000_000 } } });
    const read = await readAll(bynder, media, { concurrency: 8 });
    expect(read).toHaveLength(10);
    expect(asked.length).toBeLessThanOrEqual(9);
  });

  it("never asks for pages past one that came back short", async () => {
    delayMs = 5;
    answer = mediaList(records(35), 100);
    const read = await readAll(bynder, media, { concurrency: 2 });
    expect(read).toHaveLength(35);
    // Page 4 is short: at most one page (the other worker's) was asked past it.
    expect(Math.max(...asked)).toBeLessThanOrEqual(5);
  });

  it("keeps records without an id, never collapsing them into one", async () => {
    const data = [{ name: "a" }, { name: "b" }, { id: "r1" }, { name: "c" }];
    answer = (page, limit) => ({ body: slice(data, page, limit) });
    const read = await readAll(bynder, { what: "tags", path: "/t/", pageSize: 2 });
    expect(read).toEqual(data);
  });
});

describe("readList: totals that lie", () => {
  it("a first page claiming 2,000,000 assets with 1,500 real ones costs a handful of requests", async () => {
    const list = { ...media, pageSize: 1000 };
    answer = mediaList(records(1500), 2_000_000);
    const read = await readAll(bynder, list, { concurrency: 8 });
    expect(ids(read)).toEqual(ids(records(1500)));
    expect(asked.length).toBeLessThanOrEqual(9);
    expect(warnings).toEqual([
      "Bynder reported 2000000 assets for GET /api/v4/media/ but delivered 1500; the result holds the 1500 delivered.",
    ]);
  });

  it("a total smaller than the truth does not cut the result short, and says so", async () => {
    answer = mediaList(records(30), 10);
    const read = await readList(bynder, media, { concurrency: 8 });
    expect(ids(read.records)).toEqual(ids(records(30)));
    expect(asked).toEqual([1, 2, 3, 4]);
    expect(warnings).toEqual([
      "Bynder reported 10 assets for GET /api/v4/media/ but delivered 30; the result holds the 30 delivered.",
    ]);
  });

  it("notices a total that drops between pages (records removed mid-read)", async () => {
    const data = records(25);
    answer = (page, limit) => ({
      body: { media: slice(data, page, limit), total: { count: page === 1 ? 26 : 25 } },
    });
    const read = await readList(bynder, media);
    expect(read.shrank).toBe(true);
    expect(read.reported).toBe(26);
  });
});

describe("readList after a 429", () => {
  it("carries on with fewer parallel readers, not all of them at once", async () => {
    delayMs = 15;
    const data = records(300);
    let blocked = false;
    answer = (page, limit) => {
      if (page === 5 && !blocked) {
        blocked = true;
        return { status: 429, body: { message: "Too Many Requests" } };
      }
      return { body: { media: slice(data, page, limit), total: { count: 300 } } };
    };
    const read = await readAll(bynder, media, { concurrency: 8 });
    expect(ids(read)).toEqual(ids(data));
    expect(Math.max(...peaks)).toBe(8);
    // Every page once, page 5 twice, and the page that confirms the end.
    expect(sorted(asked)).toEqual(
      [...Array.from({ length: 31 }, (_, i) => i + 1), 5].sort((a, b) => a - b),
    );
    expect(peaksAfter429.length).toBeGreaterThan(10);
    expect(Math.max(...peaksAfter429)).toBeLessThanOrEqual(4);
  });
});

describe("readList: the page cap", () => {
  it("more pages than maxPages is an error", async () => {
    answer = mediaList(records(45), 0);
    await expect(readAll(bynder, media, { maxPages: 3 })).rejects.toThrow(
      /Stopped after 3 pages of 10 assets/,
    );
    expect(asked).toEqual([1, 2, 3, 4]);
  });

  it("a list of exactly maxPages full pages is not (one page past the cap confirms)", async () => {
    answer = mediaList(records(30));
    expect(await readAll(bynder, media, { maxPages: 3 })).toHaveLength(30);
    expect(asked).toEqual([1, 2, 3, 4]);
  });

  it('with atCap "stop", returns the pages up to the cap and says there is more', async () => {
    answer = mediaList(records(45), 0);
    const read = await readList(bynder, media, { maxPages: 3, atCap: "stop" });
    expect(read.records).toHaveLength(30);
    expect(read.more).toBe(true);
  });

  it("a total above the cap, with full pages, needs no page past it", async () => {
    answer = mediaList(records(45));
    const read = await readList(bynder, media, { maxPages: 3, atCap: "stop", concurrency: 4 });
    expect(read.records).toHaveLength(30);
    expect(read.more).toBe(true);
    expect(sorted(asked)).toEqual([1, 2, 3]);
    expect(warnings).toEqual([]); // fewer than the total is what a cap means
  });
});

describe("readPage", () => {
  it("fails naming the call and what arrived when the body holds no list", async () => {
    answer = () => ({ body: "<html><body>Please log in</body></html>" });
    const error = (await readPage(bynder, media, 1, 10).catch((e: unknown) => e)) as BynderError;
    expect(error).toBeInstanceOf(BynderError);
    // The client refuses a body that is not JSON before the pager sees it; the pager's own check
    // covers JSON without the records (the next test).
    expect(error.message).toBe(
      'Bynder GET /api/v4/media/ answered something other than what Bynder sends: not JSON (HTTP 200, text/html, beginning "<html><body>Please log in</body></html>"). A proxy, a login page or a wrong portal URL can cause this.',
    );
  });

  it("fails when the wrapper lacks the records field", async () => {
    answer = () => ({ body: { total: { count: 3 } } });
    await expect(readAll(bynder, media)).rejects.toThrow(
      /GET \/api\/v4\/media\/ \(page 1\) holds no list of assets: HTTP 200, application\/json, body starting "\{"total":\{"count":3\}\}"/,
    );
  });
});

describe("readByCursor", () => {
  const feed: BynderList = { what: "events", path: "/v7/analytics/api/v1/feed", pageSize: 2 };
  /** Events 1..count, two a page; each page's next-cursor names the next (`sameCursor` repeats it). */
  const events = (count: number, sameCursor = false): Answer => {
    return (_page, limit, query): Reply => {
      const at = Number(query.get("cursor") ?? 0);
      const ids = Array.from({ length: Math.max(0, Math.min(limit, count - at)) }, (_, i) => ({
        id: String(at + i + 1),
      }));
      const next = at + ids.length;
      return {
        body: ids,
        headers:
          next < count || sameCursor ? { "next-cursor": String(sameCursor ? at : next) } : {},
      };
    };
  };
  const cap = (next: string) => new BynderError(`more; read on with Cursor ${next}`);

  it("reads one page and hands back the next cursor", async () => {
    answer = events(5);
    const read = await readByCursor(bynder, feed, { all: false, maxRecords: 100, capError: cap });
    expect(read).toEqual({ records: [{ id: "1" }, { id: "2" }], next: "2" });
  });

  it("reads every page until one comes back short, then gives no cursor", async () => {
    answer = events(5);
    const read = await readByCursor(bynder, feed, { all: true, maxRecords: 100, capError: cap });
    expect(read.records.map((e) => e.id)).toEqual(["1", "2", "3", "4", "5"]);
    expect(read.next).toBeUndefined();
    expect(asked).toHaveLength(3);
  });

  it("ends when the portal hands back the cursor it was given, instead of looping", async () => {
    answer = events(50, true);
    const read = await readByCursor(bynder, feed, {
      cursor: "4",
      all: true,
      maxRecords: 100,
      capError: cap,
    });
    expect(read.records.map((e) => e.id)).toEqual(["5", "6"]);
    expect(asked).toHaveLength(1);
  });

  it("past its cap fails with the cursor to read on from", async () => {
    answer = events(50);
    await expect(
      readByCursor(bynder, feed, { all: true, maxRecords: 4, capError: cap }),
    ).rejects.toThrow("more; read on with Cursor 4");
    expect(asked).toHaveLength(2);
  });
});
