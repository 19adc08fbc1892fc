/**
 * A chunk of a legacy upload, POSTed straight to S3 with the signed policy from init. S3 is not the
 * portal: the post goes through the client's `external` door, never with the Bynder token, and
 * follows the client's one retry policy (re-posting the same part is safe, so it is idempotent).
 */
import { XMLParser } from "fast-xml-parser";
import FormData from "form-data";
import type { BynderResponse, RequestSpec } from "../client";
import { InputError } from "../errors";
import type { S3ChunkResult } from "./answers";
import { chunkKey } from "./legacy";
import { chunkError } from "./pump";
import { uploadSettings } from "./settings";

const xml = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, htmlEntities: true });

/** The policy's key (the file's S3 key), which every chunk's key extends. */
const policyKey = (params: Record<string, unknown>): string => {
  const base = params.key;
  if (typeof base !== "string" || !base) {
    throw new InputError(
      "Multipart Parameters has no key: use multipart_params from Initialize Upload.",
    );
  }
  return base;
};

/**
 * The multipart form S3's POST Object takes: every policy field in the order init gave them, with
 * `key` (and plupload's `Filename`) set to the chunk's key, then `name`, `chunk`, `chunks`,
 * `Filename` and, last as S3 requires, the file.
 */
export const s3ChunkForm = (
  params: Record<string, unknown>,
  chunk: number,
  chunks: number,
  data: Buffer,
): { form: FormData; key: string } => {
  const base = policyKey(params);
  const key = chunkKey(base, chunk);
  const name = `${base.split("/").pop()}/p${chunk}`;
  const form = new FormData();
  const late = new Set(["name", "chunk", "chunks", "filename", "file"]);
  for (const [field, value] of Object.entries(params)) {
    if (late.has(field.toLowerCase()) || value === undefined || value === null) continue;
    form.append(field, field === "key" ? key : String(value));
  }
  form.append("name", name);
  form.append("chunk", String(chunk));
  form.append("chunks", String(chunks));
  form.append("Filename", key);
  // The chunk's buffer goes into the form by reference: no copy, however often it is re-sent.
  form.append("file", data, {
    filename: base.split("/").pop(),
    contentType: "application/octet-stream",
    knownLength: data.length,
  });
  return { form, key };
};

/** The client's `external` (a BynderClient's, or `externalRequest` with the step's context). */
type External = (
  url: string,
  spec: Omit<RequestSpec, "path" | "query"> & { what?: string },
) => Promise<BynderResponse<unknown>>;

/**
 * Uploads one chunk to S3, retried by the client's policy like any request (a fresh form for each
 * attempt); a failure reads "Uploading chunk 3 of 10 to S3 failed (HTTP 403): <S3's message>".
 */
export const uploadChunkToS3 = async (
  send: External,
  options: {
    uploadUrl: string;
    params: Record<string, unknown>;
    chunk: number;
    chunks: number;
    data: Buffer;
  },
): Promise<S3ChunkResult> => {
  const { uploadUrl, params, chunk, chunks, data } = options;
  const key = chunkKey(policyKey(params), chunk);
  const response = await send(uploadUrl, {
    method: "POST",
    body: () => {
      const { form } = s3ChunkForm(params, chunk, chunks, data);
      return {
        data: form,
        headers: { ...form.getHeaders(), "Content-Length": String(form.getLengthSync()) },
      };
    },
    responseType: "text",
    timeoutMs: uploadSettings.chunkTimeoutMs,
    idempotent: true,
    what: "Upload URL",
  }).catch((error: unknown) => {
    throw chunkError(`Uploading chunk ${chunk} of ${chunks} to S3`, error);
  });
  const body = typeof response.data === "string" ? response.data : "";
  const parsed = body.trim() ? (xml.parse(body) as Omit<S3ChunkResult, "filename">) : {};
  return { ...parsed, filename: key };
};
