/** Asset downloads: signed download URLs, the file itself, and Dynamic Asset Transformations. */
import {
  BynderError,
  definedFields,
  path,
  responseLimits,
  sizeText,
  attachmentDisposition,
  fileNameFromDisposition,
  fileNameFromUrl,
  type BynderClient,
} from "../client";
import { downloadedFile, downloadUrl, transformedImage } from "../examplePayloads/assets";
import { assetId } from "../inputs/assets";
import {
  focuspoint,
  format,
  hash,
  io,
  itemId,
  quality,
  transformName,
  version,
} from "../inputs/downloads";
import { connection } from "../inputs/common";
import { bynderAction } from "./bynderAction";
import { quoted } from "../inputs/clean";
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
    const fileName =
      fileNameFromDisposition(response.headers["content-disposition"]) ??
      fileNameFromUrl(url) ??
      "download";
    return {
      data,
      contentType: response.headers["content-type"] || "application/octet-stream",
      headers: { "Content-Disposition": attachmentDisposition(fileName) },
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
        `Asset ${id} has an invalid transformBaseUrl: ${quoted(media.transformBaseUrl)}.`,
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

export const downloadActions = {
  downloadSpecificAssetItem,
  getAssetDownloadUrl,
  downloadAsset,
  generateDynamicTransformation,
};
