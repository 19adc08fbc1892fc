/** Metaproperties, their options, and the options set on an asset. */
import { InputError, lists, path, readAll, withQuery } from "../client";
import {
  created,
  createdOption,
  metaproperties,
  metaproperty,
  metapropertyOptions,
} from "../examplePayloads/metaproperties";
import { assetIdInput } from "../inputs/assets";
import {
  booleanInput,
  connection,
  dataInput,
  fetchAll,
  limitInput,
  page,
  textInput,
} from "../inputs/common";
import {
  assetTypeList,
  metapropertyId,
  metapropertyIds,
  metapropertyOptionId,
  metapropertyOptionsIds,
  optionLabel,
  optionName,
} from "../inputs/metaproperties";
import { bynderAction } from "./bynderAction";

/** Bynder's page size limit for option lists. */
const OPTIONS_PAGE_MAX = 1000;

export const listMetaproperties = bynderAction({
  display: { label: "List Metaproperties", description: "Retrieve all metaproperties." },
  inputs: {
    count: booleanInput(
      "Count",
      "Add to each option the number of assets that have it (mediaCount).",
    ),
    type: assetTypeList,
    options: booleanInput(
      "Format",
      "Bynder's `options` parameter: whether each metaproperty comes with its list of options. Bynder's default is true; turn it off for a lighter response with the metaproperties only.",
      true,
    ),
    ids: metapropertyIds,
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: metaproperties },
  run: (bynder, { count, type, options, ids }) =>
    bynder.get<typeof metaproperties>(path`/api/v4/metaproperties/`, {
      count: count || undefined,
      type: type.length ? type : undefined,
      options,
      ids: ids.length ? ids : undefined,
    }),
});

export const getMetaproperty = bynderAction({
  display: {
    label: "Get Metaproperty",
    description: "Retrieve one metaproperty with its options",
  },
  inputs: { metapropertyId, connection },
  performSafety: "safe",
  examplePayload: { data: metaproperty },
  run: (bynder, { metapropertyId }) =>
    bynder.get<typeof metaproperty>(path`/api/v4/metaproperties/${metapropertyId}/`, {}, "object"),
});

export const listMetapropertyOptions = bynderAction({
  display: {
    label: "List Metaproperty Options",
    description: "Retrieve the options of a metaproperty, optionally filtered by name",
  },
  inputs: {
    metapropertyId,
    name: textInput("Name", "Only options whose name contains this text.", "Amsterdam"),
    externalReference: textInput(
      "External Reference",
      "Only the option with this external reference (an id from another system).",
      "CRM-1042",
    ),
    fetchAll,
    limit: limitInput(OPTIONS_PAGE_MAX, "Options per page, at most 1000. Bynder's default is 50."),
    page,
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: metapropertyOptions },
  run: async (bynder, { metapropertyId, name, externalReference, fetchAll, limit, page }) => {
    const url = path`/api/v4/metaproperties/${metapropertyId}/options/`;
    const filters = { name, externalReference };
    if (!fetchAll) {
      return bynder.get<typeof metapropertyOptions>(url, { ...filters, limit, page });
    }
    type Option = (typeof metapropertyOptions)[number];
    return readAll<Option>(bynder, withQuery(lists.options(metapropertyId), filters));
  },
});

export const createMetapropertyOption = bynderAction({
  display: {
    label: "Create Metaproperty Option",
    description: "Add an option to a metaproperty; returns the new option's ID",
  },
  inputs: {
    metapropertyId,
    name: optionName,
    label: optionLabel,
    bodyData: dataInput(
      "Other option fields, e.g. labels (per locale), zindex (position), externalReference, isSelectable, description.",
      {
        labels: { en_US: "Amsterdam", nl_NL: "Amsterdam" },
        zindex: 4,
        externalReference: "CRM-1042",
      },
    ),
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: createdOption },
  run: (bynder, { metapropertyId, name, label, bodyData }) =>
    bynder.postForm<typeof createdOption>(path`/api/v4/metaproperties/${metapropertyId}/options/`, {
      data: { ...bodyData, name, label },
    }),
});

export const updateMetapropertyOption = bynderAction({
  display: {
    label: "Update Metaproperty Option",
    description:
      "Change an option's label or other fields (Bynder does not allow renaming an option)",
  },
  inputs: {
    metapropertyId,
    optionId: metapropertyOptionId,
    label: optionLabel,
    bodyData: dataInput(
      "Fields to change, e.g. labels (per locale), zindex, externalReference, isSelectable. The name cannot be changed.",
      { labels: { nl_NL: "Amsterdam (NL)" }, zindex: 2 },
    ),
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: created },
  run: (bynder, { metapropertyId, optionId, label, bodyData }) => {
    const data = { ...bodyData, ...(label === undefined ? {} : { label }) };
    if (Object.keys(data).length === 0) {
      throw new InputError("Label or Data is required: give at least one field to change.");
    }
    return bynder.postForm<typeof created>(
      path`/api/v4/metaproperties/${metapropertyId}/options/${optionId}/`,
      { data },
    );
  },
});

export const deleteMetapropertyOption = bynderAction({
  display: {
    label: "Delete Metaproperty Option",
    description: "Delete an option of a metaproperty; assets that had it lose it",
  },
  inputs: { metapropertyId, optionId: metapropertyOptionId, connection },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: (bynder, { metapropertyId, optionId }) =>
    bynder.delete<string>(path`/api/v4/metaproperties/${metapropertyId}/options/${optionId}/`),
});

/** /api/media/options (not under /v4) takes JSON, for adding and removing alike. */
const assetOptionsBody = (asset: string, metaproperty: string, options: string[]) => ({
  asset_id: asset,
  metaproperty_id: metaproperty,
  metaproperty_option_ids: options,
});

export const addAssetMetapropertyOptions = bynderAction({
  display: {
    label: "Add Asset Metaproperty Options",
    description: "Add metaproperty options to an asset",
  },
  inputs: {
    assetId: assetIdInput,
    metapropertyId: {
      ...metapropertyId,
      comments: "The ID of the metaproperty whose options you want to add to the asset.",
    },
    metapropertyOptionsIds: metapropertyOptionsIds(
      "Option IDs of that metaproperty to add to the asset. Options the asset already has stay; for a single-select metaproperty the new option replaces the current one.",
    ),
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: created },
  run: (bynder, { assetId, metapropertyId, metapropertyOptionsIds }) =>
    bynder.postJson<typeof created>(
      path`/api/media/options/`,
      assetOptionsBody(assetId, metapropertyId, metapropertyOptionsIds),
    ),
});

export const deleteAssetMetapropertyOptions = bynderAction({
  display: {
    label: "Delete Asset Metaproperty Options",
    description: "Remove metaproperty options from an asset",
  },
  inputs: {
    assetId: assetIdInput,
    metapropertyId: {
      ...metapropertyId,
      comments: "The ID of the metaproperty whose options you want to remove from the asset.",
    },
    metapropertyOptionsIds: metapropertyOptionsIds(
      "Option IDs of that metaproperty to remove from the asset. The options themselves stay in the metaproperty.",
    ),
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: (bynder, { assetId, metapropertyId, metapropertyOptionsIds }) =>
    bynder.delete<string>(
      path`/api/media/options/`,
      undefined,
      assetOptionsBody(assetId, metapropertyId, metapropertyOptionsIds),
    ),
});

export const metapropertyActions = {
  listMetaproperties,
  getMetaproperty,
  listMetapropertyOptions,
  createMetapropertyOption,
  updateMetapropertyOption,
  deleteMetapropertyOption,
  addAssetMetapropertyOptions,
  deleteAssetMetapropertyOptions,
};
