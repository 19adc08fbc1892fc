/**
 * Legacy uploads (every official SDK): `/api/upload/endpoint` names an S3 endpoint (the emulator's
 * own `/s3/<bucket>/` route), `/api/upload/init` hands out a signed POST policy, the chunks go to
 * S3 as `<key>/p<n>` and are registered with `/api/v4/upload`, finalise assembles them into an
 * import that "processes" for `processingMs` (poll reports it in `itemsDone` afterwards). The
 * save calls are in `save.ts`; the state in `uploads.ts`.
 */
import { randomBytes } from "node:crypto";
import { route, type Handler, type Route } from "../context";
import { contentTypeOf } from "../fileTypes";
import { formOnly, json, text, v4Error, type EmulatorRequest } from "../http";
import type { Portal } from "../portal";
import { S3_BUCKET } from "../s3";
import { createPostPolicy } from "../s3Policy";
import {
  checkTarget,
  positiveInt,
  type Import,
  type LegacyUpload,
  type UploadState,
} from "../uploads";

/** The smallest S3 part but the last (defined with the upload state; tests import it from here). */
export { MIN_PART_BYTES } from "../uploads";

/** How long an init's POST policy stays valid. */
export const POLICY_TTL_MS = 6 * 60 * 60 * 1000;
const SCOPE = "asset:write";

/** The upload state of a portal, for tests (stored chunks, imports, the S3 POST log). */
export const uploadStateOf = (portal: Portal): UploadState => portal.uploads;

/** Python's repr of a string, as Bynder's marshmallow-style 400 bodies show it. */
const pyRepr = (value: string) =>
  value.includes("'") && !value.includes('"')
    ? `"${value}"`
    : `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** Bynder's upload ids are S3 multipart upload ids: opaque, URL-safe, with dots. */
const newUploadId = () =>
  randomBytes(72).toString("base64").replace(/\+/g, ".").replace(/\//g, "_").replace(/=+$/, "");

const endpoint: Handler = (req) => json(200, `${req.baseUrl}/s3/${S3_BUCKET}/`);

const init: Handler = (req, { portal }) => {
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
  portal.uploads.uploads.set(upload.uploadId, upload);
  return json(200, {
    s3file: { uploadid: upload.uploadId, targetid: upload.targetId },
    s3_filename: s3Filename,
    target_key: s3Filename,
    multipart_params: createPostPolicy({
      bucket: S3_BUCKET,
      keyPrefix: s3Filename,
      contentType: upload.contentType,
      credentials: portal.uploads.s3.credentials,
      now: portal.now(),
      ttlMs: POLICY_TTL_MS,
    }),
  });
};

/** S3's POST Object; the body streams to S3, and the request log gets what S3 received. */
const s3Post: Handler = async (req, { portal }) => {
  const { response, record } = await portal.uploads.s3.handlePost(
    req.incoming,
    req.params.bucket,
    req.baseUrl,
  );
  if (req.log) {
    const form: Record<string, string[]> = {};
    for (const [key, value] of record.fields) (form[key] ??= []).push(value);
    req.log.form = form;
    req.log.bodyBytes = record.file?.bytes ?? 0;
  }
  return response;
};

const findUpload = (state: UploadState, req: EmulatorRequest, bodyKey: string) => {
  const inPath = req.params.uploadid;
  const inBody = req.form.get(bodyKey);
  if (inPath && inBody && inPath !== inBody) {
    return v4Error(400, `The upload id in the path and the ${bodyKey} field differ`);
  }
  const id = inPath ?? inBody;
  if (!id) return v4Error(400, "No upload id provided");
  return state.uploads.get(id) ?? v4Error(404, "Upload doesn't exist");
};

const register = (state: UploadState, upload: LegacyUpload, req: EmulatorRequest) => {
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
  return state.register(upload, chunkNumber, filename);
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

const finalise = (
  state: UploadState,
  processingMs: number,
  upload: LegacyUpload,
  req: EmulatorRequest,
) => {
  if (upload.savedAdditional) return v4Error(400, "The upload was saved as an additional file");
  if (upload.importId) {
    // Finalising twice gives the same import (a retried request must not make a second one).
    return json(202, finaliseBody(state.imports.get(upload.importId)!));
  }
  const bytes = state.assemble(upload, req.form);
  if ("status" in bytes) return bytes;
  const originalName = req.form.get("original_filename")?.trim();
  const item = state.newImport(
    {
      kind: "s3",
      fileName: originalName || upload.fileName,
      bytes,
      uploadId: upload.uploadId,
      targetId: upload.targetId,
    },
    processingMs,
  );
  upload.importId = item.id;
  return json(202, finaliseBody(item));
};

/** POST /api/v4/upload[/:uploadid]: a chunk registration, or the finalise call. */
const uploadCall: Handler = (req, { portal, processingMs }) => {
  const wrongType = formOnly(req);
  if (wrongType) return wrongType;
  const state = portal.uploads;
  const upload = findUpload(state, req, "id");
  if ("status" in upload) return upload;
  const badTarget = checkTarget(req.form, upload);
  if (badTarget) return badTarget;
  if (req.form.has("chunkNumber")) return register(state, upload, req);
  if (req.form.has("chunks") || req.form.has("s3_filename")) {
    return finalise(state, processingMs, upload, req);
  }
  return v4Error(
    400,
    "Send chunkNumber and filename to register a chunk, or chunks and s3_filename to finalise",
  );
};

const poll: Handler = (req, { portal }) => {
  const items = req.query.list("items");
  if (!items.length) return v4Error(400, "No items provided");
  const result = {
    itemsDone: [] as string[],
    itemsFailed: [] as string[],
    itemsRejected: [] as string[],
  };
  for (const id of items) {
    const item = portal.uploads.findImport(id);
    if (!item) continue;
    portal.uploads.refresh(item);
    if (item.state === "done") result.itemsDone.push(id);
    if (item.state === "rejected") result.itemsRejected.push(id);
  }
  return json(200, result);
};

export const uploadRoutes: Route[] = [
  route("GET", "/api/upload/endpoint", SCOPE, endpoint),
  route("POST", "/api/upload/init", SCOPE, init),
  route("POST", "/s3/:bucket", false, s3Post, true),
  route("GET", "/api/v4/upload/poll", SCOPE, poll),
  route("POST", "/api/v4/upload", SCOPE, uploadCall),
  route("POST", "/api/v4/upload/:uploadid", SCOPE, uploadCall),
];
