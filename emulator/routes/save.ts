/**
 * Saving an upload: an import (a finalised legacy upload, or a finalised `/v7` file id) becomes a
 * new asset or a new version of one; a legacy upload's chunks, or a `/v7` file, become an
 * additional file. Each import is saved once.
 */
import { crc32 } from "node:zlib";
import { route, type Handler, type Route } from "../context";
import { assetTypeOf, contentTypeOf } from "../fileTypes";
import { formOnly, json, v4Error, type EmulatorRequest, type EmulatorResponse } from "../http";
import { addMediaItem, createMedia, mediaNotFound } from "../media";
import { thumbnailUrl } from "../mediaJson";
import type { Media, MediaItem, Portal } from "../portal";
import { signedDownloadUrl } from "../downloads";
import { checkTarget, type Import } from "../uploads";

const SCOPE = "asset:write";
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ACCESS_TYPES = ["upload", "edit", "export", "shutterstock", "stock"];

const hasDerivatives = (fileName: string) => assetTypeOf(fileName) === "image";

/**
 * `mediaitems` of a save answer: the file's S3 location (and, for images, its thumbnails'),
 * each with the URL it is served from.
 */
const mediaItems = (
  portal: Portal,
  req: EmulatorRequest,
  media: Media,
  item: MediaItem,
  targetId: string,
) => {
  const list = [
    {
      original: targetId,
      destination: signedDownloadUrl(portal, req.baseUrl, media, item),
    },
  ];
  if (hasDerivatives(item.file.fileName)) {
    const folder = targetId.replace(/[^/]*$/, "");
    for (const prefix of ["thul", "mini"]) {
      list.push({
        original: `${folder}${prefix}-${item.file.fileName}`,
        destination: thumbnailUrl(req.baseUrl, media, prefix),
      });
    }
  }
  return list;
};

/** Validates the save-as-new-asset form; the fields for the new media, or Bynder's error. */
const assetFields = (
  portal: Portal,
  req: EmulatorRequest,
  item: Import,
): NonNullable<Parameters<typeof createMedia>[1]> | EmulatorResponse => {
  const form = req.form;
  const brandId = (form.get("brandId") ?? form.get("brandid"))?.trim().toUpperCase();
  if (!brandId) return v4Error(400, "No brandid provided");
  const brand = portal.brands.find(
    (b) => b.id === brandId || b.subBrands.some((sub) => sub.id === brandId),
  );
  if (!brand) return v4Error(400, `Brand ${brandId} does not exist`);
  for (const key of ["ISOPublicationDate", "archiveDate", "watermarkDate"]) {
    const value = form.get(key)?.trim();
    if (value && (!ISO_8601.test(value) || Number.isNaN(Date.parse(value)))) {
      return v4Error(400, "Date format not ISO8601-compliant");
    }
  }
  const accessType = form.get("accessType");
  if (accessType && !ACCESS_TYPES.includes(accessType)) {
    return v4Error(400, `accessType must be one of ${ACCESS_TYPES.join(", ")}`);
  }
  const crc = form.get("crc32")?.trim();
  if (crc) {
    if (!/^-?\d+$/.test(crc)) return v4Error(400, "Invalid argument type for CRC32");
    const value = Number(crc);
    if (value < 0 || value > 0xffffffff) {
      return v4Error(400, "Invalid unsigned integer for CRC32");
    }
    if (value !== crc32(item.bytes.data)) {
      return v4Error(400, "CRC32 checksum does not match the uploaded file");
    }
  }
  const propertyOptions: string[] = [];
  for (const key of form.keys().filter((k) => k.startsWith("metaproperty."))) {
    const id = key.slice("metaproperty.".length);
    const metaproperty = portal.metaproperties.find((mp) => mp.id === id.toUpperCase());
    if (!metaproperty) return v4Error(400, `Metaproperty ${id} does not exist`);
    for (const optionId of form.list(key)) {
      const option = metaproperty.options.find((o) => o.id === optionId.toUpperCase());
      if (!option) {
        return v4Error(
          400,
          `Option ${optionId} does not belong to metaproperty ${metaproperty.name}`,
        );
      }
      propertyOptions.push(option.id);
    }
  }
  const publication = form.get("ISOPublicationDate")?.trim();
  const userId = req.auth?.userId;
  return {
    brandId: brand.id,
    subBrandId: brand.id === brandId ? "" : brandId,
    name: form.get("name")?.trim() || item.fileName.replace(/\.[^.]*$/, ""),
    description: form.get("description") ?? "",
    copyright: form.get("copyright") ?? "",
    tags: form.list("tags"),
    propertyOptions,
    isPublic: form.bool("isPublic") ? 1 : 0,
    datePublished: publication ? Date.parse(publication) : undefined,
    userCreated: userId ? portal.users.get(userId)?.username : undefined,
  };
};

const fileOf = (item: Import) => ({
  fileName: item.fileName,
  data: item.bytes.data,
  contentType: contentTypeOf(item.fileName),
});

/** The answer to a save: the media, the batch and where its files are served from. */
const saved = (
  portal: Portal,
  req: EmulatorRequest,
  media: Media,
  added: MediaItem,
  item: Import,
  extra: Record<string, unknown> = {},
) =>
  json(201, {
    mediaid: media.id,
    ...extra,
    batchId: item.batchId,
    success: true,
    mediaitems: mediaItems(portal, req, media, added, item.targetId),
  });

const saveNewAsset = (req: EmulatorRequest, portal: Portal, importId: string | undefined) => {
  const wrongType = formOnly(req);
  if (wrongType) return wrongType;
  const item = portal.uploads.readyImport(importId);
  if ("status" in item) return item;
  const fields = assetFields(portal, req, item);
  if ("status" in fields) return fields;
  const media = createMedia(portal, fields);
  const added = addMediaItem(portal, media, fileOf(item), "original");
  portal.uploads.consume(item, media.id);
  portal.webhooks.notify("asset_bank.media.create", { media_id: media.id });
  const response = saved(portal, req, media, added, item);
  if (req.form.bool("audit")) {
    (response.json as Record<string, unknown>).accessRequestId =
      req.form.get("accessRequestId") || portal.cfId();
  }
  return response;
};

const saveNewVersion = (
  req: EmulatorRequest,
  portal: Portal,
  mediaId: string,
  importId: string | undefined,
) => {
  const wrongType = formOnly(req);
  if (wrongType) return wrongType;
  const media = portal.media.get(mediaId.toUpperCase());
  if (!media) return mediaNotFound();
  const item = portal.uploads.readyImport(importId);
  if ("status" in item) return item;
  const added = addMediaItem(portal, media, fileOf(item), "original");
  portal.uploads.consume(item, media.id);
  portal.webhooks.notify("asset_bank.media.updated", { media_id: media.id });
  return saved(portal, req, media, added, item);
};

/**
 * Finalise-and-save as an additional file: a legacy upload id (with targetid, s3_filename and
 * chunks, like finalise), or a finalised v7 file id. Sources disagree on the answer (§9.5), so
 * it carries both `itemId` and `mediaid`.
 */
const saveAdditional = (
  req: EmulatorRequest,
  portal: Portal,
  mediaId: string,
  uploadId: string | undefined,
) => {
  const wrongType = formOnly(req);
  if (wrongType) return wrongType;
  const media = portal.media.get(mediaId.toUpperCase());
  if (!media) return mediaNotFound();
  if (!uploadId) return v4Error(400, "No upload id provided");
  const state = portal.uploads;
  let item: Import;
  const upload = state.uploads.get(uploadId);
  if (upload) {
    const badTarget = checkTarget(req.form, upload);
    if (badTarget) return badTarget;
    if (upload.importId || upload.savedAdditional) {
      return v4Error(400, "The upload is already finalised");
    }
    const bytes = state.assemble(upload, req.form);
    if ("status" in bytes) return bytes;
    item = state.newImport({
      kind: "s3",
      fileName: upload.fileName,
      bytes,
      uploadId,
      targetId: upload.targetId,
    });
    upload.savedAdditional = media.id;
  } else {
    const found = state.findImport(uploadId);
    if (!found || found.kind !== "files") return v4Error(404, "Upload doesn't exist");
    const ready = state.readyImport(uploadId);
    if ("status" in ready) return ready;
    item = ready;
  }
  const added = addMediaItem(portal, media, fileOf(item), "additional");
  state.consume(item, media.id);
  return saved(portal, req, media, added, item, { itemId: added.id });
};

const importIdOf = (req: EmulatorRequest) => req.form.get("importId") ?? req.form.get("importid");

const saveAssetById: Handler = (req, { portal }) => saveNewAsset(req, portal, req.params.importId);

/** The Java SDK saves a new version here, with the asset's id in the body. */
const saveByForm: Handler = (req, { portal }) => {
  const mediaId = req.form.get("id");
  return mediaId
    ? saveNewVersion(req, portal, mediaId, importIdOf(req))
    : saveNewAsset(req, portal, importIdOf(req));
};

const saveVersionById: Handler = (req, { portal }) =>
  saveNewVersion(req, portal, req.params.mediaId, req.params.importId);

const saveVersionByForm: Handler = (req, { portal }) =>
  saveNewVersion(req, portal, req.params.mediaId, importIdOf(req));

const saveAdditionalById: Handler = (req, { portal }) =>
  saveAdditional(req, portal, req.params.mediaId, req.params.uploadId);

const saveAdditionalByForm: Handler = (req, { portal }) =>
  saveAdditional(
    req,
    portal,
    req.params.mediaId,
    req.form.get("uploadId") ?? req.form.get("uploadid"),
  );

export const saveRoutes: Route[] = [
  route("POST", "/api/v4/media/save", SCOPE, saveByForm),
  route("POST", "/api/v4/media/save/:importId", SCOPE, saveAssetById),
  route("POST", "/api/v4/media/:mediaId/save", SCOPE, saveVersionByForm),
  route("POST", "/api/v4/media/:mediaId/save/:importId", SCOPE, saveVersionById),
  route("POST", "/api/v4/media/:mediaId/save/additional", SCOPE, saveAdditionalByForm),
  route("POST", "/api/v4/media/:mediaId/save/additional/:uploadId", SCOPE, saveAdditionalById),
];
