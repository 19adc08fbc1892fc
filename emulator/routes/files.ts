/**
 * The files service (`/v7/file_cmds/upload`): prepare, raw chunks checked against
 * `Content-SHA256`, `finalise_api` checked against the whole file's size, chunk count and SHA-256.
 * The save calls (`save.ts`) take the `file_id` in place of an import id, with no processing wait.
 */
import { randomUUID } from "node:crypto";
import { Bytes } from "../bytes";
import { route, type Handler, type Route } from "../context";
import { json, type EmulatorRequest, type EmulatorResponse } from "../http";
import type { Portal } from "../portal";
import { positiveInt } from "../uploads";
import { sha256 } from "../util";

const SCOPE = "asset:write";

const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  409: "Conflict",
  415: "Unsupported Media Type",
};

/** Errors of the newer services: JSON:API documents. */
const apiError = (status: number, detail: string): EmulatorResponse => ({
  status,
  contentType: "application/vnd.api+json",
  json: { errors: [{ status: String(status), title: STATUS_TITLES[status] ?? "Error", detail }] },
});

const finalised = (): EmulatorResponse => ({
  status: 201,
  headers: { "x-api-correlation-id": randomUUID() },
});

const prepare: Handler = (_req, { portal }) => {
  const fileId = randomUUID();
  portal.uploads.files.set(fileId, { fileId, createdAt: portal.now(), chunks: new Map() });
  return json(200, { file_id: fileId });
};

const findFile = (portal: Portal, req: EmulatorRequest) =>
  portal.uploads.files.get(req.params.fileId.toLowerCase()) ??
  apiError(404, `File ${req.params.fileId} not found`);

const chunk: Handler = (req, { portal }) => {
  const file = findFile(portal, req);
  if ("status" in file) return file;
  if (file.importId) return apiError(409, "The upload is already finalised");
  const number = positiveInt(req.params.n, 0);
  if (number === undefined) return apiError(400, "The chunk number must be a whole number from 0");
  const declared = req.headers["content-sha256"];
  if (typeof declared !== "string" || !declared.trim()) {
    return apiError(400, "Missing Content-SHA256 header");
  }
  const actual = sha256(req.rawBody);
  if (declared.trim().toLowerCase() !== actual) {
    return apiError(400, `Content-SHA256 ${declared.trim()} does not match the chunk (${actual})`);
  }
  file.chunks.set(number, req.rawBody);
  return { status: 201 };
};

const finaliseFile: Handler = (req, { portal }) => {
  const file = findFile(portal, req);
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
    return finalised();
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
  const item = portal.uploads.newImport({
    kind: "files",
    fileName,
    bytes: new Bytes(data),
    targetId: file.fileId,
  });
  file.importId = item.id;
  return finalised();
};

export const fileRoutes: Route[] = [
  route("POST", "/v7/file_cmds/upload/prepare", SCOPE, prepare),
  route("POST", "/v7/file_cmds/upload/:fileId/chunk/:n", SCOPE, chunk),
  route("POST", "/v7/file_cmds/upload/:fileId/finalise_api", SCOPE, finaliseFile),
];
