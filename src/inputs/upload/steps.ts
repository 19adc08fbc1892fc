/**
 * Inputs of the nine steps of Bynder's legacy upload. Keys and labels follow the incumbent
 * component; the new asset's fields are in `assetFields.ts`.
 */
import { input } from "@prismatic-io/spectral";
import { checkedUrl, InputError } from "../../client";
import { idList, integer, optionalString, requiredInteger, requiredString } from "../clean";
import { CF_EXAMPLE, dataInput, idInput, PLACEHOLDERS } from "../common";
import { fileNameWithExtension, toFileData } from "./fileData";

const UPLOAD_ID_EXAMPLE =
  "T3.fS5.5HPhtYFtm2b_.e7wVe910tL5XQutKw1jkMqlP5cPQVyZkOZxZ9lJiGUk4FIw6M0CFZ3xogTWrm.GPI2p2CaglQcAS5aH37zT_vHJnbtkebYbheXIQc_.M_6hM";
const TARGET_ID_EXAMPLE = "final/3f2d9c1e-5a7b-4c8d-9e0f-1a2b3c4d5e6f/Logo.png";
const S3_FILENAME_EXAMPLE = "pluploads/api/3f2d9c1e-5a7b-4c8d-9e0f-1a2b3c4d5e6f/Logo.png";

export const initFilename = input({
  label: "Filename",
  type: "string",
  required: true,
  comments: "Name of the file to upload, with its extension (Bynder refuses a name without one).",
  example: "image.jpeg",
  clean: (value: unknown) => fileNameWithExtension("Filename", { required: true })(value)!,
});

export const uploadUrl = input({
  label: "Upload URL",
  type: "string",
  required: true,
  comments:
    "The Amazon S3 endpoint from Get Closest S3 Upload Endpoint. The chunk goes there directly, without the Bynder token.",
  example: "https://bynder-public-eu-central-1.s3.amazonaws.com/",
  placeholder: PLACEHOLDERS.url,
  clean: (value: unknown) =>
    checkedUrl(requiredString("Upload URL")(value), "Upload URL").toString(),
});

export const chunkFile = input({
  label: "File",
  type: "data",
  required: true,
  comments:
    "The bytes of this chunk (or of the whole file when it is a single chunk). Every chunk but the last must be at least 5 MiB: S3 refuses smaller parts when Bynder joins them.",
  clean: (value: unknown) => toFileData("File", { required: true })(value)!,
});

export const chunkIndex = input({
  label: "Chunk",
  type: "string",
  required: true,
  comments: "Number of this chunk, counting from 1.",
  example: "1",
  clean: requiredInteger("Chunk", { min: 1 }),
});

export const chunkCount = input({
  label: "Chunks",
  type: "string",
  required: true,
  comments: "Total number of chunks of the file.",
  example: "3",
  clean: requiredInteger("Chunks", { min: 1 }),
});

export const multipartParams = input({
  label: "Multipart Parameters",
  type: "code",
  language: "json",
  required: true,
  comments:
    "The multipart_params object from Initialize Upload: the signed S3 policy fields, sent to S3 as they are (with the chunk's key).",
  example: JSON.stringify(
    {
      acl: "private",
      success_action_status: "201",
      "Content-Type": "image/jpeg",
      key: "pluploads/api/3f2d9c1e-5a7b-4c8d-9e0f-1a2b3c4d5e6f/image.jpeg",
      Policy: "eyJleHBpcmF0aW9uIjoi…",
      "X-Amz-Signature": "AWS_S3_SIGNATURE",
      "x-amz-credential": "AKIA…/20240101/eu-central-1/s3/aws4_request",
      "x-amz-algorithm": "AWS4-HMAC-SHA256",
      "x-amz-date": "20240101T120000Z",
    },
    null,
    2,
  ),
  clean: (value: unknown): Record<string, unknown> => {
    let parsed: unknown = value;
    if (typeof value === "string") {
      try {
        parsed = JSON.parse(value);
      } catch (error) {
        throw new InputError(
          `Multipart Parameters must be valid JSON: ${(error as Error).message}.`,
        );
      }
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new InputError(
        "Multipart Parameters is required: give the multipart_params object from Initialize Upload.",
      );
    }
    const params = parsed as Record<string, unknown>;
    if (typeof params.key !== "string" || !params.key) {
      throw new InputError(
        "Multipart Parameters has no key: give the whole multipart_params object from Initialize Upload.",
      );
    }
    return params;
  },
});

export const uploadId = (label: string) =>
  idInput({
    label,
    comments: "The upload's id: s3file.uploadid from Initialize Upload.",
    format: "segment",
    example: UPLOAD_ID_EXAMPLE,
  });

export const targetId = input({
  label: "Target ID",
  type: "string",
  required: true,
  comments: "s3file.targetid from Initialize Upload.",
  example: TARGET_ID_EXAMPLE,
  clean: requiredString("Target ID"),
});

export const chunkNumber = input({
  label: "Chunk Number",
  type: "string",
  required: true,
  comments: "Number of the chunk that was uploaded, counting from 1.",
  example: "1",
  clean: requiredInteger("Chunk Number", { min: 1 }),
});

export const chunkFilename = input({
  label: "Filename",
  type: "string",
  required: true,
  comments:
    "Where the chunk was stored: s3_filename from Initialize Upload followed by /p<Chunk Number> (Upload Chunk returns it as filename).",
  example: `${S3_FILENAME_EXAMPLE}/p1`,
  clean: requiredString("Filename"),
});

export const s3Filename = (comments: string) =>
  input({
    label: "S3 Filename",
    type: "string",
    required: true,
    comments,
    example: `${S3_FILENAME_EXAMPLE}/p3`,
    clean: requiredString("S3 Filename"),
  });

export const totalChunks = input({
  label: "Chunks",
  type: "string",
  required: true,
  comments: "Total number of chunks uploaded and registered.",
  example: "3",
  clean: requiredInteger("Chunks", { min: 1 }),
});

export const originalFilename = input({
  label: "Original Filename",
  type: "string",
  required: false,
  comments:
    "The file name to show in Bynder, special characters included. Defaults to Filename of Initialize Upload.",
  example: "Logo.png",
  clean: optionalString("Original Filename"),
});

export const pollItems = input({
  label: "Items",
  type: "string",
  required: true,
  comments: "Comma-separated import IDs, as returned in importId by Finalize Complete Upload.",
  example: "4A3B2C1D-0E9F-4A8B-B7C6D5E4F3A2B1C0",
  clean: idList("Items", "segment", { required: true }),
});

export const pollTimeout = input({
  label: "Timeout (s)",
  type: "string",
  required: false,
  default: "300",
  comments:
    "How long to keep polling, in seconds, while any item is still processing. Polls are 0.25 s apart for the first 2 s, then back off to 15 s. Past the timeout the step fails, naming the items still processing.",
  example: "300",
  clean: (value: unknown) => integer("Timeout (s)", { min: 1, max: 3600 })(value) ?? 300,
});

export const importId = idInput({
  label: "Import ID",
  comments:
    "The importId of a finalized upload that has finished processing (Retrieve Poll State lists it in itemsDone), or the file_id of a finished files-service upload.",
  format: "segment",
  example: CF_EXAMPLE,
});

export const saveData = dataInput(
  "More fields of the new asset, as Bynder's save call takes them: tags (comma-separated), isPublic, audit, ISOPublicationDate, archiveDate, watermarkDate, metaproperty.<id>, accessRequestId…",
  {
    isPublic: true,
    audit: false,
    tags: "scenery,grassland,Holland",
    watermarkDate: "2014-12-25T10:30:00Z",
  },
);
