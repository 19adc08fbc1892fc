/**
 * Upload a file to a workflow job (`POST /workflow-jobs/{id}/upload`, JSON `{fileId, name,
 * fileSize, assetId?}` → `{mediaId}`): the file is one the `/v7` files service finalised
 * (`files.ts`). The reference writes the path without `/api`; that is how it is served here
 * (UNCONFIRMED). Scope workflow.job:write (role JOBEDIT).
 */
import { route, type Handler, type Route } from "../context";
import { json } from "../http";
import { bad, findJob, jsonBody } from "../workflow";

const uploadToJob: Handler = (req, { portal }) => {
  const job = findJob(portal, req.params.id);
  const body = jsonBody(req);
  const { fileId, name, fileSize, assetId } = body;
  if (typeof fileId !== "string" || !fileId.trim()) throw bad("fileId is required.");
  const file = portal.uploads.files.get(fileId.trim().toLowerCase());
  const upload = file?.importId ? portal.uploads.imports.get(file.importId) : undefined;
  if (!file) throw bad(`fileId ${fileId} is not a file of the files service.`);
  if (!upload) throw bad(`File ${fileId} is not finalised yet.`);
  if (typeof name !== "string" || !name.trim()) throw bad("name is required.");
  if (typeof fileSize !== "number" || fileSize !== upload.bytes.length) {
    throw bad(`fileSize must be the file's size in bytes (${upload.bytes.length}).`);
  }
  if (assetId !== undefined && (typeof assetId !== "string" || !assetId.trim())) {
    throw bad("assetId must be the id of the asset this file is a new version of.");
  }
  const mediaId = portal.uuid().replace(/-/g, "");
  (job.files ??= []).push({
    mediaId,
    fileId: file.fileId,
    name: name.trim(),
    fileSize,
    ...(typeof assetId === "string" ? { assetId } : {}),
  });
  portal.touch(job);
  return json(200, { mediaId });
};

export const jobFileRoutes: Route[] = [
  route("POST", "/workflow-jobs/:id/upload", "workflow.job:write", uploadToJob),
];
