/**
 * Assets (asset bank v4): get, list, search, modify, delete, download, Dynamic Asset
 * Transformation, tags and the trash. Facts: bynder-api.md §4.1, §7, §8.
 */
import {
  definedFields,
  InputError,
  lists,
  metapropertyFields,
  path,
  readAll,
  withQuery,
  type BynderClient,
  type Fields,
  type V4Message,
} from "../client";
import {
  asset,
  assetList,
  deletedAssets,
  mediaWithTotal,
  v4Accepted,
} from "../examplePayloads/assets";
import {
  assetCopyright,
  assetData,
  assetDescription,
  assetId,
  assetName,
  assetTypes,
  brandId,
  collectionId,
  dateModifiedAfter,
  deletedSince,
  keyword,
  mediaCount,
  mediaLimit,
  mediaOrderBy,
  mediaTotal,
  propertyOptionIds,
  stats,
  tags,
  trashLimit,
  versions,
} from "../inputs/assets";
import { connection, extraParams, fetchAll, page } from "../inputs/common";
import { bynderAction } from "./bynderAction";

type Media = typeof asset;
interface MediaWithTotal {
  media: Media[];
  total: { count: number };
}

/** Every page of a media query (1,000 a page, Bynder's maximum), eight pages at a time. */
const allMedia = async (bynder: BynderClient, query: Fields): Promise<MediaWithTotal> => {
  const media = await readAll<Media>(bynder, withQuery(lists.media, { ...query, total: 1 }), {
    concurrency: 8,
  });
  return { media, total: { count: media.length } };
};

// --- Get, list, search ------------------------------------------------------------------------

export const getAsset = bynderAction({
  display: { label: "Get Asset", important: true, description: "Retrieve a specific asset" },
  inputs: {
    id: assetId("ID", "The ID of the asset to retrieve."),
    versions,
    stats,
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: asset },
  run: (bynder, { id, versions, stats }) =>
    bynder.get<Media>(
      path`/api/v4/media/${id}/`,
      definedFields({ versions: versions || undefined, stats: stats || undefined }),
      "object",
    ),
});

export const listAssets = bynderAction({
  display: {
    label: "List Assets",
    important: true,
    description:
      "Retrieve assets. Without Fetch All this is Bynder's response: a list, { media, total } with Total, or { media, count } with Count. With Fetch All it is { media, total: { count } } holding every matching asset, read 1000 at a time; Extra Parameters (e.g. keyword, brandId, dateModified, orderBy) narrow it.",
  },
  inputs: {
    page,
    limit: mediaLimit,
    count: mediaCount,
    total: mediaTotal,
    fetchAll,
    extraParams,
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: assetList },
  run: (bynder, { page, limit, count, total, fetchAll, extraParams }) =>
    fetchAll
      ? allMedia(bynder, extraParams)
      : bynder.get<Media[] | MediaWithTotal | Record<string, unknown>>(path`/api/v4/media/`, {
          ...extraParams,
          ...definedFields({ page, limit, count: count || undefined, total: total || undefined }),
        }),
});

export const searchAssets = bynderAction({
  display: {
    label: "Search Assets",
    important: true,
    description:
      "Find assets by keyword, brand, collection, tags, type, metaproperty options and modification date. Returns { media, total: { count } }: one page, or every match with Fetch All.",
  },
  inputs: {
    keyword,
    brandId,
    collectionId,
    tags,
    type: assetTypes,
    propertyOptionId: propertyOptionIds,
    dateModified: dateModifiedAfter,
    orderBy: mediaOrderBy,
    fetchAll,
    limit: mediaLimit,
    page,
    extraParams,
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: mediaWithTotal },
  run: (bynder, inputs) => {
    const query: Fields = {
      ...inputs.extraParams,
      ...definedFields({
        keyword: inputs.keyword,
        brandId: inputs.brandId,
        collectionId: inputs.collectionId,
        tags: inputs.tags.length ? inputs.tags : undefined,
        type: inputs.type.length ? inputs.type : undefined,
        propertyOptionId: inputs.propertyOptionId.length ? inputs.propertyOptionId : undefined,
        dateModified: inputs.dateModified,
        orderBy: inputs.orderBy,
      }),
    };
    if (inputs.fetchAll) return allMedia(bynder, query);
    return bynder.get<MediaWithTotal>(path`/api/v4/media/`, {
      ...query,
      ...definedFields({ page: inputs.page, limit: inputs.limit }),
      total: 1,
    });
  },
});

// --- Modify, delete ---------------------------------------------------------------------------

export const updateAsset = bynderAction({
  display: { label: "Update Asset", important: true, description: "Edit an existing asset" },
  inputs: {
    id: assetId("ID", "The ID of the asset to update."),
    name: assetName,
    description: assetDescription,
    copyright: assetCopyright,
    bodyData: assetData,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: v4Accepted },
  run: (bynder, { id, name, description, copyright, bodyData }) => {
    // "metaproperty": {id: options} becomes Bynder's metaproperty.<id>=<csv> form fields.
    const { metaproperty, ...rest } = bodyData;
    const form: Fields = {
      ...rest,
      ...metapropertyFields((metaproperty ?? {}) as Record<string, string[] | string>),
      ...definedFields({ name, description, copyright }),
    };
    if (Object.keys(form).length === 0) {
      throw new InputError(
        "Update Asset: nothing to change. Fill in Name, Description, Copyright or Data.",
      );
    }
    return bynder.postForm<V4Message>(path`/api/v4/media/${id}/`, form);
  },
});

export const deleteAsset = bynderAction({
  display: {
    label: "Delete Asset",
    description: "Delete an existing asset (it stays in Bynder's trash for 30 days)",
  },
  inputs: { id: assetId("ID", "The ID of the asset to delete."), connection },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: (bynder, { id }) => bynder.delete<string>(path`/api/v4/media/${id}/`),
});

export const listDeletedAssets = bynderAction({
  display: {
    label: "List Deleted Assets",
    description:
      "Assets removed in the last 30 days (Bynder's trash), most recent first, optionally only those removed since a moment.",
  },
  inputs: { dateRemoved: deletedSince, fetchAll, limit: trashLimit, page, connection },
  performSafety: "safe",
  examplePayload: { data: deletedAssets },
  run: async (bynder, { dateRemoved, fetchAll, limit, page }) => {
    type Deleted = (typeof deletedAssets)[number];
    const query = definedFields({ dateRemoved, field: "media.dateRemoved", order: "desc" });
    if (!fetchAll) {
      return bynder.get<Deleted[]>(path`/api/trash/media/`, {
        ...query,
        ...definedFields({ limit, page }),
      });
    }
    return readAll<Deleted>(bynder, withQuery(lists.trash, { dateRemoved }));
  },
});

export const assetActions = {
  getAsset,
  listAssets,
  searchAssets,
  updateAsset,
  deleteAsset,
  listDeletedAssets,
};
