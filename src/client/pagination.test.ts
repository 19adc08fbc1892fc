import { BynderError } from "./errors";
import { fetchAllPages, type Page } from "./pagination";

interface Rec {
  id: string;
}
const records = (n: number, prefix = "r"): Rec[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}` }));

/** A fake Bynder list: serves `data` page by page and logs which pages were asked for. */
const list = (data: Rec[], options: { total?: number; delayMs?: number } = {}) => {
  // An explicit `total: undefined` means Bynder reported none.
  const total = "total" in options ? options.total : data.length;
  const delayMs = options.delayMs ?? 0;
  const asked: number[] = [];
  let inFlight = 0;
  let peak = 0;
  const fetchPage = async (page: number, limit: number): Promise<Page<Rec>> => {
    asked.push(page);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    // Later pages answer first, so any ordering bug shows.
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs * (10 - (page % 10))));
    inFlight -= 1;
    return { items: data.slice((page - 1) * limit, page * limit), total };
  };
  return { fetchPage, asked, peak: () => peak };
};

describe("fetchAllPages, one page at a time", () => {
  it("stops on a short page", async () => {
    const { fetchPage, asked } = list(records(25), { total: undefined });
    expect(await fetchAllPages(fetchPage, { limit: 10 })).toEqual(records(25));
    expect(asked).toEqual([1, 2, 3]);
  });

  it("stops on an empty page", async () => {
    const { fetchPage, asked } = list(records(20), { total: undefined });
    expect(await fetchAllPages(fetchPage, { limit: 10 })).toEqual(records(20));
    expect(asked).toEqual([1, 2, 3]);
  });

  it("stops once the reported total is reached, without asking for an empty page", async () => {
    const { fetchPage, asked } = list(records(20), { total: 20 });
    expect(await fetchAllPages(fetchPage, { limit: 10 })).toEqual(records(20));
    expect(asked).toEqual([1, 2]);
  });

  it("with keyOf, counts distinct records toward the total, so an insert mid-scan loses nothing", async () => {
    // 20 records; after page 1 is read, a new record lands at the front and shifts everything by
    // one, so page 2 repeats r10 and r20 moves to page 3. Counting r10 twice would stop at 20 reads.
    const data = records(20);
    const asked: number[] = [];
    const fetchPage = (page: number, limit: number): Promise<Page<Rec>> => {
      asked.push(page);
      if (page === 2) data.unshift({ id: "new" });
      return Promise.resolve({ items: data.slice((page - 1) * limit, page * limit), total: 20 });
    };
    const result = await fetchAllPages(fetchPage, { limit: 10, keyOf: (r) => r.id });
    expect(result.map((r) => r.id)).toEqual(expect.arrayContaining(records(20).map((r) => r.id)));
    expect(result).toHaveLength(20);
    expect(asked).toEqual([1, 2, 3]);
  });

  it.each([undefined, 0])("still ends with a total of %p", async (total) => {
    const { fetchPage, asked } = list(records(30), { total });
    expect(await fetchAllPages(fetchPage, { limit: 10 })).toHaveLength(30);
    expect(asked).toEqual([1, 2, 3, 4]);
    const empty = list([], { total });
    expect(await fetchAllPages(empty.fetchPage, { limit: 10 })).toEqual([]);
    expect(empty.asked).toEqual([1]);
  });

  it("throws a clear BynderError at the page cap instead of truncating", async () => {
    const { fetchPage, asked } = list(records(100), { total: undefined });
    const error = await fetchAllPages(fetchPage, { limit: 10, maxPages: 3 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(BynderError);
    expect((error as Error).message).toBe(
      "Stopped after 3 pages of 10 records: the list is larger than this action reads in one run. Narrow it with filters, or page with Limit and Page.",
    );
    expect(asked).toEqual([1, 2, 3]);
    // Exactly maxPages pages of data is fine when the total says so.
    const exact = list(records(30), { total: 30 });
    expect(await fetchAllPages(exact.fetchPage, { limit: 10, maxPages: 3 })).toHaveLength(30);
  });

  it("ends when an endpoint ignores `page` and repeats itself (with keyOf)", async () => {
    const asked: number[] = [];
    const repeat = (page: number) => {
      asked.push(page);
      return Promise.resolve({ items: records(10) });
    };
    const items = await fetchAllPages(repeat, { limit: 10, keyOf: (r) => r.id });
    expect(items).toEqual(records(10));
    expect(asked).toEqual([1, 2]);
  });

  it("refuses a page size below 1", async () => {
    await expect(fetchAllPages(list([]).fetchPage, { limit: 0 })).rejects.toThrow(BynderError);
  });
});

describe("fetchAllPages with concurrency and a known total", () => {
  it("keeps page order and never exceeds the concurrency", async () => {
    const data = records(95);
    const source = list(data, { delayMs: 3 });
    const items = await fetchAllPages(source.fetchPage, { limit: 10, concurrency: 3 });
    expect(items).toEqual(data);
    expect(source.peak()).toBeLessThanOrEqual(3);
    expect(source.peak()).toBeGreaterThan(1);
    expect([...source.asked].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("does not ask past the total when it is a multiple of the page size", async () => {
    const source = list(records(40));
    expect(await fetchAllPages(source.fetchPage, { limit: 10, concurrency: 4 })).toHaveLength(40);
    expect(source.asked.sort()).toEqual([1, 2, 3, 4]);
  });

  it("throws the page cap error before fetching when the total needs too many pages", async () => {
    const source = list(records(1000));
    await expect(
      fetchAllPages(source.fetchPage, { limit: 10, concurrency: 4, maxPages: 50 }),
    ).rejects.toThrow(/^Stopped after 50 pages of 10 records/);
    expect(source.asked).toEqual([1]);
  });

  it("stops handing out pages after a failure", async () => {
    const asked: number[] = [];
    const failing = async (page: number, limit: number): Promise<Page<Rec>> => {
      asked.push(page);
      await new Promise((r) => setTimeout(r, 5));
      if (page === 2) throw new BynderError("Bynder GET /api/v4/media/ failed with HTTP 500: x");
      return { items: records(limit), total: 10_000 };
    };
    await expect(fetchAllPages(failing, { limit: 10, concurrency: 2 })).rejects.toThrow(/HTTP 500/);
    await new Promise((r) => setTimeout(r, 30));
    expect(Math.max(...asked)).toBeLessThanOrEqual(4);
  });

  it("reads past the expected end when records were added mid-scan, and keyOf drops repeats", async () => {
    // 25 records at the start (newest first); 5 more arrive after page 1 has been read, pushing
    // every later record 5 places down the list.
    let data = records(25, "old");
    const asked: number[] = [];
    const fetchPage = (page: number, limit: number): Promise<Page<Rec>> => {
      asked.push(page);
      const items = data.slice((page - 1) * limit, page * limit);
      const total = data.length;
      if (page === 1) data = [...records(5, "new"), ...data];
      return Promise.resolve({ items, total });
    };
    for (const concurrency of [1, 3]) {
      data = records(25, "old");
      asked.length = 0;
      const items = await fetchAllPages(fetchPage, {
        limit: 10,
        concurrency,
        keyOf: (r) => r.id,
      });
      // Every old record once, in order; the page shift repeated old6..old10 and was dropped.
      expect(items.filter((r) => r.id.startsWith("old"))).toEqual(records(25, "old"));
      expect(new Set(items.map((r) => r.id)).size).toBe(items.length);
      // The 25 reported records were all read by page 3 (counted once each): no page 4 needed.
      expect(asked.sort()).toEqual([1, 2, 3]);
    }
  });

  it("without keyOf keeps every record as Bynder sent it", async () => {
    const items = await fetchAllPages(
      (page) => Promise.resolve({ items: page === 1 ? [{ id: "a" }, { id: "a" }] : [], total: 2 }),
      { limit: 2 },
    );
    expect(items).toEqual([{ id: "a" }, { id: "a" }]);
  });
});
