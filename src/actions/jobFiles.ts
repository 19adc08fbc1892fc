/**
 * Upload File To Job: a file (or a Source URL) through the `/v7` files service, then attached to a
 * workflow job (`POST /workflow-jobs/{id}/upload`). Only Files-Service portals offer this.
 *
 * The files-service steps are the upload package's `importToFilesService` (prepare, the parallel
 * pump with SHA-256, finalise); Upload File runs the same steps and then saves an asset instead.
 */
import { input } from "@prismatic-io/spectral";
import {
  bufferSource,
  importToFilesService,
  MiB,
  openSourceUrl,
  InputError,
  path,
  type FileSource,
} from "../client";
import { CF_EXAMPLE, connection, PLACEHOLDERS } from "../inputs/common";
import {
  chunkSizeMiB,
  parallelChunks,
  sourceUrl,
  uploadFileData,
  uploadFileName,
} from "../inputs/upload";
import { jobId } from "../inputs/workflow";
import { toRfcAssetId } from "../inputs/assetServices";
import { bynderAction } from "./bynderAction";

const parentAssetId = input({
  label: "Parent Asset ID",
  type: "string",
  required: false,
  comments:
    "When the file is a new version of an asset: that asset (8-4-4-16 as the asset actions show it, or 8-4-4-4-12). Sent as given.",
  example: CF_EXAMPLE,
  placeholder: PLACEHOLDERS.cf,
  dataSource: "selectAsset",
  clean: (value: unknown) => {
    const id = typeof value === "string" ? value.trim() : "";
    if (!id) return undefined;
    toRfcAssetId("Parent Asset ID", id); // checks the format; either form is sent as given
    return id;
  },
});

export const uploadFileToJob = bynderAction({
  display: {
    label: "Upload File To Job",
    description:
      "Upload a file (or stream one from a URL) through Bynder's files service and attach it to a workflow job. Only Files-Service portals offer this.",
  },
  inputs: {
    jobId: jobId("The ID of the job to attach the file to."),
    file: uploadFileData,
    sourceUrl,
    fileName: uploadFileName,
    assetId: parentAssetId,
    chunkSizeMiB,
    parallelChunks,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: { mediaId: "3f2d9c1e5a7b4c8d9e0f1a2b3c4d5e6f" } },
  run: async (bynder, params, context) => {
    const { file, sourceUrl: url } = params;
    if (Boolean(file) === Boolean(url)) {
      throw new InputError(
        `File or Source URL: give exactly one of them (${file ? "both were given" : "neither was given"}).`,
      );
    }
    if (file && !params.fileName) {
      throw new InputError("File Name is required with File (file data carries no name).");
    }
    const source: FileSource = file
      ? bufferSource(file.data, params.fileName, file.contentType)
      : await openSourceUrl(bynder, url!);
    const fileName = params.fileName ?? source.fileName;
    if (!fileName) {
      throw new InputError(
        "File Name: Source URL gives no file name; enter one, such as Brief.pdf.",
      );
    }
    try {
      // The job must exist before any bytes go up: a failed attach would leave the upload unused.
      await bynder.get(path`/api/workflow/jobs/${params.jobId}/`);
      const { fileId, size } = await importToFilesService(bynder, {
        source,
        fileName,
        chunkSize: params.chunkSizeMiB * MiB,
        parallel: params.parallelChunks,
        logger: context.logger,
      });
      return await bynder.postJson<{ mediaId: string }>(
        path`/workflow-jobs/${params.jobId}/upload`,
        {
          fileId,
          name: fileName,
          fileSize: size,
          ...(params.assetId ? { assetId: params.assetId } : {}),
        },
      );
    } finally {
      source.close(); // the Source URL's download, whatever ended the upload
    }
  },
});

export const jobFileActions = { uploadFileToJob };
