/**
 * Downloads: the download-location calls of /api/v4/media, and the signed file URLs they hand out
 * (`downloads.ts`), served from the emulator's download bucket without a bearer token.
 * Facts: bynder-api.md §4.1; openapi asset-download.
 */
import { route, type Handler, type Route } from "../context";
import { json, v4Error, type EmulatorRequest } from "../http";
import {
  DOWNLOAD_PATH,
  checkDownloadSignature,
  contentDisposition,
  downloadKey,
  signedDownloadUrl,
} from "../downloads";
import { activeOriginal, findMedia, mediaNotFound, itemHash, itemsOf } from "../media";
import type { Media, MediaItem, Portal } from "../portal";
import { s3Error } from "../s3";

const READ = "asset:read";

const downloadLocation = (req: EmulatorRequest, portal: Portal, media: Media, item: MediaItem) =>
  json(200, { s3_file: signedDownloadUrl(portal, req.baseUrl, media, item) });

const downloadByType: Handler = (req, { portal }) => {
  const media = findMedia(portal, req.params.id);
  if (!media) return mediaNotFound();
  const type = (req.query.get("type") ?? "original").trim() || "original";
  if (type !== "original" && type !== "additional") return v4Error(400, "Invalid type");
  const item =
    type === "original"
      ? activeOriginal(media)
      : itemsOf(media)
          .filter((i) => i.type === "additional")
          .pop();
  if (!item) {
    return v4Error(
      404,
      type === "original" ? "Original file not available" : "Additional file not available",
    );
  }
  return downloadLocation(req, portal, media, item);
};

const downloadItem: Handler = (req, { portal }) => {
  const media = findMedia(portal, req.params.id);
  if (!media) return mediaNotFound();
  const wanted = req.params.itemId.toLowerCase();
  const hashed = req.query.bool("hash") === true;
  const item = itemsOf(media).find((i) =>
    hashed ? itemHash(i) === wanted : i.id.toLowerCase() === wanted,
  );
  if (!item) return v4Error(404, "Media item not found");
  return downloadLocation(req, portal, media, item);
};

const downloadVersion: Handler = (req, { portal }) => {
  const media = findMedia(portal, req.params.id);
  if (!media) return mediaNotFound();
  const version = Number(req.params.version);
  const item = Number.isInteger(version)
    ? itemsOf(media).find((i) => i.type === "original" && i.version === version)
    : undefined;
  if (!item) return v4Error(404, `Version ${req.params.version} not found`);
  return downloadLocation(req, portal, media, item);
};
/** The signed file URL: no bearer token (S3 does not see it); the signature is the credential. */
const serveFile: Handler = (req, { portal }) => {
  const { mediaId, itemId, fileName } = req.params;
  const problem = checkDownloadSignature(portal, downloadKey(mediaId, itemId, fileName), req.query);
  if (problem) return s3Error(403, problem.code, problem.message);
  const media =
    portal.media.get(mediaId) ?? portal.trash.find((d) => d.media.id === mediaId)?.media;
  const item = media ? itemsOf(media).find((i) => i.id === itemId) : undefined;
  if (!media || !item || item.file.fileName !== fileName) {
    return s3Error(404, "NoSuchKey", "The specified key does not exist.");
  }
  if (req.method === "GET") media.downloads += 1;
  return {
    status: 200,
    body: item.file.data,
    contentType: item.file.contentType,
    headers: {
      "Content-Disposition": contentDisposition(item.file.fileName),
      "Cache-Control": "private, max-age=0",
    },
  };
};

export const downloadRoutes: Route[] = [
  route("GET", "/api/v4/media/:id/download", READ, downloadByType),
  route("GET", "/api/v4/media/:id/download/:itemId", READ, downloadItem),
  route("GET", "/api/v4/media/:id/:version/download", READ, downloadVersion),
  route("GET", `${DOWNLOAD_PATH}/:mediaId/:itemId/:fileName`, false, serveFile),
];
