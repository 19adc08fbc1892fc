/** Inputs of the upload actions. Keys and labels follow the incumbent component; Upload File's are new. */
import { input, util } from "@prismatic-io/spectral";
import { InputError } from "../client/errors";
import { checkedUrl } from "../client/urls";
import {
  idList,
  integer,
  keyValues,
  oneOf,
  optionalString,
  requiredInteger,
  requiredString,
} from "./clean";
import { CF_EXAMPLE, dataInput, idInput, optionalIdInput, textInput } from "./common";

const UPLOAD_ID_EXAMPLE =
  "T3.fS5.5HPhtYFtm2b_.e7wVe910tL5XQutKw1jkMqlP5cPQVyZkOZxZ9lJiGUk4FIw6M0CFZ3xogTWrm.GPI2p2CaglQcAS5aH37zT_vHJnbtkebYbheXIQc_.M_6hM";
const TARGET_ID_EXAMPLE = "final/3f2d9c1e-5a7b-4c8d-9e0f-1a2b3c4d5e6f/Logo.png";
const S3_FILENAME_EXAMPLE = "pluploads/api/3f2d9c1e-5a7b-4c8d-9e0f-1a2b3c4d5e6f/Logo.png";

/** A file name Bynder accepts: a name, a dot and an extension, no folders. */
export const fileNameWithExtension =
  (label: string, { required }: { required: boolean }) =>
  (value: unknown): string | undefined => {
    const name = required ? requiredString(label)(value) : optionalString(label)(value);
    if (name === undefined) return undefined;
    if (/[/\\]/.test(name) || !/^[^.].*\.[A-Za-z0-9]{1,16}$/.test(name)) {
      throw new InputError(
        `${label} must be a file name with an extension, such as Logo.png; got "${name}".`,
      );
    }
    return name;
  };

/** A file from an earlier step: a Buffer, `{ data, contentType }` or text. */
export interface FileData {
  data: Buffer;
  contentType?: string;
}

const toFileData =
  (label: string, { required }: { required: boolean }) =>
  (value: unknown): FileData | undefined => {
    if (value === undefined || value === null || value === "") {
      if (required)
        throw new InputError(`${label} is required: pass the file from an earlier step.`);
      return undefined;
    }
    if (Buffer.isBuffer(value)) return { data: value };
    if (value instanceof Uint8Array)
      return { data: Buffer.from(value.buffer, value.byteOffset, value.byteLength) };
    if (typeof value === "string")
      return { data: Buffer.from(value, "utf8"), contentType: "text/plain" };
    if (typeof value === "object" && "data" in value) {
      const { data, contentType } = value as { data: unknown; contentType?: unknown };
      const type = typeof contentType === "string" && contentType ? contentType : undefined;
      if (Buffer.isBuffer(data)) return { data, contentType: type };
      if (data instanceof Uint8Array) {
        return {
          data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
          contentType: type,
        };
      }
      if (typeof data === "string") return { data: Buffer.from(data, "utf8"), contentType: type };
      // A Buffer that went through JSON: {type: "Buffer", data: [bytes]}.
      if (data && typeof data === "object" && Array.isArray((data as { data?: unknown }).data)) {
        return { data: Buffer.from((data as { data: number[] }).data), contentType: type };
      }
    }
    try {
      const payload = util.types.toData(value);
      return { data: Buffer.from(payload.data), contentType: payload.contentType };
    } catch {
      throw new InputError(
        `${label} must be file data (the output of an earlier step that reads a file).`,
      );
    }
  };

// ---- the nine steps ---------------------------------------------------------------------------

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

export const brandId = idInput({
  label: "Brand ID",
  comments: "The brand (or sub-brand) to save the asset in.",
  dataSource: "selectBrand",
});

export const assetId = (comments: string) =>
  idInput({ label: "Asset ID", comments, dataSource: "selectAsset" });

export const assetName = textInput(
  "Asset Name",
  "Name of the new asset. Bynder uses the file name without its extension when empty.",
  "Logo",
);
export const description = textInput(
  "Description",
  "Description of the asset.",
  "Extended asset description",
);
export const copyright = textInput(
  "Copyright",
  "Copyright notice of the asset.",
  "Copyright (c) Example corp",
);

export const saveData = dataInput(
  "More fields of the new asset, as Bynder's save call takes them: tags (comma-separated), isPublic, audit, ISOPublicationDate, archiveDate, watermarkDate, metaproperty.<id>, accessRequestId…",
  {
    isPublic: true,
    audit: false,
    tags: "scenery,grassland,Holland",
    watermarkDate: "2014-12-25T10:30:00Z",
  },
);

// ---- Upload File -----------------------------------------------------------------------------

export const uploadFileData = input({
  label: "File",
  type: "data",
  required: false,
  comments:
    "The file to upload, from an earlier step. Leave empty and give Source URL instead for large files: they are then streamed and never held whole in memory.",
  clean: toFileData("File", { required: false }),
});

export const sourceUrl = input({
  label: "Source URL",
  type: "string",
  required: false,
  comments:
    "Instead of File: an https URL to download the file from. It is read chunk by chunk while the chunks upload, so memory stays at about (Parallel Chunks + 1) × Chunk Size. The Bynder token is never sent there.",
  example: "https://files.example.com/videos/launch.mp4",
  clean: (value: unknown) => {
    const url = optionalString("Source URL")(value);
    return url === undefined ? undefined : checkedUrl(url, "Source URL").toString();
  },
});

export const uploadFileName = input({
  label: "File Name",
  type: "string",
  required: false,
  comments:
    "The file's name in Bynder, with its extension. Defaults to the name Source URL gives (Content-Disposition, else the last part of its path); required with File.",
  example: "Logo.png",
  clean: fileNameWithExtension("File Name", { required: false }),
});

export const SAVE_AS = ["newAsset", "newVersion", "additional"] as const;
export const saveAs = input({
  label: "Save As",
  type: "string",
  required: true,
  default: "newAsset",
  model: [
    { label: "New asset", value: "newAsset" },
    { label: "New version of an asset", value: "newVersion" },
    { label: "Additional file of an asset", value: "additional" },
  ],
  comments:
    "What the upload becomes: a new asset (needs Brand ID), a new version of Asset ID, or an additional file of Asset ID.",
  clean: oneOf("Save As", SAVE_AS),
});

export const optionalBrandId = optionalIdInput({
  label: "Brand ID",
  comments: "The brand (or sub-brand) of the new asset. Required when Save As is New asset.",
  dataSource: "selectBrand",
});

export const optionalAssetId = optionalIdInput({
  label: "Asset ID",
  comments:
    "The asset the file becomes a new version or an additional file of. Required for those Save As modes.",
  dataSource: "selectAsset",
});

export const tags = input({
  label: "Tags",
  type: "string",
  collection: "valuelist",
  required: false,
  comments: "Tags of the new asset (a list, or one comma-separated value).",
  example: "summer",
  clean: (value: unknown) => {
    const items = (Array.isArray(value) ? value : [value])
      .flatMap((item) => (item === undefined || item === null ? [] : String(item).split(",")))
      .map((item) => item.trim())
      .filter(Boolean);
    return items.length ? items : undefined;
  },
});

export const metaproperties = input({
  label: "Metaproperties",
  type: "string",
  collection: "keyvaluelist",
  required: false,
  comments:
    "Metaproperty options of the new asset: each key a metaproperty ID, its value the option IDs (comma-separated).",
  example: CF_EXAMPLE,
  clean: (value: unknown): Record<string, string[]> => {
    const pairs = keyValues("Metaproperties")(value);
    const out: Record<string, string[]> = {};
    const checkId = (id: string) => {
      idList("Metaproperties", "cf")(id);
      return id;
    };
    for (const [key, options] of Object.entries(pairs)) {
      const ids = String(options)
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean);
      if (!ids.length)
        throw new InputError(`Metaproperties: give option IDs for metaproperty ${key}.`);
      out[checkId(key.trim())] = ids.map(checkId);
    }
    return out;
  },
});

export const uploadData = dataInput(
  "More fields of the new asset, as Bynder's save call takes them (isPublic, audit, ISOPublicationDate, archiveDate, watermarkDate, accessRequestId…).",
  { isPublic: true, audit: false, ISOPublicationDate: "2024-06-12T14:53:21Z" },
);

export const UPLOAD_METHODS = ["legacy", "filesService"] as const;
export const uploadMethod = input({
  label: "Upload Method",
  type: "string",
  required: true,
  default: "legacy",
  model: [
    { label: "Legacy S3 upload (every portal)", value: "legacy" },
    { label: "Files service (/v7/file_cmds)", value: "filesService" },
  ],
  comments:
    "How the file travels: the S3 chunked upload every portal supports, or Bynder's newer files service (only on portals that have it).",
  clean: oneOf("Upload Method", UPLOAD_METHODS),
});

export const chunkSizeMiB = input({
  label: "Chunk Size (MiB)",
  type: "string",
  required: false,
  default: "5",
  comments:
    "Size of each chunk in MiB, 5 to 100. S3 needs at least 5 for every chunk but the last.",
  example: "5",
  clean: (value: unknown) => integer("Chunk Size (MiB)", { min: 5, max: 100 })(value) ?? 5,
});

export const parallelChunks = input({
  label: "Parallel Chunks",
  type: "string",
  required: false,
  default: "4",
  comments: "How many chunks upload at the same time, 1 to 16.",
  example: "4",
  clean: (value: unknown) => integer("Parallel Chunks", { min: 1, max: 16 })(value) ?? 4,
});

export const processingTimeout = input({
  label: "Processing Timeout (s)",
  type: "string",
  required: false,
  default: "600",
  comments:
    "How long to wait, in seconds, for Bynder to process the upload before saving it. The step then fails, naming the import still processing.",
  example: "600",
  clean: (value: unknown) => integer("Processing Timeout (s)", { min: 1, max: 3600 })(value) ?? 600,
});
