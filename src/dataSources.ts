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
import {
  createBynderClient,
  lists,
  readAll,
  readList,
  withQuery,
  type BynderClient,
  type BynderList,
} from "./client";
import { requiredId } from "./inputs/clean";
import { connection, CF_EXAMPLE } from "./inputs/common";
import * as examples from "./examplePayloads/dataSources";
import * as webhookExamples from "./examplePayloads/webhooks";
import {
  listConfigurations,
  requireWebhookScopes,
  WEBHOOK_SCOPES,
  withWebhookHints,
} from "./client/webhookConfigurations";

export const PICKLIST_CAP = 10_000;

type BynderRecord = Record<string, unknown>;

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

const str = (value: unknown): string =>
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
const cappedPicklist = async (
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
const unpaged = (what: string, listPath: string, records: string): BynderList => ({
  what,
  path: listPath,
  records,
});

/** A picklist data source on the Bynder client; `read` returns the (unsorted) options. */
const picklist = <TInputs extends { connection: typeof connection }>(definition: {
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
    cappedPicklist(bynder, withQuery(lists.media, { orderBy: "name asc" }), (asset) => ({
      key: str(asset.id),
      label: str(asset.name),
    })),
});

export const selectBrand = picklist({
  label: "Select Brand",
  description:
    "Select a brand or sub-brand from the brands available in Bynder; sub-brands are labelled with their brand (Brand › Sub-brand).",
  inputs: { connection },
  example: examples.selectBrand,
  read: async (bynder) => {
    const brands = await readAll(bynder, unpaged("brands", "/api/v4/brands/", "brands"));
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
    const campaigns = await readAll(bynder, lists.campaigns);
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
    cappedPicklist(bynder, withQuery(lists.collections, { orderBy: "name asc" }), (c) => ({
      key: str(c.id),
      label: str(c.name),
    })),
});

export const selectJob = picklist({
  label: "Select Job",
  description: `Select a job from the list of jobs available in Bynder (workflow), labelled with its job key. ${capNote}`,
  inputs: { connection },
  example: examples.selectJob,
  read: (bynder) =>
    cappedPicklist(bynder, withQuery(lists.jobs, { orderBy: "name asc" }), (job) => {
      const jobKey = str(job.jobKey);
      const name = str(job.name);
      return { key: str(job.id), label: jobKey ? `${name} (${jobKey})` : name };
    }),
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
    cappedPicklist(bynder, lists.orders, (order) => ({
      key: str(order.id),
      label: str(order.order_ref) || str(order.orderReference),
    })),
});

export const selectSecurityProfile = picklist({
  label: "Select Security Profile",
  description: "Select a security profile from the list of profiles available in Bynder.",
  inputs: { connection },
  example: examples.selectSecurityProfile,
  read: async (bynder) => {
    const profiles = await readAll(
      bynder,
      unpaged("security profiles", "/api/v4/profiles/", "profiles"),
    );
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
    cappedPicklist(bynder, withQuery(lists.users, { includeInActive: 1 }), (user) => {
      const name = fullName(user) || str(user.username);
      const email = str(user.email);
      const inactive = user.active === 0 || user.active === false || user.active === "0";
      const label = `${name}${email && email !== name ? ` (${email})` : ""}${inactive ? " (inactive)" : ""}`;
      return { key: str(user.id), label };
    }),
});

export const selectTag = picklist({
  label: "Select Tag",
  description: `Select a tag from the list of tags used in Bynder. ${capNote}`,
  inputs: { connection },
  example: examples.selectTag,
  read: (bynder) =>
    cappedPicklist(bynder, withQuery(lists.tags, { orderBy: "tag asc" }), (tag) => ({
      key: str(tag.id),
      label: str(tag.tag),
    })),
});

export const selectWorkflowUser = picklist({
  label: "Select Workflow User",
  description:
    "Select a workflow user: the ids campaigns and jobs take as responsible or accountable user.",
  inputs: { connection },
  example: examples.selectWorkflowUser,
  read: async (bynder) => {
    const users = await readAll(bynder, unpaged("workflow users", "/api/workflow/users/", "users"));
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
  read: (bynder, params) =>
    cappedPicklist(bynder, lists.options(String(params.metapropertyId)), (option) => ({
      key: str(option.id),
      label: str(option.label) || str(option.displayLabel) || str(option.name),
    })),
});

/**
 * Webhook configurations (at most ten per portal, one list call). Self-contained: it needs the
 * webhooks.config:read scope, checked before the call, and reads the list the configuration
 * actions use.
 */
export const selectWebhookConfiguration = dataSource({
  display: {
    label: "Select Webhook Configuration",
    description:
      "Select a webhook configuration of the portal, by name and endpoint. Needs the webhooks.config:read scope.",
  },
  dataSourceType: "picklist",
  inputs: { connection },
  examplePayload: { result: webhookExamples.selectWebhookConfiguration },
  perform: async (context: DataSourceContext, params) => {
    const { connection } = params;
    requireWebhookScopes(connection, "Select Webhook Configuration", [WEBHOOK_SCOPES[0]]);
    const bynder = createBynderClient(connection, { logger: context.logger });
    const all = await withWebhookHints(connection, () => listConfigurations(bynder));
    return {
      result: sortByLabel(
        (all ?? []).map((c) => ({
          key: c.id,
          label: [str(c.name) || c.id, str(c.endpoint) && `(${str(c.endpoint)})`]
            .filter(Boolean)
            .join(" "),
        })),
      ),
    };
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
  selectWebhookConfiguration,
};
