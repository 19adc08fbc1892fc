/**
 * Bynder's legacy upload, the steps every portal has (bynder-api.md §5): closest S3 endpoint, init
 * (a signed S3 POST policy), each chunk to S3 (`s3.ts`) and registered, finalise, poll until
 * processed, save. Each step is also an action, and each checks that Bynder did what was asked.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { BynderClient } from "../client";
import { path, type Fields } from "../encoding";
import { BynderError } from "../errors";
import {
  checkAccepted,
  checkEndpoint,
  checkFinalise,
  checkInit,
  checkPoll,
  checkSaved,
  checkSavedAdditional,
  type FinaliseResponse,
  type InitUploadResponse,
  type PollState,
  type SaveResponse,
} from "./answers";
import { uploadSettings, type Logger } from "./settings";

export const getClosestS3Endpoint = async (bynder: BynderClient): Promise<string> =>
  checkEndpoint(
    await bynder.request({ method: "GET", path: "/api/upload/endpoint/" }),
    "Bynder's closest S3 endpoint call returned no URL",
  );

export const initialiseUpload = async (
  bynder: BynderClient,
  filename: string,
): Promise<InitUploadResponse> =>
  checkInit(
    await bynder.request({ method: "POST", path: "/api/upload/init/", form: { filename } }),
    `Bynder did not start an upload of ${filename} (no s3file, s3_filename and multipart_params in its answer)`,
  );

/** The `<key>/p<n>` key a chunk is stored under and registered with. */
export const chunkKey = (key: string, chunk: number) => `${key}/p${chunk}`;

export const registerChunk = async (
  bynder: BynderClient,
  options: { uploadId: string; targetId: string; filename: string; chunkNumber: number },
): Promise<unknown> =>
  checkAccepted(
    await bynder.request({
      method: "POST",
      path: "/api/v4/upload/",
      form: {
        id: options.uploadId,
        targetid: options.targetId,
        filename: options.filename,
        chunkNumber: options.chunkNumber,
      },
      idempotent: true,
    }),
    `Bynder did not register chunk ${options.chunkNumber} (${options.filename})`,
  );

export const finaliseUpload = async (
  bynder: BynderClient,
  options: {
    uploadId: string;
    targetId: string;
    s3Filename: string;
    chunks: number;
    originalFilename?: string;
  },
): Promise<FinaliseResponse> =>
  checkFinalise(
    await bynder.request({
      method: "POST",
      path: path`/api/v4/upload/${options.uploadId}/`,
      form: {
        targetid: options.targetId,
        s3_filename: options.s3Filename,
        chunks: options.chunks,
        original_filename: options.originalFilename,
      },
    }),
    `Bynder did not finalise the upload of ${options.originalFilename ?? options.s3Filename} (no importId in its answer)`,
  );

/** Finalises a legacy upload straight into an additional file of an asset (no poll, no save). */
export const saveAsAdditional = async (
  bynder: BynderClient,
  options: {
    assetId: string;
    uploadId: string;
    targetId?: string;
    s3Filename?: string;
    chunks?: number;
  },
): Promise<SaveResponse> =>
  checkSavedAdditional(
    await bynder.request({
      method: "POST",
      path: path`/api/v4/media/${options.assetId}/save/additional/${options.uploadId}/`,
      form: { targetid: options.targetId, s3_filename: options.s3Filename, chunks: options.chunks },
    }),
    `Bynder did not save the upload as an additional file of asset ${options.assetId}`,
  );

const pollState = async (bynder: BynderClient, items: string[]): Promise<PollState> =>
  checkPoll(
    await bynder.request({ method: "GET", path: "/api/v4/upload/poll/", query: { items } }),
    `Bynder's poll of ${items.join(", ")} listed no itemsDone, itemsFailed or itemsRejected`,
  );

const listed = (state: PollState, id: string) =>
  [state.itemsDone, state.itemsFailed, state.itemsRejected].some((list) =>
    (list ?? []).some((item) => String(item).toLowerCase() === id.toLowerCase()),
  );

/**
 * Polls until every item is done, failed or rejected: pollInitialMs apart for pollSteadyMs, then
 * waiting twice as long each time up to pollMaxMs. Past `timeoutMs` it fails naming the items
 * still processing. Returns the last poll.
 */
export const waitForProcessing = async (
  bynder: BynderClient,
  items: string[],
  { timeoutMs, logger }: { timeoutMs: number; logger?: Logger },
): Promise<PollState> => {
  const started = Date.now();
  let delay = uploadSettings.pollInitialMs;
  for (let polls = 1; ; polls++) {
    const state = await pollState(bynder, items);
    const pending = items.filter((id) => !listed(state, id));
    if (pending.length === 0) return state;
    const left = started + timeoutMs - Date.now();
    if (left <= 0) {
      throw new BynderError(
        `Bynder was still processing ${pending.length} of ${items.length} item(s) after ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} (${polls} polls): ${pending.join(", ")}. Poll again later with Retrieve Poll State, or allow a longer timeout.`,
      );
    }
    logger?.debug?.(
      `${pending.length} of ${items.length} item(s) still processing; next poll in ${Math.min(delay, left)} ms`,
    );
    await sleep(Math.min(delay, left));
    if (Date.now() - started >= uploadSettings.pollSteadyMs) {
      delay = Math.min(delay * 2, uploadSettings.pollMaxMs);
    }
  }
};

/** "failed" or "was rejected" when the poll lists the import so; undefined when it is done. */
export const failedImport = (state: PollState, importId: string) => {
  const is = (list: string[] | undefined) =>
    (list ?? []).some((id) => String(id).toLowerCase() === importId.toLowerCase());
  if (is(state.itemsFailed)) return "failed";
  if (is(state.itemsRejected)) return "was rejected";
  return undefined;
};

export const saveAsNewAsset = async (
  bynder: BynderClient,
  importId: string,
  fields: Fields,
): Promise<SaveResponse> =>
  checkSaved(
    await bynder.request({
      method: "POST",
      path: path`/api/v4/media/save/${importId}/`,
      form: fields,
    }),
    `Bynder did not save import ${importId} as a new asset (no mediaid in its answer)`,
  );

export const saveAsNewVersion = async (
  bynder: BynderClient,
  assetId: string,
  importId: string,
): Promise<SaveResponse> =>
  checkSaved(
    await bynder.request({
      method: "POST",
      path: path`/api/v4/media/${assetId}/save/${importId}/`,
      form: {},
    }),
    `Bynder did not save import ${importId} as a new version of asset ${assetId} (no mediaid in its answer)`,
  );
