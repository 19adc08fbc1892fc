/**
 * Picklists that let builders choose Bynder records by name instead of pasting ids. Each returns
 * `{ key: <id>, label: <name a person recognises> }`, sorted by label (case-insensitive, numbers
 * in numeric order); two records with the same label get their id appended.
 *
 * Lists are read completely, page after page, up to PICKLIST_CAP (10,000) records. When a portal
 * holds more, the list stops there and ends with one extra element whose label says so and whose
 * key is empty (choosing it leaves the input empty); the id of any other record can still be typed
 * into the input.
 */
import {
  dataSource,
  type Connection,
  type DataSourceContext,
  type Element,
} from "@prismatic-io/spectral";
import { createBynderClient, readList, type BynderClient, type BynderList } from "../client";
import { connection } from "../inputs/common";

export const PICKLIST_CAP = 10_000;

export type BynderRecord = Record<string, unknown>;

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

export const str = (value: unknown): string =>
  typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";

/** Sorted by label; equal labels are told apart by their id. */
export const sortByLabel = (elements: Element[]): Element[] => {
  const counts = new Map<string, number>();
  for (const { label = "" } of elements) {
    const folded = label.toLocaleLowerCase("en");
    counts.set(folded, (counts.get(folded) ?? 0) + 1);
  }
  return elements
    .map((element) => {
      const label = element.label || element.key;
      return (counts.get(label.toLocaleLowerCase("en")) ?? 0) > 1
        ? { key: element.key, label: `${label} (${element.key})` }
        : { key: element.key, label };
    })
    .sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.key, b.key));
};

const withCapNote = (elements: Element[], more: boolean, what: string): Element[] =>
  more
    ? [
        ...elements,
        {
          key: "",
          label: `More than ${PICKLIST_CAP.toLocaleString("en")} ${what}: only the first ${PICKLIST_CAP.toLocaleString("en")} are listed. Enter the id of any other directly.`,
        },
      ]
    : elements;

/**
 * Reads a list up to PICKLIST_CAP records (four pages at a time once Bynder reports a total) and
 * makes it the picklist: sorted, with the cap note when the portal holds more.
 */
export const cappedPicklist = async (
  bynder: BynderClient,
  list: BynderList,
  toElement: (record: BynderRecord) => Element,
): Promise<Element[]> => {
  const maxPages = Math.ceil(PICKLIST_CAP / (list.pageSize ?? PICKLIST_CAP));
  const read = await readList<BynderRecord>(bynder, list, {
    maxPages,
    atCap: "stop",
    concurrency: 4,
  });
  const more = read.more || read.records.length > PICKLIST_CAP;
  const elements = read.records.slice(0, PICKLIST_CAP).map(toElement);
  return withCapNote(sortByLabel(elements), more, list.what);
};

/** A list Bynder answers in one response (brands, campaigns, profiles, workflow users). */
export const unpaged = (what: string, listPath: string, records: string): BynderList => ({
  what,
  path: listPath,
  records,
});

/** A picklist data source on the Bynder client; `read` returns the (unsorted) options. */
export const picklist = <TInputs extends { connection: typeof connection }>(definition: {
  label: string;
  description: string;
  inputs: TInputs;
  example: Element[];
  read: (bynder: BynderClient, params: Record<string, unknown>) => Promise<Element[]>;
}) =>
  dataSource({
    display: { label: definition.label, description: definition.description },
    dataSourceType: "picklist",
    inputs: definition.inputs,
    examplePayload: { result: definition.example },
    perform: async (context: DataSourceContext, params) => {
      const bynder = createBynderClient(params.connection as Connection, {
        logger: context.logger,
      });
      return { result: await definition.read(bynder, params) };
    },
  });
