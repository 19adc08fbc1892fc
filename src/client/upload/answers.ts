/**
 * Bynder's answers to the upload steps, and the check that each step did what was asked. A 2xx
 * alone proves nothing: a proxy's login page, `{}` and `{"success": false, …}` arrive as 200 too,
 * and an upload must never report success for an asset that does not exist.
 */
import type { BynderResponse } from "../client";
import { BynderError, bynderMessage } from "../errors";
import { scrub } from "../urls";

export interface InitUploadResponse {
  s3file: { uploadid: string; targetid: string };
  s3_filename: string;
  target_key: string;
  multipart_params: Record<string, string>;
}

export interface FinaliseResponse {
  output: string;
  batchId: string;
  file: { bucket: string; path: string; type: string };
  filename: string;
  importId: string;
  locationType: string;
  success: number;
}

export interface PollState {
  itemsDone: string[];
  itemsFailed: string[];
  itemsRejected: string[];
}

export interface SaveResponse {
  mediaid: string;
  batchId: string;
  success: boolean;
  mediaitems: { original: string; destination: string }[] | null;
  accessRequestId?: string;
  /** Only from the additional-file save. */
  itemId?: string;
}

/** S3's XML answer to a chunk POST, parsed, plus the chunk's key as Bynder wants it registered. */
export interface S3ChunkResult {
  PostResponse?: { Location: string; Bucket: string; Key: string; ETag: string };
  filename: string;
}

type Body = Record<string, unknown>;

const isRecord = (value: unknown): value is Body =>
  !!value && typeof value === "object" && !Array.isArray(value) && !Buffer.isBuffer(value);

const text = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/** `success: false` (or 0, or "false"), Bynder's way of refusing with a 200. */
const refuses = (body: Body) =>
  body.success === false || body.success === 0 || body.success === "false";

/** What arrived, for the error: status, content type, and Bynder's message or the body's start. */
const describe = (response: BynderResponse<unknown>): string => {
  const type = response.headers["content-type"]?.split(";")[0].trim();
  const body = response.data;
  const shown =
    bynderMessage(body) ??
    (body === undefined || body === null || body === ""
      ? "an empty answer"
      : (JSON.stringify(body) ?? String(body)).slice(0, 200));
  return `HTTP ${response.status}${type ? `, ${type}` : ""}: ${scrub(shown)}`;
};

/**
 * The answer's body when `ok` accepts it; otherwise an error "<failed>: HTTP 200, text/html:
 * <Bynder's message>", so the user reads why instead of a success without an asset.
 */
const checked = <T>(
  response: BynderResponse<unknown>,
  failed: string,
  ok: (body: unknown) => boolean,
): T => {
  if (ok(response.data)) return response.data as T;
  throw new BynderError(
    `${failed}: ${describe(response)}`,
    response.status,
    undefined,
    undefined,
    response.data,
  );
};

/**
 * Steps whose answer Bynder does not document or use (chunk registration, v7 chunks and finalise):
 * empty or a JSON object that does not refuse. Text there is a proxy's page, not Bynder.
 */
const noRefusal = (body: unknown) =>
  body === undefined || body === null || body === "" || (isRecord(body) && !refuses(body));

export const checkEndpoint = (response: BynderResponse<unknown>, failed: string): string =>
  checked<string>(response, failed, (body) => text(body) && /^https?:\/\/\S+$/i.test(body.trim()));

export const checkInit = (response: BynderResponse<unknown>, failed: string) =>
  checked<InitUploadResponse>(response, failed, (body) => {
    if (!isRecord(body) || !isRecord(body.s3file) || !isRecord(body.multipart_params)) return false;
    return (
      text(body.s3file.uploadid) &&
      text(body.s3file.targetid) &&
      text(body.s3_filename) &&
      text(body.multipart_params.key)
    );
  });

export const checkAccepted = (response: BynderResponse<unknown>, failed: string): unknown =>
  checked<unknown>(response, failed, noRefusal);

export const checkFinalise = (response: BynderResponse<unknown>, failed: string) =>
  checked<FinaliseResponse>(
    response,
    failed,
    (body) => isRecord(body) && !refuses(body) && text(body.importId),
  );

const POLL_LISTS = ["itemsDone", "itemsFailed", "itemsRejected"] as const;

export const checkPoll = (response: BynderResponse<unknown>, failed: string) =>
  checked<PollState>(
    response,
    failed,
    (body) =>
      isRecord(body) &&
      POLL_LISTS.some((list) => Array.isArray(body[list])) &&
      POLL_LISTS.every((list) => body[list] === undefined || Array.isArray(body[list])),
  );

/** A save made an asset (or a version of one): Bynder names it in `mediaid`. */
export const checkSaved = (response: BynderResponse<unknown>, failed: string) =>
  checked<SaveResponse>(
    response,
    failed,
    (body) => isRecord(body) && !refuses(body) && text(body.mediaid),
  );

/**
 * The additional-file save: sources disagree on its answer (`{itemId}` or `{mediaid, success}`,
 * bynder-api.md §4.8), so either proves it; `{}` and refusals do not.
 */
export const checkSavedAdditional = (response: BynderResponse<unknown>, failed: string) =>
  checked<SaveResponse>(
    response,
    failed,
    (body) =>
      isRecord(body) &&
      !refuses(body) &&
      (text(body.itemId) || text(body.mediaid) || body.success === true),
  );

export const checkPrepared = (response: BynderResponse<unknown>, failed: string): string =>
  checked<{ file_id: string }>(
    response,
    failed,
    (body) => isRecord(body) && text(body.file_id) && !refuses(body),
  ).file_id;
