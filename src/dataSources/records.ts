/**
 * Picklists of the portal's records (assets, brands, campaigns, collections, jobs, users, …) and
 * of its webhook configurations. How they read and sort is in `picklist.ts`.
 */
import { dataSource, input, type DataSourceContext, type Element } from "@prismatic-io/spectral";
import { createBynderClient, lists, readAll, withQuery } from "../client";
import { requiredId } from "../inputs/clean";
import { connection, CF_EXAMPLE } from "../inputs/common";
import {
  listConfigurations,
  requireWebhookScopes,
  WEBHOOK_SCOPES,
  withWebhookHints,
} from "../client/webhookConfigurations";
import * as examples from "../examplePayloads/dataSources";
import * as webhookExamples from "../examplePayloads/webhooks";
import {
  PICKLIST_CAP,
  str,
  sortByLabel,
  cappedPicklist,
  unpaged,
  picklist,
  type BynderRecord,
} from "./picklist";

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

export const recordPicklists = {
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
