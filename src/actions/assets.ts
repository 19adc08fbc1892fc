/**
 * Assets (asset bank v4): get, list, search, modify, delete, download, Dynamic Asset
 * Transformation, tags and the trash. Facts: bynder-api.md §4.1, §7, §8.
 */
import {
  BynderError,
  definedFields,
  InputError,
  lists,
  metapropertyFields,
  path,
  readAll,
  withQuery,
  responseLimits,
  sizeText,
  type BynderClient,
  type Fields,
  type V4Message,
} from "../client";
import {
  asset,
  assetList,
  deletedAssets,
  downloadedFile,
  downloadUrl,
  mediaWithTotal,
  tagList,
  transformedImage,
  v4Accepted,
  v4Created,
} from "../examplePayloads/assets";
import {
  assetCopyright,
  assetData,
  assetDescription,
  assetId,
  assetIds,
  assetName,
  assetTypes,
  brandId,
  collectionId,
  dateModifiedAfter,
  deletedSince,
  focuspoint,
  format,
  hash,
  io,
  itemId,
  keyword,
  mediaCount,
  mediaLimit,
  mediaOrderBy,
  mediaTotal,
  minCount,
  propertyOptionIds,
  quality,
  stats,
  tag,
  tagKeyword,
  tagOrderBy,
  tags,
  tagsLimit,
  transformName,
  trashLimit,
  version,
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

// --- Downloads --------------------------------------------------------------------------------

interface DownloadLocation {
  s3_file: string;
  disclaimer?: string;
}

const downloadLocation = (bynder: BynderClient, id: string, version?: number) =>
  bynder.get<DownloadLocation>(
    version === undefined
      ? path`/api/v4/media/${id}/download/`
      : path`/api/v4/media/${id}/${version}/download/`,
    {},
    "object",
  );

export const downloadSpecificAssetItem = bynderAction({
  display: {
    label: "Download Specific Asset Item",
    description:
      "Get a temporary download URL (s3_file) for one file of an asset: a version of its original or an additional file",
  },
  inputs: { id: assetId("Asset ID", "The asset the file belongs to."), itemId, hash, connection },
  performSafety: "safe",
  examplePayload: { data: downloadUrl },
  run: (bynder, { id, itemId, hash }) =>
    bynder.get<DownloadLocation>(
      path`/api/v4/media/${id}/download/${itemId}/`,
      definedFields({ hash: hash || undefined }),
      "object",
    ),
});

export const getAssetDownloadUrl = bynderAction({
  display: {
    label: "Get Asset Download URL",
    description:
      "Get a temporary download URL (s3_file) for an asset's original, or for one version of it",
  },
  inputs: { id: assetId("Asset ID", "The asset to download."), version, connection },
  performSafety: "safe",
  examplePayload: { data: downloadUrl },
  run: (bynder, { id, version }) => downloadLocation(bynder, id, version),
});

const fileNameOf = (url: string, disposition?: string): string => {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through to the plain filename */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? "");
  if (plain) return plain[1];
  try {
    const last = new URL(url).pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last) : "download";
  } catch {
    return "download";
  }
};

const dispositionOf = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** Downloads are read into memory up to the client's file limit (a larger one fails clearly). */
const FILE_LIMIT = sizeText(responseLimits.fileBytes);
/** axios gives a Buffer in Node: use it as is rather than copying a large file once more. */
const asBuffer = (data: ArrayBuffer | Buffer) => (Buffer.isBuffer(data) ? data : Buffer.from(data));

/**
 * Returns the file as binary: `data` is the bytes, `contentType` the file's type, and
 * `headers["Content-Disposition"]` carries the file name (`attachment; filename="…"`), so a
 * next step can save or upload it, or a synchronous flow can return it as a download.
 */
export const downloadAsset = bynderAction({
  display: {
    label: "Download Asset",
    important: true,
    description: `Download the file of an asset's original (or of one version): the bytes, their content type, and the file name in a Content-Disposition header. The file is held in memory, so files up to ${FILE_LIMIT} are read; a larger one fails with an error that says so (use Get Asset Download URL for it).`,
  },
  inputs: { id: assetId("Asset ID", "The asset to download."), version, connection },
  performSafety: "safe",
  examplePayload: downloadedFile,
  runResult: async (bynder, { id, version }) => {
    const { s3_file: url } = await downloadLocation(bynder, id, version);
    if (typeof url !== "string" || !url) {
      throw new BynderError(`Bynder gave no download URL for asset ${id}.`);
    }
    // The signed URL is its own credential: the Bynder token never goes with it.
    const response = await bynder.external<ArrayBuffer>(url, {
      method: "GET",
      responseType: "arraybuffer",
      what: "Bynder download URL",
    });
    const data = asBuffer(response.data);
    const fileName = fileNameOf(url, response.headers["content-disposition"]);
    return {
      data,
      contentType: response.headers["content-type"] || "application/octet-stream",
      headers: { "Content-Disposition": dispositionOf(fileName) },
    };
  },
});

// --- Dynamic Asset Transformation -------------------------------------------------------------

/**
 * Builds the URL from the asset's `transformBaseUrl` (Bynder's documented way: the DAT path id is
 * not the asset id, and the host may be a custom CDN domain). On the portal's own host the request
 * goes through the client with the token; on any other host it goes without it.
 */
export const generateDynamicTransformation = bynderAction({
  display: {
    label: "Generate Dynamic Asset Transformation",
    description: `Generate a derivative on the fly with a transformation (such as cropping, scaling, filling) applied to it. Returns the image bytes and their content type; images up to ${FILE_LIMIT} (held in memory).`,
  },
  inputs: {
    id: assetId("ID", "The asset to transform (an image)."),
    name: transformName,
    io,
    focuspoint,
    format,
    quality,
    connection,
  },
  performSafety: "safe",
  examplePayload: transformedImage,
  runResult: async (bynder, { id, name, io, focuspoint, format, quality }) => {
    const media = await bynder.get<{ transformBaseUrl?: string }>(
      path`/api/v4/media/${id}/`,
      {},
      "object",
    );
    if (typeof media.transformBaseUrl !== "string" || !media.transformBaseUrl) {
      throw new BynderError(
        `Asset ${id} has no transformBaseUrl: Dynamic Asset Transformation is not enabled for it (or for the portal).`,
      );
    }
    let url: URL;
    try {
      url = new URL(media.transformBaseUrl);
    } catch {
      throw new BynderError(
        `Asset ${id} has an invalid transformBaseUrl: "${media.transformBaseUrl}".`,
      );
    }
    if (name) {
      const segments = url.pathname.split("/");
      segments[segments.length - 1] = encodeURIComponent(name);
      url.pathname = segments.join("/");
    }
    for (const operation of io) url.searchParams.append("io", operation);
    if (focuspoint) url.searchParams.set("focuspoint", focuspoint);
    if (format) url.searchParams.set("format", format);
    if (quality !== undefined) url.searchParams.set("quality", String(quality));

    const response = bynder.isPortalUrl(url.toString())
      ? await bynder.request<ArrayBuffer>({
          method: "GET",
          path: `${url.pathname}${url.search}`,
          responseType: "arraybuffer",
          headers: { Accept: "image/*" },
        })
      : await bynder.external<ArrayBuffer>(url.toString(), {
          method: "GET",
          responseType: "arraybuffer",
          what: "transformBaseUrl",
        });
    return {
      data: asBuffer(response.data),
      contentType: response.headers["content-type"] || "application/octet-stream",
    };
  },
});

// --- Tags -------------------------------------------------------------------------------------

interface TagRecord {
  id: string;
  tag: string;
  mediaCount: number;
}

export const listTags = bynderAction({
  display: {
    label: "List Tags",
    description: "Retrieve tags with the number of assets that carry each (id, tag, mediaCount)",
  },
  inputs: {
    keyword: tagKeyword,
    orderBy: tagOrderBy,
    mincount: minCount,
    fetchAll,
    limit: tagsLimit,
    page,
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: tagList },
  run: (bynder, { keyword, orderBy, mincount, fetchAll, limit, page }) => {
    const query = definedFields({ keyword, orderBy, mincount });
    if (!fetchAll) {
      return bynder.get<TagRecord[]>(path`/api/v4/tags/`, {
        ...query,
        ...definedFields({ limit, page }),
      });
    }
    return readAll<TagRecord>(bynder, withQuery(lists.tags, query));
  },
});

/** The tag's id: given, or looked up by name (exact, ignoring case). */
const tagIdOf = async (bynder: BynderClient, tag: { id: string } | { name: string }) => {
  if ("id" in tag) return tag.id;
  const wanted = tag.name.toLowerCase();
  const candidates = await readAll<TagRecord>(
    bynder,
    withQuery(lists.tags, { keyword: tag.name }),
    {
      maxPages: 10,
    },
  );
  const found = candidates.find((t) => t.tag.toLowerCase() === wanted);
  if (!found) {
    throw new InputError(
      `Tag: Bynder has no tag named "${tag.name}". Give an existing tag (or its id); to give assets a new tag, use Update Asset with tags in Data.`,
    );
  }
  return found.id;
};

export const addTagToAssets = bynderAction({
  display: { label: "Add Tag To Assets", description: "Give assets a tag (by tag id or name)" },
  inputs: { tag, assetIds, connection },
  performSafety: "notAllowed",
  examplePayload: { data: v4Created },
  run: async (bynder, { tag, assetIds }) => {
    const tagId = await tagIdOf(bynder, tag);
    return bynder.postForm<V4Message>(path`/api/v4/tags/${tagId}/media/`, {
      data: JSON.stringify(assetIds),
    });
  },
});

export const removeTagFromAssets = bynderAction({
  display: {
    label: "Remove Tag From Assets",
    description: "Take a tag (by tag id or name) off assets",
  },
  inputs: { tag, assetIds, connection },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: async (bynder, { tag, assetIds }) => {
    const tagId = await tagIdOf(bynder, tag);
    return bynder.delete<string>(path`/api/v4/tags/${tagId}/media/`, { deleteIds: assetIds });
  },
});

export const assetActions = {
  getAsset,
  listAssets,
  searchAssets,
  updateAsset,
  deleteAsset,
  listDeletedAssets,
  downloadSpecificAssetItem,
  getAssetDownloadUrl,
  downloadAsset,
  generateDynamicTransformation,
  listTags,
  addTagToAssets,
  removeTagFromAssets,
};
