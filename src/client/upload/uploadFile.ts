/**
 * Upload File: a file (in memory or streamed from a Source URL) to a saved asset in one step, by
 * either flow. Chunks go up `parallel` at a time, each retried by the client's policy when S3 or
 * Bynder fails transiently. S3 and the Source URL are reached through `external`: the Bynder
 * token never leaves the portal.
 */
import type { BynderClient } from "../client";
import type { Fields } from "../encoding";
import { BynderError } from "../errors";
import type { SaveResponse } from "./answers";
import { finaliseFileUpload, prepareFileUpload, uploadFileChunk } from "./filesService";
import {
  chunkKey,
  failedImport,
  finaliseUpload,
  getClosestS3Endpoint,
  initialiseUpload,
  registerChunk,
  saveAsAdditional,
  saveAsNewAsset,
  saveAsNewVersion,
  waitForProcessing,
} from "./legacy";
import { chunkError, Progress, pumpChunks, type Pumped } from "./pump";
import { uploadChunkToS3 } from "./s3";
import { formatMiB, of, type Logger } from "./settings";
import { MemoryGauge, type FileSource } from "./sources";

export type SaveAs = "newAsset" | "newVersion" | "additional";
export type UploadMethod = "legacy" | "filesService";

export interface UploadFileOptions {
  source: FileSource;
  fileName: string;
  saveAs: SaveAs;
  /** The asset a new version or an additional file goes to. */
  assetId?: string;
  /** Form fields of a new asset: brandId, name, description, copyright, tags, metaproperty.<id>… */
  assetFields: Fields;
  method: UploadMethod;
  chunkSize: number;
  parallel: number;
  processingTimeoutMs: number;
  logger?: Logger;
}

export interface UploadFileResult {
  mediaId: string;
  importId: string | null;
  batchId: string | null;
  fileName: string;
  size: number;
  chunks: number;
  durationMs: number;
}

/** What one upload's flows share. */
interface Job extends UploadFileOptions {
  bynder: BynderClient;
  memory: MemoryGauge;
  progress: Progress;
}

/** What a flow ends with: the import (null for a legacy additional file), the save, the file. */
interface Uploaded {
  importId: string | null;
  saved: SaveResponse;
  pumped: Pumped;
}

const isNotConverted = (error: unknown) => error instanceof BynderError && error.status === 303;

/**
 * Saves the processed import as the job asks, and if Bynder answers 303 ("Import not converted
 * yet, please poll") polls and saves again, until `deadline`.
 */
const saveImport = async (job: Job, importId: string, deadline: number): Promise<SaveResponse> => {
  const { bynder, assetId, logger } = job;
  const save = () => {
    if (job.saveAs === "newVersion") return saveAsNewVersion(bynder, assetId!, importId);
    if (job.saveAs === "additional")
      return saveAsAdditional(bynder, { assetId: assetId!, uploadId: importId });
    return saveAsNewAsset(bynder, importId, job.assetFields);
  };
  for (;;) {
    try {
      return await save();
    } catch (error) {
      if (!isNotConverted(error) || Date.now() >= deadline) throw error;
      await waitForProcessing(bynder, [importId], {
        timeoutMs: Math.max(0, deadline - Date.now()),
        logger,
      });
    }
  }
};

/** Runs the job's source through the parallel pump. */
/** What pumping a file's chunks needs of an upload. */
type Pumping = Pick<
  Job,
  "bynder" | "source" | "fileName" | "chunkSize" | "parallel" | "memory" | "progress"
>;

const pump = (job: Pumping, handle: Parameters<typeof pumpChunks>[5], hashing = false) =>
  pumpChunks(job.source, job.chunkSize, job.parallel, job.memory, job.progress, handle, hashing);

/** The files service up to the save: prepare, chunks (hashed on the way), finalise. */
const importByFilesService = async (job: Pumping): Promise<{ fileId: string; pumped: Pumped }> => {
  const { bynder, progress } = job;
  const fileId = await prepareFileUpload(bynder);
  const pumped = await pump(
    job,
    (data, index) =>
      uploadFileChunk(bynder, fileId, index, data).then(
        () => undefined,
        (error: unknown) => {
          throw chunkError(`Uploading chunk ${index + 1}${of(progress.total)} to Bynder`, error);
        },
      ),
    true,
  );
  await finaliseFileUpload(bynder, fileId, {
    fileName: job.fileName,
    fileSize: pumped.size,
    chunksCount: pumped.chunks,
    sha256: pumped.sha256,
  });
  return { fileId, pumped };
};

/** The files service: the import, then the save. */
const uploadByFilesService = async (job: Job): Promise<Uploaded> => {
  const { fileId, pumped } = await importByFilesService(job);
  const saved = await saveImport(job, fileId, Date.now() + job.processingTimeoutMs);
  return { importId: fileId, saved, pumped };
};

/**
 * A file through the files service, finalised but not saved as an asset: Upload File To Job
 * attaches the file id to a job instead.
 */
export const importToFilesService = async (
  bynder: BynderClient,
  options: Pick<UploadFileOptions, "source" | "fileName" | "chunkSize" | "parallel" | "logger">,
): Promise<{ fileId: string; size: number; chunks: number }> => {
  const { source, fileName, chunkSize, logger } = options;
  const { fileId, pumped } = await importByFilesService({
    ...options,
    bynder,
    memory: new MemoryGauge(),
    progress: new Progress(fileName, source.size, chunkSize, logger),
  });
  return { fileId, size: pumped.size, chunks: pumped.chunks };
};

/**
 * The legacy flow: endpoint and init, chunks to S3 each registered with Bynder, then either the
 * additional-file save (which finalises too) or finalise, poll until processed, and save.
 */
const uploadByLegacy = async (job: Job): Promise<Uploaded> => {
  const { bynder, progress, fileName, logger } = job;
  const [endpoint, init] = await Promise.all([
    getClosestS3Endpoint(bynder),
    initialiseUpload(bynder, fileName),
  ]);
  const { uploadid: uploadId, targetid: targetId } = init.s3file;
  // A chunk's slot (and buffer) is free once S3 has it: registering it with Bynder needs no
  // bytes, so it runs alongside the next uploads. Every registration settles before finalise.
  const registrations: Promise<void>[] = [];
  let registrationFailure: Error | undefined;
  const pumped = await pump(job, async (data, index, highestSeen) => {
    if (registrationFailure) throw registrationFailure;
    const chunk = index + 1;
    const { filename } = await uploadChunkToS3((url, spec) => bynder.external(url, spec), {
      uploadUrl: endpoint,
      params: init.multipart_params,
      chunk,
      chunks: progress.total ?? highestSeen,
      data,
    });
    registrations.push(
      registerChunk(bynder, {
        uploadId,
        targetId,
        filename: chunkKey(init.s3_filename, chunk),
        chunkNumber: chunk,
      }).then(
        () => undefined,
        (error: unknown) => {
          const failure = chunkError(
            `Registering chunk ${chunk}${of(progress.total)} (${filename})`,
            error,
          );
          registrationFailure ??=
            failure instanceof Error ? failure : new BynderError(String(failure));
        },
      ),
    );
  }).finally(() => Promise.all(registrations));
  if (registrationFailure) throw registrationFailure;
  const lastKey = chunkKey(init.s3_filename, pumped.chunks);
  if (job.saveAs === "additional") {
    const saved = await saveAsAdditional(bynder, {
      assetId: job.assetId!,
      uploadId,
      targetId,
      s3Filename: lastKey,
      chunks: pumped.chunks,
    });
    return { importId: null, saved, pumped };
  }
  const { importId } = await finaliseUpload(bynder, {
    uploadId,
    targetId,
    s3Filename: lastKey,
    chunks: pumped.chunks,
    originalFilename: fileName,
  });
  const deadline = Date.now() + job.processingTimeoutMs;
  const state = await waitForProcessing(bynder, [importId], {
    timeoutMs: job.processingTimeoutMs,
    logger,
  });
  const failed = failedImport(state, importId);
  if (failed) {
    throw new BynderError(`Bynder's processing of ${fileName} (import ${importId}) ${failed}.`);
  }
  return { importId, saved: await saveImport(job, importId, deadline), pumped };
};

/** The whole upload: file to saved asset, by either flow. */
export const uploadFile = async (
  bynder: BynderClient,
  options: UploadFileOptions,
): Promise<UploadFileResult> => {
  const started = Date.now();
  const { source, fileName, logger } = options;
  const job: Job = {
    ...options,
    bynder,
    memory: new MemoryGauge(),
    progress: new Progress(fileName, source.size, options.chunkSize, logger),
  };
  const flow = options.method === "filesService" ? uploadByFilesService : uploadByLegacy;
  const { importId, saved, pumped } = await flow(job);
  if (job.memory.peak > 0) {
    logger?.info(
      `Upload of ${fileName}: at most ${job.memory.peak} chunk buffers (${formatMiB(job.memory.peakBytes)}) were held at once`,
    );
  }
  return {
    // Every save's answer was checked: a new asset or version has its mediaid; an additional
    // file may answer only its itemId, and then belongs to the asset it was added to.
    mediaId: saved.mediaid || options.assetId!,
    importId,
    batchId: saved.batchId ?? null,
    fileName,
    size: pumped.size,
    chunks: pumped.chunks,
    durationMs: Date.now() - started,
  };
};
