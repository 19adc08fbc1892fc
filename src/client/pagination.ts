import { BynderError } from "./errors";

export interface Page<T> {
  items: T[];
  /** Total number of records when Bynder reports it; missing or 0 is treated as unknown. */
  total?: number;
}

export interface FetchAllOptions<T> {
  /** Page size sent to Bynder on every request. */
  limit: number;
  /** Hard stop: more pages than this is an error, never a silent truncation. */
  maxPages?: number;
  /** Parallel page requests once the total is known (results stay in page order). */
  concurrency?: number;
  /** Drops records seen on an earlier page (pages shift when records change mid-scan). */
  keyOf?: (item: T) => string;
}

export const DEFAULT_MAX_PAGES = 10_000;

/**
 * Walks Bynder's page/limit lists from page 1. Ends on a short page, an empty page, or once the
 * reported total is reached; a missing or zero total still ends on the first short page.
 */
export const fetchAllPages = async <T>(
  fetchPage: (page: number, limit: number) => Promise<Page<T>>,
  { limit, maxPages = DEFAULT_MAX_PAGES, concurrency = 1, keyOf }: FetchAllOptions<T>,
): Promise<T[]> => {
  const pages: T[][] = [];
  const first = await fetchPage(1, limit);
  pages.push(first.items);
  const total = first.total && first.total > 0 ? first.total : undefined;
  const done = (items: T[]) => items.length < limit;

  if (!done(first.items) && total !== undefined && concurrency > 1) {
    const pageCount = Math.ceil(total / limit);
    if (pageCount > maxPages) throw pageCapError(maxPages, limit);
    let next = 2;
    const worker = async () => {
      while (next <= pageCount) {
        const page = next++;
        pages[page - 1] = (await fetchPage(page, limit)).items;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, pageCount - 1) }, worker));
    // Records added while we read: keep reading sequentially past the expected end.
    let page = pageCount;
    while (!done(pages[page - 1] ?? []) && page < maxPages) {
      page += 1;
      pages[page - 1] = (await fetchPage(page, limit)).items;
      if (pages[page - 1].length === 0) break;
    }
  } else {
    let count = first.items.length;
    let page = 1;
    while (!done(pages[page - 1]) && (total === undefined || count < total)) {
      if (page >= maxPages) throw pageCapError(maxPages, limit);
      page += 1;
      const { items } = await fetchPage(page, limit);
      pages.push(items);
      count += items.length;
    }
  }
  return dedupe(pages.flat(), keyOf);
};

const dedupe = <T>(items: T[], keyOf?: (item: T) => string): T[] => {
  if (!keyOf) return items;
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const pageCapError = (maxPages: number, limit: number) =>
  new BynderError(
    `Stopped after ${maxPages} pages of ${limit} records: the list is larger than this action reads in one run. Narrow it with filters, or page with Limit and Page.`,
  );
