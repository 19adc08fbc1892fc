/**
 * Bynder's files service (`/v7/file_cmds/upload`, bynder-api.md §6): prepare, chunks with their
 * SHA-256 (numbered from 0), finalise with the whole file's SHA-256; the v4 saves then take the
 * file id in place of an import id. Each step checks that Bynder did what was asked.
 */
import { createHash } from "node:crypto";
import type { BynderClient } from "../client";
import { path } from "../encoding";
import { checkAccepted, checkPrepared } from "./answers";
import { uploadSettings } from "./settings";

export const prepareFileUpload = async (bynder: BynderClient): Promise<string> =>
  checkPrepared(
    await bynder.request({ method: "POST", path: "/v7/file_cmds/upload/prepare", json: {} }),
    "Bynder's upload prepare call returned no file_id",
  );

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

export const uploadFileChunk = async (
  bynder: BynderClient,
  fileId: string,
  chunk: number,
  data: Buffer,
): Promise<unknown> =>
  checkAccepted(
    await bynder.request({
      method: "POST",
      path: path`/v7/file_cmds/upload/${fileId}/chunk/${chunk}`,
      body: data,
      headers: { "Content-Type": "application/octet-stream", "Content-SHA256": sha256(data) },
      idempotent: true,
      timeoutMs: uploadSettings.chunkTimeoutMs,
    }),
    `Bynder did not take chunk ${chunk} of file ${fileId}`,
  );

/** Finalises a v7 upload; returns Bynder's correlation id (x-api-correlation-id). */
export const finaliseFileUpload = async (
  bynder: BynderClient,
  fileId: string,
  fields: { fileName: string; fileSize: number; chunksCount: number; sha256: string },
): Promise<string | undefined> => {
  const response = await bynder.request({
    method: "POST",
    path: path`/v7/file_cmds/upload/${fileId}/finalise_api`,
    form: fields,
  });
  checkAccepted(
    response,
    `Bynder did not finalise the upload of ${fields.fileName} (file ${fileId})`,
  );
  return response.headers["x-api-correlation-id"];
};
