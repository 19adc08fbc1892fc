/** Collections (asset bank v4) and the assets in them. */
import {
  definedFields,
  InputError,
  lists,
  path,
  readAll,
  withQuery,
  type Fields,
  type V4Message,
} from "../client";
import {
  collection,
  collectionAssetIds,
  collectionList,
  createdCollection,
  v4Accepted,
  v4Created,
  v4SharedAccepted,
} from "../examplePayloads/collections";
import { assetIds } from "../inputs/assets";
import {
  collectionDescription,
  collectionId,
  collectionName,
  collectionOptions,
  collectionsLimit,
  count,
  groups,
  isPublic,
  profiles,
  recipients,
  shareData,
  thumbnailAssetId,
} from "../inputs/collections";
import { connection, extraParams, fetchAll, page } from "../inputs/common";
import { bynderAction } from "./bynderAction";

type Collection = typeof collection;

/** The last path segment of a Location header (absolute or relative URL). */
const idFromLocation = (location: string | undefined, origin: string): string | null => {
  if (!location) return null;
  try {
    const segments = new URL(location, origin).pathname.split("/").filter(Boolean);
    return segments.length ? decodeURIComponent(segments[segments.length - 1]) : null;
  } catch {
    return null;
  }
};

export const createCollection = bynderAction({
  display: {
    label: "Create Collection",
    important: true,
    description:
      "Create a new collection. Bynder answers with a message and no id; the new collection's id is read from the Location header Bynder sends and returned as `id` beside Bynder's body.",
  },
  inputs: {
    name: collectionName(true),
    description: collectionDescription("The description of the new collection."),
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: createdCollection },
  run: async (bynder, { name, description }) => {
    const response = await bynder.request<V4Message>({
      method: "POST",
      path: path`/api/v4/collections/`,
      form: { name, description },
    });
    return { ...response.data, id: idFromLocation(response.headers.location, bynder.origin) };
  },
});

export const getCollection = bynderAction({
  display: { label: "Get Collection", description: "Retrieve a specific collection" },
  inputs: { id: collectionId("The ID of the collection to retrieve."), connection },
  performSafety: "safe",
  examplePayload: { data: collection },
  run: (bynder, { id }) => bynder.get<Collection>(path`/api/v4/collections/${id}/`, {}, "object"),
});

interface CountedCollections {
  collections: Collection[];
  count: number;
}

export const listCollections = bynderAction({
  display: {
    label: "List Collections",
    description:
      "Retrieve collections. Without Fetch All this is Bynder's response: a list, or { collections, count } when Count is on. With Fetch All it is { collections, count } holding every collection, read 1000 at a time.",
  },
  inputs: {
    page,
    limit: collectionsLimit,
    count,
    fetchAll,
    extraParams,
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: collectionList },
  run: async (
    bynder,
    { page, limit, count, fetchAll, extraParams },
  ): Promise<Collection[] | CountedCollections> => {
    const url = path`/api/v4/collections/`;
    if (!fetchAll) {
      return bynder.get(url, {
        ...extraParams,
        ...definedFields({ page, limit, count: count || undefined }),
      });
    }
    const query = { ...extraParams, count: true };
    const all = await readAll<Collection>(bynder, withQuery(lists.collections, query));
    return { collections: all, count: all.length };
  },
});

export const updateCollection = bynderAction({
  display: { label: "Update Collection", description: "Edit an existing collection" },
  inputs: {
    id: collectionId("The ID of the collection to update."),
    name: collectionName(false),
    description: collectionDescription(
      "A new description for the collection. Leave empty to keep the current one.",
    ),
    // No default on Is Public (see its definition): nothing is sent unless the user sets it.
    isPublic,
    thumbnailAssetId,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: v4Created },
  run: (bynder, { id, name, description, isPublic, thumbnailAssetId }) =>
    bynder.postForm<V4Message>(path`/api/v4/collections/${id}/`, {
      name,
      description,
      isPublic,
      thumbnailAssetId,
    }),
});

export const deleteCollection = bynderAction({
  display: { label: "Delete Collection", description: "Delete an existing collection" },
  inputs: { id: collectionId("The ID of the collection to delete."), connection },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: (bynder, { id }) => bynder.delete<string>(path`/api/v4/collections/${id}/`),
});

const hasEntries = (value: unknown) =>
  Array.isArray(value)
    ? value.length > 0
    : value !== undefined && value !== null && String(value).trim() !== "";

export const shareCollection = bynderAction({
  display: { label: "Share Collection", description: "Share a collection" },
  inputs: {
    id: collectionId("The ID of the collection to share."),
    collectionOptions,
    recipients,
    groups,
    profiles,
    bodyData: shareData,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: v4SharedAccepted },
  run: (bynder, { id, collectionOptions, recipients, groups, profiles, bodyData }) => {
    // As in the incumbent, Data is merged last and may override the named inputs.
    const form: Fields = {
      collectionOptions,
      recipients: recipients.length ? recipients : undefined,
      groups: groups.length ? groups : undefined,
      profiles: profiles.length ? profiles : undefined,
      ...bodyData,
    };
    if (!["recipients", "groups", "profiles"].some((key) => hasEntries(form[key]))) {
      throw new InputError(
        "Recipients, Groups or Profiles: give at least one email address, group id or profile id to share with.",
      );
    }
    return bynder.postForm<V4Message>(path`/api/v4/collections/${id}/share/`, form);
  },
});

export const listCollectionAssets = bynderAction({
  display: {
    label: "List Collection Assets",
    description: "Retrieve the ids of the assets in a collection",
  },
  inputs: { id: collectionId("The ID of the collection whose assets to list."), connection },
  performSafety: "safe",
  examplePayload: { data: collectionAssetIds },
  run: (bynder, { id }) => bynder.get<string[]>(path`/api/v4/collections/${id}/media/`),
});

export const addAssetsToCollection = bynderAction({
  display: {
    label: "Add Assets To Collection",
    important: true,
    description: "Add assets to a collection",
  },
  inputs: {
    id: collectionId("The ID of the collection to add the assets to."),
    assetIds,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: v4Accepted },
  run: (bynder, { id, assetIds }) =>
    // Bynder takes the ids as a JSON array in the form field `data`.
    bynder.postForm<V4Message>(path`/api/v4/collections/${id}/media/`, {
      data: JSON.stringify(assetIds),
    }),
});

export const removeAssetsFromCollection = bynderAction({
  display: {
    label: "Remove Assets From Collection",
    description: "Remove assets from a collection (the assets themselves are kept)",
  },
  inputs: {
    id: collectionId("The ID of the collection to remove the assets from."),
    assetIds,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: (bynder, { id, assetIds }) =>
    bynder.delete<string>(path`/api/v4/collections/${id}/media/`, { deleteIds: assetIds }),
});

export const collectionActions = {
  createCollection,
  getCollection,
  listCollections,
  updateCollection,
  deleteCollection,
  shareCollection,
  listCollectionAssets,
  addAssetsToCollection,
  removeAssetsFromCollection,
};
