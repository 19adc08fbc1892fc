/**
 * Uploads, both ways Bynder offers them.
 *
 * Legacy (every official SDK): `/api/upload/endpoint` names an S3 endpoint (the emulator's own
 * `/s3/<bucket>/` route), `/api/upload/init` hands out a signed POST policy, the chunks go to S3
 * as `<key>/p<n>` and are registered with `/api/v4/upload`, finalise assembles them into an import
 * that "processes" for `processingMs` (poll reports it in `itemsDone` afterwards), and the save
 * endpoints turn the import into a new asset, a new version, or (straight after the chunks) an
 * additional file.
 *
 * Files service (`/v7/file_cmds/upload`): prepare, raw chunks checked against `Content-SHA256`,
 * `finalise_api` checked against the whole file's size, chunk count and SHA-256; the save
 * endpoints take the `file_id` in place of an import id, with no processing wait.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { crc32 } from "node:zlib";
import { json, text, v4Error, type EmulatorRequest, type EmulatorResponse } from "../http";
import {
  addMediaItem,
  assetTypeOf,
  contentTypeOf,
  createMedia,
  extensionOf,
  signedDownloadUrl,
  thumbnailUrl,
} from "../media";
import type { Media, MediaItem, Portal } from "../portal";
import { route, type Route } from "../router";
import { Bytes } from "../bytes";
import { FakeS3, S3_BUCKET, createPostPolicy } from "../s3";
import type { BynderEmulator } from "../server";
import { sha256 } from "../util";

/** S3 refuses multipart parts under 5 MiB except the last (EntityTooSmall), so Bynder does too. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** How long an init's POST policy stays valid. */
export const POLICY_TTL_MS = 6 * 60 * 60 * 1000;
const SCOPE = "asset:write";

export interface LegacyUpload {
  uploadId: string;
  targetId: string;
  s3Filename: string;
  fileName: string;
  contentType: string;
  createdAt: number;
  /** chunk number → the S3 key it was registered with */
  registered: Map<number, string>;
  importId?: string;
  /** Saved straight away as an additional file (no import). */
  savedAdditional?: string;
}

export interface Import {
  id: string;
  batchId: string;
  kind: "s3" | "files";
  fileName: string;
  /** The file; a legacy upload's chunks are joined while it processes. */
  bytes: Bytes;
  readyAt: number;
  state: "processing" | "done" | "rejected";
  /** The legacy upload it came from, for idempotent finalise. */
  uploadId?: string;
  targetId: string;
  /** Set once saved: an import is turned into an asset only once. */
  savedAs?: string;
}

export interface FilesServiceUpload {
  fileId: string;
  createdAt: number;
  chunks: Map<number, Buffer>;
  importId?: string;
}

/** The upload side of one emulated portal: S3, legacy uploads, v7 uploads and imports. */
export interface UploadState {
  s3: FakeS3;
  uploads: Map<string, LegacyUpload>;
  files: Map<string, FilesServiceUpload>;
  imports: Map<string, Import>;
  /**
   * The portal's blocked extensions (an admin setting in Bynder): such uploads finish processing
   * in `itemsRejected`. Empty by default.
   */
  rejectedExtensions: Set<string>;
}

const states = new WeakMap<Portal, UploadState>();

/** The upload state of a portal, for tests (stored chunks, imports, the S3 POST log). */
export const uploadStateOf = (portal: Portal): UploadState => {
  let state = states.get(portal);
  if (!state) {
    state = {
      s3: new FakeS3(() => portal.now()),
      uploads: new Map(),
      files: new Map(),
      imports: new Map(),
      rejectedExtensions: new Set(),
    };
    states.set(portal, state);
  }
  return state;
};

const hasDerivatives = (fileName: string) => assetTypeOf(fileName) === "image";

/** Python's repr of a string, as Bynder's marshmallow-style 400 bodies show it. */
const pyRepr = (value: string) =>
  value.includes("'") && !value.includes('"')
    ? `"${value}"`
    : `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** v4 writes take a urlencoded form; an empty body is fine whatever its type. */
const formOnly = (req: EmulatorRequest): EmulatorResponse | undefined =>
  req.rawBody.length > 0 && !req.contentType.startsWith("application/x-www-form-urlencoded")
    ? v4Error(415, "Unsupported Media Type: send application/x-www-form-urlencoded")
    : undefined;

/** The register/finalise 500 body Bynder documents. */
const uploadFailure = (message: string, retry: 0 | 1) =>
  json(500, { message: `Could not complete upload: ${message}`, retry, success: false });

/** Bynder's upload ids are S3 multipart upload ids: opaque, URL-safe, with dots. */
const newUploadId = () =>
  randomBytes(72).toString("base64").replace(/\+/g, ".").replace(/\//g, "_").replace(/=+$/, "");

/** Errors of the newer services: JSON:API documents. */
const apiError = (status: number, detail: string): EmulatorResponse => ({
  status,
  contentType: "application/vnd.api+json",
  json: { errors: [{ status: String(status), title: STATUS_TITLES[status] ?? "Error", detail }] },
});
const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  409: "Conflict",
  415: "Unsupported Media Type",
};

const positiveInt = (value: string | undefined, min: number): number | undefined => {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= min ? number : undefined;
};

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ACCESS_TYPES = ["upload", "edit", "export", "shutterstock", "stock"];

export const uploadRoutes = (emulator: BynderEmulator): Route[] => {
  const portal = emulator.portal;
  const state = uploadStateOf(portal);

  /** An import finishes processing `processingMs` after it was created. */
  const refresh = (item: Import) => {
    if (item.state === "processing" && portal.now() >= item.readyAt) {
      const rejected = state.rejectedExtensions.has(extensionOf(item.fileName));
      item.state = rejected ? "rejected" : "done";
    }
    return item;
  };

  const newImport = (
    fields: Omit<Import, "id" | "batchId" | "state" | "readyAt">,
    wait: boolean,
  ) => {
    const item: Import = {
      ...fields,
      id: fields.kind === "files" ? fields.targetId : portal.cfId(),
      batchId: portal.cfId(),
      state: "processing",
      readyAt: portal.now() + (wait ? emulator.processingMs : 0),
    };
    state.imports.set(item.id, refresh(item));
    if (wait) item.bytes.joinInBackground(); // processing joins the chunks
    return item;
  };

  // ---- legacy: endpoint, init -------------------------------------------------------------

  const endpoint = (req: EmulatorRequest) => json(200, `${req.baseUrl}/s3/${S3_BUCKET}/`);

  const init = (req: EmulatorRequest) => {
    const wrongType = formOnly(req);
    if (wrongType) return wrongType;
    const raw = req.form.get("filename");
    if (raw === undefined || !raw.trim()) {
      return text(400, `{'filename': 'Missing data for required field.'}`);
    }
    const fileName = raw.trim();
    if (/[/\\]/.test(fileName) || !/^[^.].*\.[A-Za-z0-9]{1,16}$/.test(fileName)) {
      return text(400, `{'filename': ${pyRepr(`'${fileName}' is not a valid filename`)}}`);
    }
    const folder = portal.uuid();
    const s3Filename = `pluploads/api/${folder}/${fileName}`;
    const upload: LegacyUpload = {
      uploadId: newUploadId(),
      targetId: `final/${portal.uuid()}/${fileName}`,
      s3Filename,
      fileName,
      contentType: contentTypeOf(fileName),
      createdAt: portal.now(),
      registered: new Map(),
    };
    state.uploads.set(upload.uploadId, upload);
    return json(200, {
      s3file: { uploadid: upload.uploadId, targetid: upload.targetId },
      s3_filename: s3Filename,
      target_key: s3Filename,
      multipart_params: createPostPolicy({
        bucket: S3_BUCKET,
        keyPrefix: s3Filename,
        contentType: upload.contentType,
        credentials: state.s3.credentials,
        now: portal.now(),
        ttlMs: POLICY_TTL_MS,
      }),
    });
  };

  // ---- legacy: S3 -------------------------------------------------------------------------

  const s3Post = async (req: EmulatorRequest) => {
    // The server logs streamed requests before their body is read; fill in what S3 received.
    const logged = emulator.requests[emulator.requests.length - 1];
    const { response, record } = await state.s3.handlePost(
      req.incoming,
      req.params.bucket,
      req.baseUrl,
    );
    if (logged && logged.path === req.path && logged.status === 0) {
      logged.form = Object.fromEntries(
        record.fields.reduce((out, [key, value]) => {
          out.set(key, [...(out.get(key) ?? []), value]);
          return out;
        }, new Map<string, string[]>()),
      );
      logged.bodyBytes = record.file?.bytes ?? 0;
    }
    return response;
  };

  // ---- legacy: register and finalise --------------------------------------------------------

  const findUpload = (req: EmulatorRequest, bodyKey: string) => {
    const inPath = req.params.uploadid;
    const inBody = req.form.get(bodyKey);
    if (inPath && inBody && inPath !== inBody) {
      return v4Error(400, `The upload id in the path and the ${bodyKey} field differ`);
    }
    const id = inPath ?? inBody;
    if (!id) return v4Error(400, "No upload id provided");
    return state.uploads.get(id) ?? v4Error(404, "Upload doesn't exist");
  };

  const checkTarget = (req: EmulatorRequest, upload: LegacyUpload) => {
    const targetId = req.form.get("targetid") ?? req.form.get("targetId");
    if (!targetId) return v4Error(400, "No targetid provided");
    if (targetId !== upload.targetId) {
      return v4Error(400, "targetid does not belong to this upload");
    }
    return undefined;
  };

  const register = (upload: LegacyUpload, req: EmulatorRequest) => {
    const chunkNumber = positiveInt(req.form.get("chunkNumber"), 1);
    if (chunkNumber === undefined) {
      return v4Error(400, "chunkNumber must be a whole number of at least 1");
    }
    const filename = req.form.get("filename");
    if (!filename) return v4Error(400, "No filename provided");
    if (filename !== `${upload.s3Filename}/p${chunkNumber}`) {
      return v4Error(
        400,
        `filename must be the chunk's S3 key, ${upload.s3Filename}/p${chunkNumber}; got ${filename}`,
      );
    }
    if (upload.importId || upload.savedAdditional) {
      return v4Error(400, "The upload is already finalised");
    }
    if (!state.s3.bucket().has(filename)) {
      return uploadFailure(`chunk ${chunkNumber} (${filename}) was not uploaded to S3`, 1);
    }
    upload.registered.set(chunkNumber, filename);
    return json(202, {
      status: "ok",
      chunkNumber,
      filename,
      targetid: upload.targetId,
    });
  };

  /**
   * Checks that chunks 1..N were uploaded and registered, then joins them (S3's multipart
   * completion: every part but the last at least 5 MiB). Chunk objects leave the bucket.
   */
  const assemble = (
    upload: LegacyUpload,
    req: EmulatorRequest,
  ): { bytes: Bytes; chunks: number } | EmulatorResponse => {
    const chunks = positiveInt(req.form.get("chunks"), 1);
    if (chunks === undefined) return v4Error(400, "chunks must be a whole number of at least 1");
    const s3Filename = req.form.get("s3_filename");
    if (!s3Filename) return v4Error(400, "No s3_filename provided");
    if (s3Filename !== upload.s3Filename && s3Filename !== `${upload.s3Filename}/p${chunks}`) {
      return v4Error(
        400,
        `s3_filename must be ${upload.s3Filename} or its last chunk ${upload.s3Filename}/p${chunks}; got ${s3Filename}`,
      );
    }
    const extra = [...upload.registered.keys()].filter((n) => n > chunks);
    if (extra.length) {
      return uploadFailure(
        `chunks ${extra.join(", ")} were registered but the upload has only ${chunks}`,
        0,
      );
    }
    const bucket = state.s3.bucket();
    const keys = Array.from({ length: chunks }, (_, i) => `${upload.s3Filename}/p${i + 1}`);
    const unregistered = keys.findIndex((_, i) => !upload.registered.has(i + 1));
    if (unregistered >= 0) {
      return uploadFailure(`chunk ${unregistered + 1} of ${chunks} was never registered`, 0);
    }
    const absent = keys.findIndex((key) => !bucket.has(key));
    if (absent >= 0) return uploadFailure(`chunk ${absent + 1} of ${chunks} is not in S3`, 0);
    const parts = keys.map((key) => bucket.get(key)!.bytes);
    const small = parts.findIndex((part, i) => i < chunks - 1 && part.length < MIN_PART_BYTES);
    if (small >= 0) {
      return uploadFailure(
        `chunk ${small + 1} of ${chunks} is ${parts[small].length} bytes; every chunk but the last must be at least 5 MiB (${MIN_PART_BYTES} bytes)`,
        0,
      );
    }
    const bytes = Bytes.concat(parts);
    for (let n = 1; n <= chunks; n++) bucket.delete(`${upload.s3Filename}/p${n}`);
    state.s3.put(S3_BUCKET, upload.targetId, bytes, upload.contentType);
    return { bytes, chunks };
  };

  const finaliseBody = (item: Import) => ({
    output: item.targetId.replace(/[^/]*$/, ""),
    batchId: item.batchId,
    file: { bucket: S3_BUCKET, path: item.targetId, type: "s3" },
    filename: item.targetId,
    importId: item.id,
    locationType: "s3",
    success: 1,
  });

  const finalise = (upload: LegacyUpload, req: EmulatorRequest) => {
    if (upload.savedAdditional) return v4Error(400, "The upload was saved as an additional file");
    if (upload.importId) {
      // Finalising twice gives the same import (a retried request must not make a second one).
      return json(202, finaliseBody(state.imports.get(upload.importId)!));
    }
    const assembled = assemble(upload, req);
    if ("status" in assembled) return assembled;
    const originalName = req.form.get("original_filename")?.trim();
    const item = newImport(
      {
        kind: "s3",
        fileName: originalName || upload.fileName,
        bytes: assembled.bytes,
        uploadId: upload.uploadId,
        targetId: upload.targetId,
      },
      true,
    );
    upload.importId = item.id;
    return json(202, finaliseBody(item));
  };

  /** POST /api/v4/upload[/:uploadid]: a chunk registration, or the finalise call. */
  const uploadCall = (req: EmulatorRequest) => {
    const wrongType = formOnly(req);
    if (wrongType) return wrongType;
    const upload = findUpload(req, "id");
    if ("status" in upload) return upload;
    const badTarget = checkTarget(req, upload);
    if (badTarget) return badTarget;
    if (req.form.has("chunkNumber")) return register(upload, req);
    if (req.form.has("chunks") || req.form.has("s3_filename")) return finalise(upload, req);
    return v4Error(
      400,
      "Send chunkNumber and filename to register a chunk, or chunks and s3_filename to finalise",
    );
  };

  // ---- poll -----------------------------------------------------------------------------------

  const poll = (req: EmulatorRequest) => {
    const items = req.query.list("items");
    if (!items.length) return v4Error(400, "No items provided");
    const result = {
      itemsDone: [] as string[],
      itemsFailed: [] as string[],
      itemsRejected: [] as string[],
    };
    for (const id of items) {
      const item = findImport(id);
      if (!item) continue;
      refresh(item);
      if (item.state === "done") result.itemsDone.push(id);
      if (item.state === "rejected") result.itemsRejected.push(id);
    }
    return json(200, result);
  };

  // ---- save -----------------------------------------------------------------------------------

  /** Import ids are CF ids (upper case) and v7 file ids RFC uuids (lower case). */
  const findImport = (id: string) =>
    state.imports.get(id.toUpperCase()) ?? state.imports.get(id.toLowerCase());

  /** The import (legacy import id or v7 file id) a save names, if it can be saved now. */
  const readyImport = (id: string | undefined): Import | EmulatorResponse => {
    if (!id) return v4Error(400, "No importid provided");
    const item = findImport(id);
    if (!item || item.savedAs) return v4Error(404, "Import ID not found");
    refresh(item);
    if (item.state === "processing") {
      return json(303, { message: "Import not converted yet, please poll", statuscode: "303" });
    }
    if (item.state !== "done") return v4Error(500, "Upload failed or not ready");
    return item;
  };

  /**
   * `mediaitems` of a save answer: the file's S3 location (and, for images, its thumbnails'),
   * each with the URL it is served from.
   */
  const mediaItems = (req: EmulatorRequest, media: Media, item: MediaItem, targetId: string) => {
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

  /** An import becomes an asset (or a version, or an additional file) once. */
  const consume = (item: Import, mediaId: string) => {
    item.savedAs = mediaId;
    item.bytes = new Bytes(Buffer.alloc(0)); // the media item holds the bytes now
    state.s3.bucket().delete(item.targetId);
  };

  const saveNewAsset = (req: EmulatorRequest, importId: string | undefined) => {
    const wrongType = formOnly(req);
    if (wrongType) return wrongType;
    const item = readyImport(importId);
    if ("status" in item) return item;
    const fields = assetFields(req, item);
    if ("status" in fields) return fields;
    const media = createMedia(portal, fields);
    const added = addMediaItem(portal, media, fileOf(item), "original");
    consume(item, media.id);
    const body: Record<string, unknown> = {
      mediaid: media.id,
      batchId: item.batchId,
      success: true,
      mediaitems: mediaItems(req, media, added, item.targetId),
    };
    if (req.form.bool("audit")) {
      body.accessRequestId = req.form.get("accessRequestId") || portal.cfId();
    }
    return json(201, body);
  };

  const saveNewVersion = (req: EmulatorRequest, mediaId: string, importId: string | undefined) => {
    const wrongType = formOnly(req);
    if (wrongType) return wrongType;
    const media = portal.media.get(mediaId.toUpperCase());
    if (!media) return v4Error(404, "Media not found");
    const item = readyImport(importId);
    if ("status" in item) return item;
    const added = addMediaItem(portal, media, fileOf(item), "original");
    consume(item, media.id);
    return json(201, {
      mediaid: media.id,
      batchId: item.batchId,
      success: true,
      mediaitems: mediaItems(req, media, added, item.targetId),
    });
  };

  /**
   * Finalise-and-save as an additional file: a legacy upload id (with targetid, s3_filename and
   * chunks, like finalise), or a finalised v7 file id. Sources disagree on the answer (§9.5), so
   * it carries both `itemId` and `mediaid`.
   */
  const saveAdditional = (req: EmulatorRequest, mediaId: string, uploadId: string | undefined) => {
    const wrongType = formOnly(req);
    if (wrongType) return wrongType;
    const media = portal.media.get(mediaId.toUpperCase());
    if (!media) return v4Error(404, "Media not found");
    if (!uploadId) return v4Error(400, "No upload id provided");
    let item: Import;
    const upload = state.uploads.get(uploadId);
    if (upload) {
      const badTarget = checkTarget(req, upload);
      if (badTarget) return badTarget;
      if (upload.importId || upload.savedAdditional) {
        return v4Error(400, "The upload is already finalised");
      }
      const assembled = assemble(upload, req);
      if ("status" in assembled) return assembled;
      item = newImport(
        {
          kind: "s3",
          fileName: upload.fileName,
          bytes: assembled.bytes,
          uploadId,
          targetId: upload.targetId,
        },
        false,
      );
      upload.savedAdditional = media.id;
    } else {
      const found = findImport(uploadId);
      if (!found || found.kind !== "files") return v4Error(404, "Upload doesn't exist");
      const ready = readyImport(uploadId);
      if ("status" in ready) return ready;
      item = ready;
    }
    const added = addMediaItem(portal, media, fileOf(item), "additional");
    consume(item, media.id);
    return json(201, {
      mediaid: media.id,
      itemId: added.id,
      batchId: item.batchId,
      success: true,
      mediaitems: mediaItems(req, media, added, item.targetId),
    });
  };

  // ---- files service (v7) -------------------------------------------------------------------

  const prepare = () => {
    const fileId = randomUUID();
    state.files.set(fileId, { fileId, createdAt: portal.now(), chunks: new Map() });
    return json(200, { file_id: fileId });
  };

  const findFile = (req: EmulatorRequest) =>
    state.files.get(req.params.fileId.toLowerCase()) ??
    apiError(404, `File ${req.params.fileId} not found`);

  const chunk = (req: EmulatorRequest) => {
    const file = findFile(req);
    if ("status" in file) return file;
    if (file.importId) return apiError(409, "The upload is already finalised");
    const number = positiveInt(req.params.n, 0);
    if (number === undefined)
      return apiError(400, "The chunk number must be a whole number from 0");
    const declared = req.headers["content-sha256"];
    if (typeof declared !== "string" || !declared.trim()) {
      return apiError(400, "Missing Content-SHA256 header");
    }
    const actual = sha256(req.rawBody);
    if (declared.trim().toLowerCase() !== actual) {
      return apiError(
        400,
        `Content-SHA256 ${declared.trim()} does not match the chunk (${actual})`,
      );
    }
    file.chunks.set(number, req.rawBody);
    return { status: 201 };
  };

  const finaliseFile = (req: EmulatorRequest) => {
    const file = findFile(req);
    if ("status" in file) return file;
    if (!req.contentType.startsWith("application/x-www-form-urlencoded")) {
      return apiError(415, "Send the finalise fields as application/x-www-form-urlencoded");
    }
    const fileName = req.form.get("fileName")?.trim();
    if (!fileName || !/\.[A-Za-z0-9]{1,16}$/.test(fileName)) {
      return apiError(400, "fileName must be a file name with an extension");
    }
    const fileSize = positiveInt(req.form.get("fileSize"), 0);
    if (fileSize === undefined) return apiError(400, "fileSize must be the file's size in bytes");
    const chunksCount = positiveInt(req.form.get("chunksCount"), 0);
    if (chunksCount === undefined) return apiError(400, "chunksCount must be a whole number");
    if (file.importId) {
      return { status: 201, headers: { "x-api-correlation-id": randomUUID() } };
    }
    const numbers = [...file.chunks.keys()].sort((a, b) => a - b);
    const missing = Array.from({ length: chunksCount }, (_, i) => i).filter(
      (n) => !file.chunks.has(n),
    );
    if (missing.length) return apiError(400, `Chunks ${missing.join(", ")} were not uploaded`);
    if (numbers.length !== chunksCount) {
      return apiError(400, `${numbers.length} chunks were uploaded, not ${chunksCount}`);
    }
    if (chunksCount === 0 && fileSize !== 0)
      return apiError(400, "chunksCount is 0 but fileSize is not");
    const data = Buffer.concat(numbers.map((n) => file.chunks.get(n)!));
    if (data.length !== fileSize) {
      return apiError(400, `fileSize is ${fileSize} but the chunks hold ${data.length} bytes`);
    }
    const declared = req.form.get("sha256");
    if (declared !== undefined && declared.trim().toLowerCase() !== sha256(data)) {
      return apiError(400, "sha256 does not match the uploaded file");
    }
    file.chunks.clear();
    const item = newImport(
      { kind: "files", fileName, bytes: new Bytes(data), targetId: file.fileId },
      false,
    );
    file.importId = item.id;
    return { status: 201, headers: { "x-api-correlation-id": randomUUID() } };
  };

  return [
    route("GET", "/api/upload/endpoint", SCOPE, endpoint),
    route("POST", "/api/upload/init", SCOPE, init),
    route("POST", "/s3/:bucket", false, s3Post, true),
    route("GET", "/api/v4/upload/poll", SCOPE, poll),
    route("POST", "/api/v4/upload", SCOPE, uploadCall),
    route("POST", "/api/v4/upload/:uploadid", SCOPE, uploadCall),
    // The additional-file routes come first: ".../save/additional" must not read as an import id.
    route("POST", "/api/v4/media/:mediaId/save/additional/:uploadId", SCOPE, (req) =>
      saveAdditional(req, req.params.mediaId, req.params.uploadId),
    ),
    route("POST", "/api/v4/media/:mediaId/save/additional", SCOPE, (req) =>
      saveAdditional(req, req.params.mediaId, req.form.get("uploadId") ?? req.form.get("uploadid")),
    ),
    route("POST", "/api/v4/media/save/:importId", SCOPE, (req) =>
      saveNewAsset(req, req.params.importId),
    ),
    route("POST", "/api/v4/media/save", SCOPE, (req) => {
      // The Java SDK saves a new version here, with the asset's id in the body.
      const mediaId = req.form.get("id");
      const importId = req.form.get("importId") ?? req.form.get("importid");
      return mediaId ? saveNewVersion(req, mediaId, importId) : saveNewAsset(req, importId);
    }),
    route("POST", "/api/v4/media/:mediaId/save/:importId", SCOPE, (req) =>
      saveNewVersion(req, req.params.mediaId, req.params.importId),
    ),
    route("POST", "/api/v4/media/:mediaId/save", SCOPE, (req) =>
      saveNewVersion(req, req.params.mediaId, req.form.get("importId") ?? req.form.get("importid")),
    ),
    route("POST", "/v7/file_cmds/upload/prepare", SCOPE, prepare),
    route("POST", "/v7/file_cmds/upload/:fileId/chunk/:n", SCOPE, chunk),
    route("POST", "/v7/file_cmds/upload/:fileId/finalise_api", SCOPE, finaliseFile),
  ];
};
