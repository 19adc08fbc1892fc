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
 * reported total is reached; a missing or zero total still ends on the first short page. When the
 * expected last page comes back full although the total said it would be short, records were added
 * during the scan and the walk reads on past the expected end. More pages than `maxPages` is an
 * error, never a silent truncation.
 */
export const fetchAllPages = async <T>(
  fetchPage: (page: number, limit: number) => Promise<Page<T>>,
  { limit, maxPages = DEFAULT_MAX_PAGES, concurrency = 1, keyOf }: FetchAllOptions<T>,
): Promise<T[]> => {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new BynderError(`fetchAllPages needs a page size of at least 1; got ${limit}.`);
  }
  const pages: T[][] = [];
  const first = await fetchPage(1, limit);
  pages.push(first.items ?? []);
  const total = first.total && first.total > 0 ? first.total : undefined;
  const seen = keyOf ? new Set(pages[0].map(keyOf)) : undefined;
  let fetched = pages[0].length;
  let page = 1;

  if (pages[0].length >= limit && total !== undefined && concurrency > 1) {
    const pageCount = Math.ceil(total / limit);
    if (pageCount > maxPages) throw pageCapError(maxPages, limit);
    let next = 2;
    let failed = false;
    const worker = async () => {
      while (next <= pageCount && !failed) {
        const number = next++;
        try {
          pages[number - 1] = (await fetchPage(number, limit)).items ?? [];
        } catch (error) {
          failed = true; // the other workers take no new pages
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, pageCount - 1) }, worker));
    page = Math.max(pageCount, 1);
    fetched = pages.reduce((sum, items) => sum + items.length, 0);
    for (const items of pages.slice(1)) for (const item of items) seen?.add(keyOf!(item));
  }

  // Sequential walk (also the reading past the expected end after a parallel scan).
  for (;;) {
    const last = pages[page - 1] ?? [];
    if (last.length < limit) break; // short or empty page: the end
    // Exactly the reported total. With keyOf, distinct records count: a record pushed onto the next
    // page by an insert mid-scan is read twice, and counting it twice would stop one record early.
    if (total !== undefined && (seen ? seen.size : fetched) === total) break;
    if (page >= maxPages) throw pageCapError(maxPages, limit);
    page += 1;
    const items = (await fetchPage(page, limit)).items ?? [];
    pages[page - 1] = items;
    fetched += items.length;
    if (seen) {
      const fresh = items.filter((item) => !seen.has(keyOf!(item)));
      for (const item of fresh) seen.add(keyOf!(item));
      // A full page of records already seen: the endpoint ignores `page`; reading on never ends.
      if (items.length >= limit && fresh.length === 0) break;
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
