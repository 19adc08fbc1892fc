/**
 * Uploads: the nine steps of Bynder's chunked S3 upload, kept for flows built on the incumbent
 * component, and Upload File, which does the whole job in one step.
 */
import {
  externalRequest,
  InputError,
  metapropertyFields,
  bufferSource,
  finaliseUpload,
  getClosestS3Endpoint as closestEndpoint,
  initialiseUpload as initUpload,
  openSourceUrl,
  registerChunk,
  saveAsAdditional,
  saveAsNewAsset as saveNewAsset,
  saveAsNewVersion,
  uploadChunkToS3,
  uploadFile as runUpload,
  waitForProcessing,
  MiB,
  type FileSource,
} from "../client";
import {
  additionalSaved,
  chunkRegistered,
  closestEndpoint as endpointExample,
  finalised,
  initialised,
  pollDone,
  s3ChunkUploaded,
  saved,
  uploadedFile,
  versionSaved,
} from "../examplePayloads/upload";
import { assetId } from "../inputs/assets";
import { connection } from "../inputs/common";
import {
  newAssetBrandId,
  newAssetName,
  chunkCount,
  chunkFile,
  chunkFilename,
  chunkIndex,
  chunkNumber,
  chunkSizeMiB,
  newAssetCopyright,
  newAssetDescription,
  importId,
  initFilename,
  metaproperties,
  multipartParams,
  uploadAssetId,
  uploadBrandId,
  originalFilename,
  parallelChunks,
  pollItems,
  pollTimeout,
  processingTimeout,
  s3Filename,
  saveAs,
  saveData,
  sourceUrl,
  newAssetTags,
  targetId,
  totalChunks,
  uploadData,
  uploadFileData,
  uploadFileName,
  uploadId,
  uploadMethod,
  uploadUrl,
} from "../inputs/upload";
import { bynderAction } from "./bynderAction";
import { quoted } from "../inputs/clean";

/** Directions of the nine-step upload: where a step stands, and that Upload File does it all. */
const uploadStep = (step: number, what: string) =>
  `Step ${step} of Bynder's chunked upload: ${what}. Upload File does the whole upload in one step; these steps keep flows built on them working.`;

export const getClosestS3Endpoint = bynderAction({
  display: {
    label: "Get Closest S3 Upload Endpoint",
    directions: uploadStep(1, "its URL is Upload Chunk's Upload URL"),
    description: "Retrieve the closest S3 upload endpoint",
  },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: endpointExample },
  run: (bynder) => closestEndpoint(bynder),
});

export const initialiseUpload = bynderAction({
  display: {
    label: "Initialize Upload",
    directions: uploadStep(
      2,
      "it returns the upload's id and S3 key and the S3 policy (Multipart Params) for Upload Chunk",
    ),
    description: "Initialize a new file upload.",
  },
  inputs: { filename: initFilename, connection },
  performSafety: "notAllowed",
  examplePayload: { data: initialised },
  run: (bynder, { filename }) => initUpload(bynder, filename),
});

export const uploadChunk = bynderAction({
  display: {
    label: "Upload Chunk",
    directions: uploadStep(
      3,
      "run it once per chunk (5 MiB or more, except the last), numbered from 1; it needs no connection",
    ),
    description: "Upload a chunk of a file.",
  },
  inputs: {
    uploadURL: uploadUrl,
    file: chunkFile,
    chunk: chunkIndex,
    chunks: chunkCount,
    multipartParams,
  },
  performSafety: "notAllowed",
  examplePayload: { data: s3ChunkUploaded },
  // No connection: S3 takes the signed policy, and the Bynder token must not go there.
  run: async (_none, { uploadURL, file, chunk, chunks, multipartParams: params }, context) => {
    if (chunk > chunks) {
      throw new InputError(`Chunk must be at most Chunks (${chunks}); got ${chunk}.`);
    }
    return uploadChunkToS3((url, spec) => externalRequest(url, spec, context), {
      uploadUrl: uploadURL,
      params,
      chunk,
      chunks,
      data: file.data,
    });
  },
});

export const registerUploadedChunk = bynderAction({
  display: {
    label: "Register Uploaded Chunk",
    directions: uploadStep(4, "run it after each Upload Chunk, with the same chunk number"),
    description: "Register an uploaded chunk.",
  },
  inputs: {
    id: uploadId("ID"),
    chunkNumber,
    targetid: targetId,
    filename: chunkFilename,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: chunkRegistered },
  run: (bynder, { id, chunkNumber: n, targetid, filename }) => {
    if (!filename.endsWith(`/p${n}`)) {
      throw new InputError(
        `Filename must be the chunk's S3 key, ending in /p${n} for Chunk Number ${n}; got ${quoted(filename)}.`,
      );
    }
    return registerChunk(bynder, { uploadId: id, targetId: targetid, filename, chunkNumber: n });
  },
});

export const finaliseCompleteUpload = bynderAction({
  display: {
    label: "Finalize Complete Upload",
    directions: uploadStep(
      5,
      "once every chunk is registered; its import id goes to Retrieve Poll State and the Save step",
    ),
    description: "Finalize a completely uploaded file.",
  },
  inputs: {
    id: uploadId("ID"),
    targetid: targetId,
    s3Filename: s3Filename(
      "s3_filename from Initialize Upload, or the last chunk's key (<s3_filename>/p<Chunks>) as Upload Chunk returns it.",
    ),
    chunks: totalChunks,
    originalFilename,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: finalised },
  run: (bynder, { id, targetid, s3Filename: s3, chunks, originalFilename: original }) =>
    finaliseUpload(bynder, {
      uploadId: id,
      targetId: targetid,
      s3Filename: s3,
      chunks,
      originalFilename: original,
    }),
});

export const finaliseCompleteUploadAndSaveAsNewAsset = bynderAction({
  display: {
    label: "Finalize Complete Upload And Save As New Asset Additional",
    directions: uploadStep(
      5,
      "finalises and saves the file as an additional file of an asset, in place of steps 5 to 7",
    ),
    description: "Finalize a completely uploaded file and save as a new asset additional.",
  },
  inputs: {
    assetId: assetId("Asset ID", "The asset to which the file is added as an additional file."),
    uploadId: uploadId("ID"),
    targetid: targetId,
    s3Filename: s3Filename(
      "The last chunk's key (<s3_filename>/p<Chunks>) as Upload Chunk returns it, or s3_filename from Initialize Upload.",
    ),
    chunks: totalChunks,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: additionalSaved },
  run: (bynder, { assetId: asset, uploadId: upload, targetid, s3Filename: s3, chunks }) =>
    saveAsAdditional(bynder, {
      assetId: asset,
      uploadId: upload,
      targetId: targetid,
      s3Filename: s3,
      chunks,
    }),
});

export const retrievePollState = bynderAction({
  display: {
    label: "Retrieve Poll State",
    directions: uploadStep(6, "it waits until Bynder has processed the file (or Timeout passes)"),
    description: "Poll processing state of finalized files",
  },
  inputs: { items: pollItems, timeoutSeconds: pollTimeout, connection },
  performSafety: "safe",
  examplePayload: { data: pollDone },
  run: (bynder, { items, timeoutSeconds }, context) =>
    waitForProcessing(bynder, items, { timeoutMs: timeoutSeconds * 1000, logger: context.logger }),
});

export const saveAsNewAsset = bynderAction({
  display: {
    label: "Save a New Asset",
    directions: uploadStep(7, "the last step, for a new asset"),
    description: "Save a completed upload as a new asset.",
  },
  inputs: {
    importId,
    brandId: newAssetBrandId,
    name: newAssetName,
    description: newAssetDescription,
    copyright: newAssetCopyright,
    bodyData: saveData,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: saved },
  run: (
    bynder,
    { importId: id, brandId: brand, name, description: text, copyright: notice, bodyData },
  ) =>
    saveNewAsset(bynder, id, {
      brandId: brand,
      name,
      description: text,
      copyright: notice,
      ...bodyData,
    }),
});

export const saveAsNewAssetVersion = bynderAction({
  display: {
    label: "Save as a New Asset Version",
    directions: uploadStep(7, "the last step, for a new version of an existing asset"),
    description: "Save a completed upload as a new asset version.",
  },
  inputs: {
    assetId: assetId("Asset ID", "The asset that gets the upload as its new version."),
    importId,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: versionSaved },
  run: (bynder, { assetId: asset, importId: id }) => saveAsNewVersion(bynder, asset, id),
});

export const uploadFile = bynderAction({
  display: {
    label: "Upload File",
    important: true,
    description:
      "Upload a file (or stream one from a URL) to Bynder and save it as a new asset, a new version or an additional file, in one step",
  },
  inputs: {
    connection,
    file: uploadFileData,
    sourceUrl,
    fileName: uploadFileName,
    saveAs,
    brandId: uploadBrandId,
    assetId: uploadAssetId,
    name: newAssetName,
    description: newAssetDescription,
    copyright: newAssetCopyright,
    tags: newAssetTags,
    metaproperties,
    bodyData: uploadData,
    uploadMethod,
    chunkSizeMiB,
    parallelChunks,
    processingTimeoutSeconds: processingTimeout,
  },
  performSafety: "notAllowed",
  examplePayload: { data: uploadedFile },
  run: async (bynder, params, context) => {
    const { file, sourceUrl: url, saveAs: mode } = params;
    if (Boolean(file) === Boolean(url)) {
      throw new InputError(
        `File or Source URL: give exactly one of them (${file ? "both were given" : "neither was given"}).`,
      );
    }
    if (mode === "newAsset" && !params.brandId) {
      throw new InputError("Brand ID is required when Save As is New asset.");
    }
    if (mode !== "newAsset" && !params.assetId) {
      throw new InputError(
        `Asset ID is required when Save As is ${mode === "newVersion" ? "New version" : "Additional file"}.`,
      );
    }
    if (file && !params.fileName) {
      throw new InputError("File Name is required with File (file data carries no name).");
    }
    const source: FileSource = file
      ? bufferSource(file.data, params.fileName, file.contentType)
      : await openSourceUrl(bynder, url!);
    // Whatever ends the upload (bad input, a refused step, a success), the download is closed.
    try {
      const fileName = params.fileName ?? source.fileName;
      if (!fileName || !/^[^.].*\.[A-Za-z0-9]{1,16}$/.test(fileName)) {
        throw new InputError(
          `File Name: Source URL gives no file name with an extension${fileName ? ` ("${fileName}")` : ""}; enter one, such as Logo.png.`,
        );
      }
      return await runUpload(bynder, {
        source,
        fileName,
        saveAs: mode,
        assetId: params.assetId,
        assetFields: {
          brandId: params.brandId,
          name: params.name,
          description: params.description,
          copyright: params.copyright,
          tags: params.tags,
          ...metapropertyFields(params.metaproperties),
          ...params.bodyData,
        },
        method: params.uploadMethod,
        chunkSize: params.chunkSizeMiB * MiB,
        parallel: params.parallelChunks,
        processingTimeoutMs: params.processingTimeoutSeconds * 1000,
        logger: context.logger,
      });
    } finally {
      source.close();
    }
  },
});

export const uploadActions = {
  getClosestS3Endpoint,
  initialiseUpload,
  uploadChunk,
  registerUploadedChunk,
  finaliseCompleteUpload,
  finaliseCompleteUploadAndSaveAsNewAsset,
  retrievePollState,
  saveAsNewAsset,
  saveAsNewAssetVersion,
  uploadFile,
};
