/**
 * Bynder's two upload flows on top of BynderClient: the legacy S3 steps (`legacy.ts`, `s3.ts`),
 * the `/v7` files service (`filesService.ts`), sources and chunking with the memory gauge
 * (`sources.ts`), the parallel pump with progress (`pump.ts`), and Upload File (`uploadFile.ts`).
 * Bynder's answers and their checks are in `answers.ts`.
 */
export type {
  FinaliseResponse,
  InitUploadResponse,
  PollState,
  S3ChunkResult,
  SaveResponse,
} from "./answers";
export {
  finaliseUpload,
  getClosestS3Endpoint,
  initialiseUpload,
  registerChunk,
  saveAsAdditional,
  saveAsNewAsset,
  saveAsNewVersion,
  waitForProcessing,
} from "./legacy";
export { uploadChunkToS3 } from "./s3";
export { configureUploads, MiB } from "./settings";
export { bufferSource, openSourceUrl, type FileSource } from "./sources";
export { importToFilesService, uploadFile, type UploadFileResult } from "./uploadFile";
