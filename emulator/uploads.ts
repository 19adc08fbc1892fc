/**
 * The upload side of one portal: the emulated S3, legacy uploads, `/v7` file uploads, and the
 * imports both turn into (an import "processes", then a save turns it into an asset once).
 * Routes: `routes/upload.ts` (legacy), `routes/files.ts` (`/v7`), `routes/save.ts` (saves).
 */
import { Bytes } from "./bytes";
import { extensionOf } from "./fileTypes";
import { json, v4Error, type EmulatorResponse, type Params } from "./http";
import { FakeS3, S3_BUCKET } from "./s3";

/** S3 refuses multipart parts under 5 MiB except the last (EntityTooSmall), so Bynder does too. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** The register/finalise 500 body Bynder documents. */
const uploadFailure = (message: string, retry: 0 | 1) =>
  json(500, { message: `Could not complete upload: ${message}`, retry, success: false });

export interface LegacyUpload {
  uploadId: string;
  targetId: string;
  s3Filename: string;
  fileName: string;
  contentType: string;
  createdAt: number;
  /** chunk number → the S3 key it was registered with */
  registered: Map<number, string>;
  importId?: string;
  /** Saved straight away as an additional file (no import). */
  savedAdditional?: string;
}

export interface Import {
  id: string;
  batchId: string;
  kind: "s3" | "files";
  fileName: string;
  /** The file; a legacy upload's chunks are joined while it processes. */
  bytes: Bytes;
  readyAt: number;
  state: "processing" | "done" | "rejected";
  /** The legacy upload it came from, for idempotent finalise. */
  uploadId?: string;
  targetId: string;
  /** Set once saved: an import is turned into an asset only once. */
  savedAs?: string;
}

export interface FilesServiceUpload {
  fileId: string;
  createdAt: number;
  chunks: Map<number, Buffer>;
  importId?: string;
}

/** A whole number of at least `min` in a form or path; undefined otherwise. */
export const positiveInt = (value: string | undefined, min: number): number | undefined => {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= min ? number : undefined;
};

/** The `targetid` a legacy upload's calls repeat must be the one init handed out. */
export const checkTarget = (form: Params, upload: LegacyUpload): EmulatorResponse | undefined => {
  const targetId = form.get("targetid") ?? form.get("targetId");
  if (!targetId) return v4Error(400, "No targetid provided");
  if (targetId !== upload.targetId) {
    return v4Error(400, "targetid does not belong to this upload");
  }
  return undefined;
};

export class UploadState {
  readonly s3: FakeS3;
  readonly uploads = new Map<string, LegacyUpload>();
  readonly files = new Map<string, FilesServiceUpload>();
  readonly imports = new Map<string, Import>();
  /**
   * The portal's blocked extensions (an admin setting in Bynder): such uploads finish processing
   * in `itemsRejected`. Empty by default.
   */
  readonly rejectedExtensions = new Set<string>();

  /** `now` is the portal's clock; `newId` makes its v4 ids. */
  constructor(
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {
    this.s3 = new FakeS3(now);
  }

  /** The chunk registration of a legacy upload (`POST /api/v4/upload` with chunkNumber). */
  register(upload: LegacyUpload, chunkNumber: number, filename: string): EmulatorResponse {
    if (!this.s3.bucket().has(filename)) {
      return uploadFailure(`chunk ${chunkNumber} (${filename}) was not uploaded to S3`, 1);
    }
    upload.registered.set(chunkNumber, filename);
    return json(202, { status: "ok", chunkNumber, filename, targetid: upload.targetId });
  }

  /**
   * Checks the form's `chunks` and `s3_filename` and that chunks 1..N were uploaded and
   * registered, then joins them (S3's multipart completion: every part but the last at least
   * 5 MiB). Chunk objects leave the bucket.
   */
  assemble(upload: LegacyUpload, form: Params): Bytes | EmulatorResponse {
    const chunks = positiveInt(form.get("chunks"), 1);
    if (chunks === undefined) return v4Error(400, "chunks must be a whole number of at least 1");
    const s3Filename = form.get("s3_filename");
    if (!s3Filename) return v4Error(400, "No s3_filename provided");
    if (s3Filename !== upload.s3Filename && s3Filename !== `${upload.s3Filename}/p${chunks}`) {
      return v4Error(
        400,
        `s3_filename must be ${upload.s3Filename} or its last chunk ${upload.s3Filename}/p${chunks}; got ${s3Filename}`,
      );
    }
    const extra = [...upload.registered.keys()].filter((n) => n > chunks);
    if (extra.length) {
      return uploadFailure(
        `chunks ${extra.join(", ")} were registered but the upload has only ${chunks}`,
        0,
      );
    }
    const bucket = this.s3.bucket();
    const keys = Array.from({ length: chunks }, (_, i) => `${upload.s3Filename}/p${i + 1}`);
    const unregistered = keys.findIndex((_, i) => !upload.registered.has(i + 1));
    if (unregistered >= 0) {
      return uploadFailure(`chunk ${unregistered + 1} of ${chunks} was never registered`, 0);
    }
    const absent = keys.findIndex((key) => !bucket.has(key));
    if (absent >= 0) return uploadFailure(`chunk ${absent + 1} of ${chunks} is not in S3`, 0);
    const parts = keys.map((key) => bucket.get(key)!.bytes);
    const small = parts.findIndex((part, i) => i < chunks - 1 && part.length < MIN_PART_BYTES);
    if (small >= 0) {
      return uploadFailure(
        `chunk ${small + 1} of ${chunks} is ${parts[small].length} bytes; every chunk but the last must be at least 5 MiB (${MIN_PART_BYTES} bytes)`,
        0,
      );
    }
    const bytes = Bytes.concat(parts);
    for (const key of keys) bucket.delete(key);
    this.s3.put(S3_BUCKET, upload.targetId, bytes, upload.contentType);
    return bytes;
  }

  /** An import finishes processing once its time is up. */
  refresh(item: Import): Import {
    if (item.state === "processing" && this.now() >= item.readyAt) {
      const rejected = this.rejectedExtensions.has(extensionOf(item.fileName));
      item.state = rejected ? "rejected" : "done";
    }
    return item;
  }

  /**
   * A new import; `processingMs` undefined means it is ready at once (`/v7` files, additional
   * files), otherwise it processes that long while its chunks are joined in the background.
   */
  newImport(
    fields: Omit<Import, "id" | "batchId" | "state" | "readyAt">,
    processingMs?: number,
  ): Import {
    const item: Import = {
      ...fields,
      id: fields.kind === "files" ? fields.targetId : this.newId(),
      batchId: this.newId(),
      state: "processing",
      readyAt: this.now() + (processingMs ?? 0),
    };
    this.imports.set(item.id, this.refresh(item));
    if (processingMs !== undefined) item.bytes.joinInBackground();
    return item;
  }

  /** Import ids are CF ids (upper case) and v7 file ids RFC uuids (lower case). */
  findImport(id: string): Import | undefined {
    return this.imports.get(id.toUpperCase()) ?? this.imports.get(id.toLowerCase());
  }

  /** The import (legacy import id or v7 file id) a save names, if it can be saved now. */
  readyImport(id: string | undefined): Import | EmulatorResponse {
    if (!id) return v4Error(400, "No importid provided");
    const item = this.findImport(id);
    if (!item || item.savedAs) return v4Error(404, "Import ID not found");
    this.refresh(item);
    if (item.state === "processing") {
      return json(303, { message: "Import not converted yet, please poll", statuscode: "303" });
    }
    if (item.state !== "done") return v4Error(500, "Upload failed or not ready");
    return item;
  }

  /** An import becomes an asset (or a version, or an additional file) once. */
  consume(item: Import, mediaId: string): void {
    item.savedAs = mediaId;
    item.bytes = new Bytes(Buffer.alloc(0)); // the media item holds the bytes now
    this.s3.bucket().delete(item.targetId);
  }

  /** Stops S3's hashing thread. */
  close(): Promise<void> {
    return this.s3.close();
  }
}
