/** Inputs of Upload File (new; the incumbent has no one-step upload). */
import { input } from "@prismatic-io/spectral";
import { checkedUrl, InputError } from "../../client";
import { idList, integer, keyValues, oneOf, optionalString } from "../clean";
import { CF_EXAMPLE, dataInput, PLACEHOLDERS } from "../common";
import { fileNameWithExtension, toFileData } from "./fileData";

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
  placeholder: PLACEHOLDERS.url,
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
