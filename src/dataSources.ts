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
  input,
  type Connection,
  type DataSourceContext,
  type Element,
} from "@prismatic-io/spectral";
import { createBynderClient, type BynderClient } from "./client/client";
import { BynderError } from "./client/errors";
import { path } from "./client/encoding";
import { fetchAllPages } from "./client/pagination";
import { requiredId } from "./inputs/clean";
import { connection, CF_EXAMPLE } from "./inputs/common";
import * as examples from "./examplePayloads/dataSources";

export const PICKLIST_CAP = 10_000;

type BynderRecord = Record<string, unknown>;

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

/** Reads one page of a list (and the total, when Bynder reports it). */
type PageReader = (
  page: number,
  limit: number,
) => Promise<{ items: BynderRecord[]; total?: number }>;

/** A capped list: the records read, and whether the portal holds more than the cap. */
interface Capped {
  items: BynderRecord[];
  more: boolean;
}

/**
 * Reads page after page until a short page, at most PICKLIST_CAP records. When Bynder reports a
 * total, pages after the first are fetched four at a time.
 */
export const readCapped = async (
  limit: number,
  readPage: PageReader,
  key: (record: BynderRecord) => string,
): Promise<Capped> => {
  const capPages = Math.ceil(PICKLIST_CAP / limit);
  let more = false;
  const items = await fetchAllPages(
    async (page, size) => {
      if (page > capPages) {
        // One page past the cap: is there anything more? (Skipped when Bynder told us.)
        more ||= (await readPage(page, size)).items.length > 0;
        return { items: [] };
      }
      const read = await readPage(page, size);
      if (read.total !== undefined && read.total > PICKLIST_CAP) more = true;
      return {
        items: read.items,
        total: read.total === undefined ? undefined : Math.min(read.total, PICKLIST_CAP),
      };
    },
    { limit, maxPages: capPages + 1, concurrency: 4, keyOf: key },
  );
  return { items: items.slice(0, PICKLIST_CAP), more: more || items.length > PICKLIST_CAP };
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

export const list = (body: unknown, field: string, what: string): BynderRecord[] => {
  if (Array.isArray(body)) return body as BynderRecord[];
  if (body && typeof body === "object") {
    const inner = (body as Record<string, unknown>)[field];
    if (Array.isArray(inner)) return inner as BynderRecord[];
  }
  throw new BynderError(`Bynder answered the list of ${what} with an unexpected body.`);
};

const total = (value: unknown): number | undefined => {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
};

const idOf = (field: string) => (record: BynderRecord) => str(record[field]);

/** Reads a capped list and makes it the picklist: sorted, with the cap note when there is more. */
const cappedPicklist = async (
  what: string,
  limit: number,
  readPage: PageReader,
  toElement: (record: BynderRecord) => Element,
): Promise<Element[]> => {
  const { items, more } = await readCapped(limit, readPage, idOf("id"));
  return withCapNote(sortByLabel(items.map(toElement)), more, what);
};

/** Pages of a list whose total Bynder sends in the X-Pagination-TotalRecords header. */
const headerPaged =
  (
    bynder: BynderClient,
    listPath: string,
    query: Record<string, unknown>,
    field: string,
    what: string,
  ): PageReader =>
  async (page, limit) => {
    const response = await bynder.request({
      method: "GET",
      path: listPath,
      query: { ...query, limit, page },
    });
    return {
      items: list(response.data, field, what),
      total: total(response.headers["x-pagination-totalrecords"]),
    };
  };

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

const capNote = `Lists up to ${PICKLIST_CAP.toLocaleString("en")}; on larger portals a last entry says so.`;

export const selectAsset = picklist({
  label: "Select Asset",
  description: `Select an asset from the list of assets available in Bynder, by name. ${capNote}`,
  inputs: { connection },
  example: examples.selectAsset,
  read: (bynder) =>
    cappedPicklist(
      "assets",
      1000,
      async (page, limit) => {
        const body = await bynder.get("/api/v4/media/", {
          orderBy: "name asc",
          limit,
          page,
          total: 1,
        });
        return {
          items: list(body, "media", "assets"),
          total: total((body as { total?: { count?: unknown } })?.total?.count),
        };
      },
      (asset) => ({ key: str(asset.id), label: str(asset.name) }),
    ),
});

export const selectBrand = picklist({
  label: "Select Brand",
  description:
    "Select a brand or sub-brand from the brands available in Bynder; sub-brands are labelled with their brand (Brand › Sub-brand).",
  inputs: { connection },
  example: examples.selectBrand,
  read: async (bynder) => {
    const brands = list(await bynder.get("/api/v4/brands/"), "brands", "brands");
    const elements: Element[] = [];
    for (const brand of brands) {
      const name = str(brand.name);
      elements.push({ key: str(brand.id), label: name });
      const subBrands = Array.isArray(brand.subBrands) ? (brand.subBrands as BynderRecord[]) : [];
      for (const sub of subBrands) {
        elements.push({ key: str(sub.id), label: `${name} › ${str(sub.name)}` });
      }
    }
    return sortByLabel(elements);
  },
});

export const selectCampaign = picklist({
  label: "Select Campaign",
  description:
    "Select a campaign from the list of campaigns available in Bynder (workflow), labelled with its campaign key.",
  inputs: { connection },
  example: examples.selectCampaign,
  read: async (bynder) => {
    const campaigns = list(await bynder.get("/api/workflow/campaigns/"), "campaigns", "campaigns");
    return sortByLabel(
      campaigns.map((campaign) => {
        const key = str(campaign.key);
        const name = str(campaign.name);
        return { key: str(campaign.ID), label: key ? `${name} (${key})` : name };
      }),
    );
  },
});

export const selectCollection = picklist({
  label: "Select Collection",
  description: `Select a collection from the list of collections available in Bynder, by name. ${capNote}`,
  inputs: { connection },
  example: examples.selectCollection,
  read: (bynder) =>
    cappedPicklist(
      "collections",
      1000,
      async (page, limit) => {
        const body = await bynder.get("/api/v4/collections/", {
          orderBy: "name asc",
          count: 1,
          limit,
          page,
        });
        return {
          items: list(body, "collections", "collections"),
          total: total((body as { count?: unknown })?.count),
        };
      },
      (c) => ({ key: str(c.id), label: str(c.name) }),
    ),
});

export const selectJob = picklist({
  label: "Select Job",
  description: `Select a job from the list of jobs available in Bynder (workflow), labelled with its job key. ${capNote}`,
  inputs: { connection },
  example: examples.selectJob,
  read: (bynder) =>
    cappedPicklist(
      "jobs",
      100,
      headerPaged(bynder, "/api/workflow/jobs/", { orderBy: "name asc" }, "jobs", "jobs"),
      (job) => {
        const jobKey = str(job.jobKey);
        const name = str(job.name);
        return { key: str(job.id), label: jobKey ? `${name} (${jobKey})` : name };
      },
    ),
});

export const selectMetaproperty = picklist({
  label: "Select Metaproperty",
  description:
    "Select a metaproperty from the list of metaproperties available in Bynder, by its label.",
  inputs: { connection },
  example: examples.selectMetaproperty,
  read: async (bynder) => {
    // An object keyed by metaproperty name; options are left out to keep the answer small.
    const body = await bynder.get("/api/v4/metaproperties/", { options: 0 });
    const properties = Array.isArray(body)
      ? (body as BynderRecord[])
      : body && typeof body === "object"
        ? (Object.values(body) as BynderRecord[])
        : [];
    return sortByLabel(
      properties.map((mp) => ({ key: str(mp.id), label: str(mp.label) || str(mp.name) })),
    );
  },
});

export const selectOrder = picklist({
  label: "Select Order",
  description: `Select a brand store order from the list of orders available in Bynder, by order reference. ${capNote}`,
  inputs: { connection },
  example: examples.selectOrder,
  read: (bynder) =>
    cappedPicklist(
      "orders",
      // Bynder's order list has a fixed page size of 10 and takes no limit.
      10,
      async (page) => ({
        items: list(await bynder.get("/api/store/order/", { page }), "orders", "orders"),
      }),
      (order) => ({ key: str(order.id), label: str(order.order_ref) || str(order.orderReference) }),
    ),
});

export const selectSecurityProfile = picklist({
  label: "Select Security Profile",
  description: "Select a security profile from the list of profiles available in Bynder.",
  inputs: { connection },
  example: examples.selectSecurityProfile,
  read: async (bynder) => {
    const profiles = list(await bynder.get("/api/v4/profiles/"), "profiles", "security profiles");
    return sortByLabel(profiles.map((p) => ({ key: str(p.id), label: str(p.name) })));
  },
});

const fullName = (user: BynderRecord) =>
  str(user.name) || [str(user.firstname), str(user.lastname)].filter(Boolean).join(" ");

export const selectUser = picklist({
  label: "Select User",
  description: `Select a user from the list of users available in Bynder, by name and email; inactive users are marked. ${capNote}`,
  inputs: { connection },
  example: examples.selectUser,
  read: (bynder) =>
    cappedPicklist(
      "users",
      100,
      headerPaged(bynder, "/api/v4/users/", { includeInActive: 1 }, "users", "users"),
      (user) => {
        const name = fullName(user) || str(user.username);
        const email = str(user.email);
        const inactive = user.active === 0 || user.active === false || user.active === "0";
        const label = `${name}${email && email !== name ? ` (${email})` : ""}${inactive ? " (inactive)" : ""}`;
        return { key: str(user.id), label };
      },
    ),
});

export const selectTag = picklist({
  label: "Select Tag",
  description: `Select a tag from the list of tags used in Bynder. ${capNote}`,
  inputs: { connection },
  example: examples.selectTag,
  read: (bynder) =>
    cappedPicklist(
      "tags",
      1000,
      async (page, limit) => ({
        items: list(
          await bynder.get("/api/v4/tags/", { orderBy: "tag asc", limit, page }),
          "tags",
          "tags",
        ),
      }),
      (tag) => ({ key: str(tag.id), label: str(tag.tag) }),
    ),
});

export const selectWorkflowUser = picklist({
  label: "Select Workflow User",
  description:
    "Select a workflow user: the ids campaigns and jobs take as responsible or accountable user.",
  inputs: { connection },
  example: examples.selectWorkflowUser,
  read: async (bynder) => {
    const users = list(await bynder.get("/api/workflow/users/"), "users", "workflow users");
    return sortByLabel(
      users.map((user) => {
        const person = (user.BynderUser ?? {}) as BynderRecord;
        const name =
          str(user.fullname) ||
          [str(person.firstName), str(person.infix), str(person.lastName)]
            .filter(Boolean)
            .join(" ");
        const email = str(person.email);
        return { key: str(user.ID), label: email ? `${name} (${email})` : name };
      }),
    );
  },
});

const metapropertyId = input({
  label: "Metaproperty ID",
  type: "string",
  required: true,
  comments: "The metaproperty whose options are listed.",
  example: CF_EXAMPLE,
  dataSource: "selectMetaproperty",
  clean: requiredId("Metaproperty ID", "cf"),
});

export const selectMetapropertyOption = picklist({
  label: "Select Metaproperty Option",
  description: `Select an option of the metaproperty chosen in Metaproperty ID, by its label. ${capNote}`,
  inputs: { connection, metapropertyId },
  example: examples.selectMetapropertyOption,
  read: (bynder, params) => {
    const id = String(params.metapropertyId);
    return cappedPicklist(
      "options",
      1000,
      async (page, limit) => ({
        items: list(
          await bynder.get(path`/api/v4/metaproperties/${id}/options/`, { limit, page }),
          "options",
          "metaproperty options",
        ),
      }),
      (option) => ({
        key: str(option.id),
        label: str(option.label) || str(option.displayLabel) || str(option.name),
      }),
    );
  },
});

export const dataSources = {
  selectAsset,
  selectBrand,
  selectCampaign,
  selectCollection,
  selectJob,
  selectMetaproperty,
  selectOrder,
  selectSecurityProfile,
  selectUser,
  selectTag,
  selectWorkflowUser,
  selectMetapropertyOption,
};
