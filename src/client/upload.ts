/**
 * Bynder's two upload flows on top of BynderClient.
 *
 * Legacy (every Bynder portal): closest S3 endpoint, init (a signed S3 POST policy), each chunk
 * POSTed to S3 as `<key>/p<n>` and registered with Bynder, finalise, poll until processed, save.
 * Files service (`/v7/file_cmds/upload`): prepare, chunks with their SHA-256, finalise with the
 * whole file's SHA-256, save with the file id.
 *
 * `uploadFile` runs either flow end to end: chunks go up `parallel` at a time, each retried on its
 * own when S3 or Bynder fails transiently; a Source URL is read in chunk-sized buffers with
 * back-pressure, so at most `parallel + 1` chunks are in memory whatever the file's size.
 * S3 and the source URL are reached through `external`: the Bynder token never leaves the portal.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { XMLParser } from "fast-xml-parser";
import FormData from "form-data";
import {
  retrySettings,
  type BynderClient,
  type BynderResponse,
  type ClientContext,
  type RequestSpec,
} from "./client";
import { path, type Fields } from "./encoding";
import { BynderError, InputError, bynderMessage } from "./errors";
import { redactUrl } from "./urls";

export const MiB = 1024 * 1024;
/** S3 refuses parts under 5 MiB (except the last), so every chunk but the last is at least this. */
export const MIN_CHUNK_BYTES = 5 * MiB;

/** Timing of uploads; tests shorten them with configureUploads. */
export const uploadSettings = {
  /** Deadline of one chunk request (S3 POST or v7 chunk), per attempt. */
  chunkTimeoutMs: 5 * 60_000,
  /**
   * Wait between two polls during the first pollSteadyMs: most files are processed within a
   * second or two, and a poll is one small request. After that the wait doubles up to pollMaxMs,
   * so a large file, processed in minutes, costs only a few more polls.
   */
  pollInitialMs: 250,
  pollSteadyMs: 2_000,
  pollMaxMs: 15_000,
  /** Least time between two progress lines (the last chunk is always logged). */
  progressIntervalMs: 5_000,
  /**
   * How long a Source URL may wait for its response headers, and how long its connection may sit
   * idle while uploads hold the reading back (the HTTP client's idle timer counts those pauses).
   */
  sourceTimeoutMs: 30 * 60_000,
  /** A Source URL that sends nothing for this long while we wait for data has stalled. */
  sourceStallMs: 60_000,
};
export const configureUploads = (settings: Partial<typeof uploadSettings>): void => {
  Object.assign(uploadSettings, settings);
};

type Logger = NonNullable<ClientContext["logger"]>;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Bynder's answers
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// The single steps (each is also an action)
// ---------------------------------------------------------------------------------------------

export const getClosestS3Endpoint = (bynder: BynderClient): Promise<string> =>
  bynder.get<string>("/api/upload/endpoint/");

export const initialiseUpload = (
  bynder: BynderClient,
  filename: string,
): Promise<InitUploadResponse> =>
  bynder.postForm<InitUploadResponse>("/api/upload/init/", { filename });

const xml = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, htmlEntities: true });

/** The `<key>/p<n>` key a chunk is stored under and registered with. */
export const chunkKey = (key: string, chunk: number) => `${key}/p${chunk}`;

/**
 * The multipart form S3's POST Object takes: every policy field in the order init gave them, with
 * `key` (and plupload's `Filename`) set to the chunk's key, then `name`, `chunk`, `chunks`,
 * `Filename` and, last as S3 requires, the file.
 */
export const s3ChunkForm = (
  params: Record<string, unknown>,
  chunk: number,
  chunks: number,
  data: Buffer,
): { form: FormData; key: string } => {
  const base = params.key;
  if (typeof base !== "string" || !base) {
    throw new InputError(
      "Multipart Parameters has no key: use multipart_params from Initialize Upload.",
    );
  }
  const key = chunkKey(base, chunk);
  const name = `${base.split("/").pop()}/p${chunk}`;
  const form = new FormData();
  const late = new Set(["name", "chunk", "chunks", "filename", "file"]);
  for (const [field, value] of Object.entries(params)) {
    if (late.has(field.toLowerCase()) || value === undefined || value === null) continue;
    form.append(field, field === "key" ? key : String(value));
  }
  form.append("name", name);
  form.append("chunk", String(chunk));
  form.append("chunks", String(chunks));
  form.append("Filename", key);
  form.append("file", data, {
    filename: base.split("/").pop(),
    contentType: "application/octet-stream",
    knownLength: data.length,
  });
  return { form, key };
};

type External = (
  url: string,
  spec: Omit<RequestSpec, "path" | "query"> & { what?: string },
) => Promise<BynderResponse<unknown>>;

/** One attempt at POSTing a chunk to S3 (no Authorization header: it is not Bynder). */
export const postChunkToS3 = async (
  send: External,
  uploadUrl: string,
  params: Record<string, unknown>,
  chunk: number,
  chunks: number,
  data: Buffer,
): Promise<S3ChunkResult> => {
  const { form, key } = s3ChunkForm(params, chunk, chunks, data);
  const response = await send(uploadUrl, {
    method: "POST",
    body: form,
    headers: { ...form.getHeaders(), "Content-Length": String(form.getLengthSync()) },
    responseType: "text",
    timeoutMs: uploadSettings.chunkTimeoutMs,
    maxRetries: 0,
    what: "Upload URL",
  });
  const body = typeof response.data === "string" ? response.data : "";
  const parsed = body.trim() ? (xml.parse(body) as Omit<S3ChunkResult, "filename">) : {};
  return { ...parsed, filename: key };
};

const TRANSIENT_NETWORK =
  /ECONNRESET|ECONNREFUSED|ETIMEDOUT|ECONNABORTED|EPIPE|EAI_AGAIN|socket hang up|timeout|aborted/i;

/**
 * 429, 408, 5xx, and network failures that may pass (a reset, a timeout; not an unknown host)
 * are worth another attempt.
 */
const isTransient = (error: unknown) =>
  error instanceof BynderError &&
  (error.status === undefined
    ? TRANSIENT_NETWORK.test(error.message)
    : error.status === 408 || error.status === 429 || error.status >= 500);

const backoff = (tries: number, status?: number) => {
  const base = status === 429 ? retrySettings.baseDelayMs * 2 : retrySettings.baseDelayMs;
  const ceiling = Math.min(retrySettings.maxDelayMs, base * 2 ** tries);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
};

/** Runs `attempt` again after transient failures, up to retrySettings.maxRetries more times. */
export const withRetries = async <T>(
  label: string,
  attempt: () => Promise<T>,
  logger?: Logger,
): Promise<T> => {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransient(error) || tries >= retrySettings.maxRetries) throw error;
      const delay = backoff(tries, (error as BynderError).status);
      logger?.warn(
        `${label} failed (${(error as Error).message}); retry ${tries + 1} of ${retrySettings.maxRetries} in ${delay} ms`,
      );
      await sleep(delay);
    }
  }
};

/** Uploads one chunk to S3 with retries; a failure reads "Uploading chunk 3 of 10 to S3 failed…". */
export const uploadChunkToS3 = (
  send: External,
  options: {
    uploadUrl: string;
    params: Record<string, unknown>;
    chunk: number;
    chunks: number;
    data: Buffer;
    logger?: Logger;
  },
): Promise<S3ChunkResult> =>
  withRetries(
    `S3 upload of chunk ${options.chunk}`,
    () =>
      postChunkToS3(
        send,
        options.uploadUrl,
        options.params,
        options.chunk,
        options.chunks,
        options.data,
      ),
    options.logger,
  ).catch((error: unknown) => {
    throw chunkError(`Uploading chunk ${options.chunk} of ${options.chunks} to S3`, error);
  });

/** "<what> failed (HTTP 403): <the server's message>", keeping the status and body. */
const chunkError = (what: string, error: unknown) => {
  if (!(error instanceof BynderError)) return error;
  const detail =
    (error.body !== undefined ? bynderMessage(error.body) : undefined) ??
    error.message.replace(/^Bynder \S+ \S+ failed(?: with HTTP \d+)?:\s*/, "");
  return new BynderError(
    `${what} failed${error.status ? ` (HTTP ${error.status})` : ""}: ${detail}`,
    error.status,
    error.method,
    error.path,
    error.body,
  );
};

export const registerChunk = (
  bynder: BynderClient,
  options: { uploadId: string; targetId: string; filename: string; chunkNumber: number },
): Promise<unknown> =>
  bynder
    .request({
      method: "POST",
      path: "/api/v4/upload/",
      form: {
        id: options.uploadId,
        targetid: options.targetId,
        filename: options.filename,
        chunkNumber: options.chunkNumber,
      },
      idempotent: true,
    })
    .then((response) => response.data);

export const finaliseUpload = (
  bynder: BynderClient,
  options: {
    uploadId: string;
    targetId: string;
    s3Filename: string;
    chunks: number;
    originalFilename?: string;
  },
): Promise<FinaliseResponse> =>
  bynder.postForm<FinaliseResponse>(path`/api/v4/upload/${options.uploadId}/`, {
    targetid: options.targetId,
    s3_filename: options.s3Filename,
    chunks: options.chunks,
    original_filename: options.originalFilename,
  });

/** Finalises a legacy upload straight into an additional file of an asset (no poll, no save). */
export const saveAsAdditional = (
  bynder: BynderClient,
  options: {
    assetId: string;
    uploadId: string;
    targetId?: string;
    s3Filename?: string;
    chunks?: number;
  },
): Promise<SaveResponse> =>
  bynder.postForm<SaveResponse>(
    path`/api/v4/media/${options.assetId}/save/additional/${options.uploadId}/`,
    { targetid: options.targetId, s3_filename: options.s3Filename, chunks: options.chunks },
  );

export const pollState = (bynder: BynderClient, items: string[]): Promise<PollState> =>
  bynder.get<PollState>("/api/v4/upload/poll/", { items });

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

export const saveAsNewAsset = (
  bynder: BynderClient,
  importId: string,
  fields: Fields,
): Promise<SaveResponse> =>
  bynder.postForm<SaveResponse>(path`/api/v4/media/save/${importId}/`, fields);

export const saveAsNewVersion = (
  bynder: BynderClient,
  assetId: string,
  importId: string,
): Promise<SaveResponse> =>
  bynder.postForm<SaveResponse>(path`/api/v4/media/${assetId}/save/${importId}/`, {});

// Files service (v7) ---------------------------------------------------------------------------

export const prepareFileUpload = async (bynder: BynderClient): Promise<string> => {
  const { file_id: fileId } = await bynder.postJson<{ file_id: string }>(
    "/v7/file_cmds/upload/prepare",
    {},
  );
  if (typeof fileId !== "string" || !fileId) {
    throw new BynderError("Bynder's upload prepare call returned no file_id");
  }
  return fileId;
};

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

export const uploadFileChunk = (
  bynder: BynderClient,
  fileId: string,
  chunk: number,
  data: Buffer,
): Promise<unknown> =>
  bynder
    .request({
      method: "POST",
      path: path`/v7/file_cmds/upload/${fileId}/chunk/${chunk}`,
      body: data,
      headers: { "Content-Type": "application/octet-stream", "Content-SHA256": sha256(data) },
      idempotent: true,
      timeoutMs: uploadSettings.chunkTimeoutMs,
    })
    .then((response) => response.data);

/** Finalises a v7 upload; returns Bynder's correlation id (x-api-correlation-id). */
export const finaliseFileUpload = async (
  bynder: BynderClient,
  fileId: string,
  fields: { fileName: string; fileSize: number; chunksCount: number; sha256: string },
): Promise<string | undefined> => {
  const response = await bynder.request({
    method: "POST",
    path: path`/v7/file_cmds/upload/${fileId}/finalise_api`,
    form: fields,
  });
  return response.headers["x-api-correlation-id"];
};

// ---------------------------------------------------------------------------------------------
// Sources: a file in memory, or a URL streamed in chunk-sized buffers
// ---------------------------------------------------------------------------------------------

/**
 * One chunk of the file; `release` gives its buffer back once the chunk is uploaded. The buffer is
 * then reused for a later chunk: nothing may read `data` after `release`.
 */
export interface Chunk {
  data: Buffer;
  release(): void;
}

export interface FileSource {
  /** Bytes in total, when known before reading (a URL may not say). */
  size?: number;
  fileName?: string;
  contentType?: string;
  /** Chunks of exactly `chunkSize` bytes, the last shorter; at least one (empty for 0 bytes). */
  chunks(chunkSize: number, memory: MemoryGauge): AsyncIterable<Chunk>;
}

/** Counts the chunk buffers an upload allocated and still holds, and the most at once. */
export class MemoryGauge {
  live = 0;
  peak = 0;
  bytes = 0;
  peakBytes = 0;
  take(size: number): () => void {
    this.live++;
    this.bytes += size;
    this.peak = Math.max(this.peak, this.live);
    this.peakBytes = Math.max(this.peakBytes, this.bytes);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.live--;
      this.bytes -= size;
    };
  }
}

const noop = () => undefined;

// eslint-disable-next-line @typescript-eslint/require-await -- an async iterable like the stream's
async function* sliceBuffer(data: Buffer, chunkSize: number): AsyncGenerator<Chunk> {
  if (data.length === 0) yield { data, release: noop };
  for (let offset = 0; offset < data.length; offset += chunkSize) {
    yield { data: data.subarray(offset, offset + chunkSize), release: noop };
  }
}

/** A file already in memory: chunks are views of it, nothing is copied or allocated. */
export const bufferSource = (
  data: Buffer,
  fileName?: string,
  contentType?: string,
): FileSource => ({
  size: data.length,
  fileName,
  contentType,
  chunks: (chunkSize: number) => sliceBuffer(data, chunkSize),
});

/**
 * Reads a stream into chunk-sized buffers. The stream is read only while the consumer asks for
 * the next chunk, so a slow upload pauses the download (back-pressure) and memory stays bounded.
 */
export async function* chunksOfStream(
  stream: AsyncIterable<Buffer | string> & { destroy?: (error?: Error) => void },
  chunkSize: number,
  memory: MemoryGauge,
  expectedSize?: number,
): AsyncGenerator<Chunk> {
  let buffer: Buffer | undefined;
  let release: () => void = noop;
  const spare: Buffer[] = [];
  let filled = 0;
  let total = 0;
  let yielded = false;
  const pieces = stream[Symbol.asyncIterator]();
  let stalled = false;
  /** The next piece; a stream that sends nothing for sourceStallMs while we wait has stalled. */
  const nextPiece = async () => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        stalled = true;
        const seconds = uploadSettings.sourceStallMs / 1000;
        const error = new BynderError(
          `Source URL: the download stalled: no data for ${seconds < 1 ? seconds : Math.round(seconds)} s after ${total} bytes`,
        );
        stream.destroy?.(error); // closes the connection
        reject(error);
      }, uploadSettings.sourceStallMs);
    });
    try {
      return await Promise.race([pieces.next(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    for (;;) {
      const next = await nextPiece();
      if (next.done) break;
      const piece = next.value;
      const bytes = typeof piece === "string" ? Buffer.from(piece) : piece;
      total += bytes.length;
      if (expectedSize !== undefined && total > expectedSize) break;
      let offset = 0;
      while (offset < bytes.length) {
        if (!buffer) {
          // Chunk buffers are recycled once uploaded: the garbage collector frees a spent 5 MiB
          // buffer late, and memory would climb well past (parallel + 1) chunks before it did.
          const taken = spare.pop() ?? Buffer.allocUnsafe(chunkSize);
          const accounted = memory.take(chunkSize);
          buffer = taken;
          release = () => {
            accounted();
            spare.push(taken);
          };
        }
        const count = Math.min(chunkSize - filled, bytes.length - offset);
        bytes.copy(buffer, filled, offset, offset + count);
        filled += count;
        offset += count;
        if (filled === chunkSize) {
          const full = { data: buffer, release };
          buffer = undefined;
          release = noop;
          filled = 0;
          yielded = true;
          yield full;
        }
      }
    }
    if (expectedSize !== undefined && total !== expectedSize) {
      throw new BynderError(
        `Source URL: the download ${total > expectedSize ? "ran past" : "ended before"} the ${expectedSize} bytes its Content-Length announced`,
      );
    }
    if (buffer) {
      const last = { data: buffer.subarray(0, filled), release };
      buffer = undefined;
      yield last;
    } else if (!yielded) {
      yield { data: Buffer.alloc(0), release: noop };
    }
  } finally {
    if (buffer) release(); // a partly filled chunk that will never be uploaded
    // Leaving early closes the stream; a stalled one is closed already (and its read still hangs).
    if (!stalled) await pieces.return?.();
  }
}

const fileNameFromDisposition = (header: string | undefined): string | undefined => {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)?''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ""));
    } catch {
      /* fall back to the plain filename */
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  return (plain?.[1] ?? plain?.[2])?.trim() || undefined;
};

const fileNameFromUrl = (url: string): string | undefined => {
  try {
    const last = new URL(url).pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Opens a Source URL as a stream (GET, never with the Bynder token), with the size and name the
 * server gives (Content-Length, Content-Disposition, else the URL's last segment).
 */
export const openSourceUrl = async (bynder: BynderClient, url: string): Promise<FileSource> => {
  const response = await bynder
    .external<Readable>(url, {
      method: "GET",
      responseType: "stream",
      what: "Source URL",
      timeoutMs: uploadSettings.sourceTimeoutMs,
    })
    .catch((error: unknown) => {
      if (error instanceof InputError) throw error;
      const detail = (error as Error).message.replace(/^Bynder GET \S+ failed/, "");
      throw new BynderError(
        `Source URL: downloading ${redactUrl(url)} failed${detail}`,
        error instanceof BynderError ? error.status : undefined,
      );
    });
  const stream = response.data;
  const length = response.headers["content-length"];
  const encoded = !/^(identity)?$/i.test(response.headers["content-encoding"] ?? "");
  const size =
    length !== undefined && /^\d+$/.test(length) && !encoded ? Number(length) : undefined;
  let opened = false;
  return {
    size,
    fileName:
      fileNameFromDisposition(response.headers["content-disposition"]) ?? fileNameFromUrl(url),
    contentType: response.headers["content-type"]?.split(";")[0].trim() || undefined,
    chunks(chunkSize, memory) {
      if (opened) throw new BynderError("Source URL: the download can be read only once");
      opened = true;
      return chunksOfStream(stream, chunkSize, memory, size);
    },
  };
};

// ---------------------------------------------------------------------------------------------
// Upload File: the whole job
// ---------------------------------------------------------------------------------------------

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

const formatMiB = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

/** Logs "Upload of Logo.png: 4 of 10 chunks, 20.0 MiB of 50.0 MiB, 12.3 MiB/s". */
class Progress {
  private done = 0;
  private bytes = 0;
  private lastLog = 0;
  readonly started = Date.now();
  readonly total: number | undefined;
  constructor(
    private readonly fileName: string,
    private readonly size: number | undefined,
    chunkSize: number,
    private readonly logger?: Logger,
  ) {
    this.total = size === undefined ? undefined : Math.max(1, Math.ceil(size / chunkSize));
  }
  chunkDone(bytes: number) {
    this.done++;
    this.bytes += bytes;
    const now = Date.now();
    const last = this.done === this.total;
    if (!last && now - this.lastLog < uploadSettings.progressIntervalMs) return;
    this.lastLog = now;
    const rate = this.bytes / Math.max((now - this.started) / 1000, 0.001);
    const of = (n: string | number | undefined) => (n === undefined ? "" : ` of ${n}`);
    this.logger?.info(
      `Upload of ${this.fileName}: ${this.done}${of(this.total)} chunks, ${formatMiB(this.bytes)}${of(this.size === undefined ? undefined : formatMiB(this.size))}, ${formatMiB(rate)}/s`,
    );
  }
}

/**
 * Reads the source chunk by chunk and runs `handle` on up to `parallel` chunks at once. The next
 * chunk is read while uploads run, one ahead at most: `parallel + 1` chunks held at the peak.
 * The first persistent failure stops the reading (closing the source) and is thrown once the
 * chunks already in flight have settled.
 */
export const pumpChunks = async (
  source: FileSource,
  chunkSize: number,
  parallel: number,
  memory: MemoryGauge,
  progress: Pick<Progress, "chunkDone">,
  handle: (data: Buffer, index: number, highestSeen: number) => Promise<void>,
  hashing = false,
): Promise<{ chunks: number; size: number; sha256: string }> => {
  const hash = hashing ? createHash("sha256") : undefined;
  const iterator = source.chunks(chunkSize, memory)[Symbol.asyncIterator]();
  const inflight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let count = 0;
  let size = 0;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = next.value;
      hash?.update(chunk.data);
      size += chunk.data.length;
      while (inflight.size >= parallel && !failure) await Promise.race(inflight);
      if (failure) {
        chunk.release();
        break;
      }
      const index = count++;
      const task: Promise<void> = handle(chunk.data, index, count)
        .then(
          () => progress.chunkDone(chunk.data.length),
          (error: unknown) => {
            failure ??= { error };
          },
        )
        .finally(() => {
          chunk.release();
          inflight.delete(task);
        });
      inflight.add(task);
    }
  } catch (error) {
    failure ??= { error };
  } finally {
    if (failure) await iterator.return?.(undefined)?.catch(() => undefined);
    await Promise.all(inflight);
  }
  if (failure) throw failure.error;
  return { chunks: count, size, sha256: hash?.digest("hex") ?? "" };
};

const isNotConverted = (error: unknown) => error instanceof BynderError && error.status === 303;

/**
 * Saves, and if Bynder answers 303 ("Import not converted yet, please poll") polls and saves
 * again, within the processing timeout.
 */
const saveWhenReady = async (
  bynder: BynderClient,
  importId: string,
  deadline: number,
  save: () => Promise<SaveResponse>,
  logger?: Logger,
): Promise<SaveResponse> => {
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

const failedImport = (state: PollState, importId: string) => {
  const is = (list: string[] | undefined) =>
    (list ?? []).some((id) => String(id).toLowerCase() === importId.toLowerCase());
  if (is(state.itemsFailed)) return "failed";
  if (is(state.itemsRejected)) return "was rejected";
  return undefined;
};

/** The whole upload: file to saved asset, by either flow. */
export const uploadFile = async (
  bynder: BynderClient,
  options: UploadFileOptions,
): Promise<UploadFileResult> => {
  const started = Date.now();
  const { source, fileName, logger } = options;
  const memory = new MemoryGauge();
  const progress = new Progress(fileName, source.size, options.chunkSize, logger);
  const deadline = () => Date.now() + options.processingTimeoutMs;
  const save = async (importId: string, until: number) => {
    if (options.saveAs === "newVersion") {
      return saveWhenReady(bynder, importId, until, () =>
        saveAsNewVersion(bynder, options.assetId!, importId),
      );
    }
    if (options.saveAs === "additional") {
      return saveWhenReady(bynder, importId, until, () =>
        saveAsAdditional(bynder, { assetId: options.assetId!, uploadId: importId }),
      );
    }
    return saveWhenReady(
      bynder,
      importId,
      until,
      () => saveAsNewAsset(bynder, importId, options.assetFields),
      logger,
    );
  };

  let importId: string | null;
  let saved: SaveResponse;
  let pumped: { chunks: number; size: number; sha256: string };

  if (options.method === "filesService") {
    const fileId = await prepareFileUpload(bynder);
    pumped = await pumpChunks(
      source,
      options.chunkSize,
      options.parallel,
      memory,
      progress,
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
      fileName,
      fileSize: pumped.size,
      chunksCount: pumped.chunks,
      sha256: pumped.sha256,
    });
    importId = fileId;
    saved = await save(fileId, deadline());
  } else {
    const [endpoint, init] = await Promise.all([
      getClosestS3Endpoint(bynder),
      initialiseUpload(bynder, fileName),
    ]);
    if (typeof endpoint !== "string" || !endpoint) {
      throw new BynderError("Bynder's closest S3 endpoint call returned no URL");
    }
    const send: External = (url, spec) => bynder.external(url, spec);
    // A chunk's slot (and buffer) is free once S3 has it: registering it with Bynder needs no
    // bytes, so it runs alongside the next uploads. Every registration settles before finalise.
    const registrations: Promise<void>[] = [];
    let registrationFailure: Error | undefined;
    pumped = await pumpChunks(
      source,
      options.chunkSize,
      options.parallel,
      memory,
      progress,
      async (data, index, highestSeen) => {
        if (registrationFailure) throw registrationFailure;
        const chunk = index + 1;
        const chunks = progress.total ?? highestSeen;
        const { filename } = await uploadChunkToS3(send, {
          uploadUrl: endpoint,
          params: init.multipart_params,
          chunk,
          chunks,
          data,
          logger,
        });
        registrations.push(
          registerChunk(bynder, {
            uploadId: init.s3file.uploadid,
            targetId: init.s3file.targetid,
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
      },
    ).finally(() => Promise.all(registrations));
    if (registrationFailure) throw registrationFailure;
    const lastKey = chunkKey(init.s3_filename, pumped.chunks);
    if (options.saveAs === "additional") {
      importId = null;
      saved = await saveAsAdditional(bynder, {
        assetId: options.assetId!,
        uploadId: init.s3file.uploadid,
        targetId: init.s3file.targetid,
        s3Filename: lastKey,
        chunks: pumped.chunks,
      });
    } else {
      const finalised = await finaliseUpload(bynder, {
        uploadId: init.s3file.uploadid,
        targetId: init.s3file.targetid,
        s3Filename: lastKey,
        chunks: pumped.chunks,
        originalFilename: fileName,
      });
      importId = finalised.importId;
      const until = deadline();
      const state = await waitForProcessing(bynder, [importId], {
        timeoutMs: options.processingTimeoutMs,
        logger,
      });
      const failed = failedImport(state, importId);
      if (failed)
        throw new BynderError(`Bynder's processing of ${fileName} (import ${importId}) ${failed}.`);
      saved = await save(importId, until);
    }
  }
  if (memory.peak > 0) {
    logger?.info(
      `Upload of ${fileName}: at most ${memory.peak} chunk buffers (${formatMiB(memory.peakBytes)}) were held at once`,
    );
  }
  return {
    mediaId: saved.mediaid ?? options.assetId ?? "",
    importId,
    batchId: saved.batchId ?? null,
    fileName,
    size: pumped.size,
    chunks: pumped.chunks,
    durationMs: Date.now() - started,
  };
};

const of = (total: number | undefined) => (total === undefined ? "" : ` of ${total}`);
