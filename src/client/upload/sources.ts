/**
 * Sources of an upload: a file in memory, or a Source URL streamed in chunk-sized buffers with
 * back-pressure, so at most `parallel + 1` chunks are in memory whatever the file's size.
 */
import { pipeline, Transform, type Readable } from "node:stream";
import zlib from "node:zlib";
import type { BynderClient } from "../client";
import { BynderError, InputError } from "../errors";
import { fileNameFromDisposition, fileNameFromUrl } from "../fileNames";
import { redactUrl } from "../urls";
import { uploadSettings } from "./settings";

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
  /** Lets go of the source (closes a download); safe to call more than once. */
  close(): void;
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
  close: noop,
});

/**
 * A URL for an error or a log line: no query values (they may be signatures or tokens of another
 * service), only the parameters' names.
 */
const urlWithoutQueryValues = (value: string): string => {
  try {
    const url = new URL(value);
    const names = [...new Set(url.searchParams.keys())];
    const query = names.length ? `?${names.map((name) => `${name}=…`).join("&")}` : "";
    return `${url.origin}${url.pathname}${query}`;
  } catch {
    return redactUrl(value);
  }
};

/**
 * Reads a stream into chunk-sized buffers. The stream is read only while the consumer asks for
 * the next chunk, so a slow upload pauses the download (back-pressure) and memory stays bounded.
 * `url` names the download in errors.
 */
export async function* chunksOfStream(
  stream: AsyncIterable<Buffer | string> & { destroy?: (error?: Error) => void },
  chunkSize: number,
  memory: MemoryGauge,
  expectedSize?: number,
  url?: string,
): AsyncGenerator<Chunk> {
  let buffer: Buffer | undefined;
  let release: () => void = noop;
  const spare: Buffer[] = [];
  let filled = 0;
  let total = 0;
  let yielded = false;
  const from = url === undefined ? "" : ` from ${urlWithoutQueryValues(url)}`;
  const announced = (verb: string) =>
    `Source URL: the download ${verb} the ${expectedSize} bytes its Content-Length announced (got ${total}${from})`;
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
          `Source URL: the download stalled: no data for ${seconds < 1 ? seconds : Math.round(seconds)} s after ${total} bytes${from}`,
        );
        stream.destroy?.(error); // closes the connection
        reject(error);
      }, uploadSettings.sourceStallMs);
    });
    try {
      return await Promise.race([pieces.next(), deadline]);
    } catch (error) {
      if (error instanceof BynderError || error instanceof InputError) throw error;
      // The connection broke off (a truncated body reads as "aborted"): say which download.
      const reason = (error as Error).message || String(error);
      throw new BynderError(
        expectedSize === undefined
          ? `Source URL: the download broke off after ${total} bytes${from}: ${reason}`
          : `${announced("ended before")}: ${reason}`,
      );
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
      throw new BynderError(announced(total > expectedSize ? "ran past" : "ended before"));
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

/**
 * Inflates "deflate": properly a zlib stream, but some servers send raw deflate; the first byte
 * tells them apart (a zlib header's low nibble is 8).
 */
const inflateEither = (): Transform => {
  let inner: zlib.Inflate | zlib.InflateRaw | undefined;
  return new Transform({
    transform(piece: Buffer, _encoding, done) {
      if (!inner) {
        inner = (piece[0] & 0x0f) === 8 ? zlib.createInflate() : zlib.createInflateRaw();
        inner.on("data", (out: Buffer) => this.push(out));
        inner.on("error", (error) => this.destroy(error));
      }
      if (inner.write(piece)) done();
      else inner.once("drain", done);
    },
    flush(done) {
      if (!inner) return done();
      inner.once("end", done);
      inner.end();
    },
  });
};

/** A decoder for one Content-Encoding; undefined for none. */
const decoderFor = (encoding: string | undefined): Transform | undefined => {
  const name = (encoding ?? "").trim().toLowerCase();
  if (name === "" || name === "identity") return undefined;
  if (name === "gzip" || name === "x-gzip") return zlib.createGunzip();
  if (name === "deflate") return inflateEither();
  if (name === "br") return zlib.createBrotliDecompress();
  throw new BynderError(
    `Source URL: the server sent the file with Content-Encoding "${name.slice(0, 40)}", which cannot be decoded here (gzip, deflate and br can).`,
  );
};

/** Counts the bytes that pass (the encoded body, to hold against Content-Length). */
const byteCounter = () => {
  const counted = { bytes: 0 };
  const stream = new Transform({
    transform(piece: Buffer, _encoding, done) {
      counted.bytes += piece.length;
      done(null, piece);
    },
  });
  return { stream, counted };
};

/**
 * Opens a Source URL as a stream (GET, never with the Bynder token), with the size and name the
 * server gives (Content-Length, Content-Disposition, else the URL's last segment). A compressed
 * answer (Content-Encoding gzip, deflate, br) is decoded here, with its Content-Length held
 * against the bytes as sent; the decoded size is then known only at the end.
 */
export const openSourceUrl = async (bynder: BynderClient, url: string): Promise<FileSource> => {
  const response = await bynder
    .external<Readable>(url, {
      method: "GET",
      responseType: "stream",
      // Asked for as stored; a server that compresses anyway is decoded below, not by the HTTP
      // client (which would drop Content-Encoding and keep the compressed Content-Length).
      headers: { "Accept-Encoding": "identity" },
      decompress: false,
      what: "Source URL",
      timeoutMs: uploadSettings.sourceTimeoutMs,
    })
    .catch((error: unknown) => {
      if (error instanceof InputError) throw error;
      const detail = (error as Error).message.replace(/^Bynder GET \S+ failed/, "");
      throw new BynderError(
        `Source URL: downloading ${urlWithoutQueryValues(url)} failed${detail}`,
        error instanceof BynderError ? error.status : undefined,
      );
    });
  const raw = response.data;
  const header = response.headers["content-length"];
  const length = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  let decoder: Transform | undefined;
  try {
    decoder = decoderFor(response.headers["content-encoding"]);
  } catch (error) {
    raw.destroy();
    throw error;
  }
  const close = () => {
    raw.destroy();
    decoder?.destroy();
  };
  let opened = false;
  return {
    size: decoder ? undefined : length,
    fileName:
      fileNameFromDisposition(response.headers["content-disposition"]) ?? fileNameFromUrl(url),
    contentType: response.headers["content-type"]?.split(";")[0].trim() || undefined,
    chunks(chunkSize, memory) {
      if (opened) throw new BynderError("Source URL: the download can be read only once");
      opened = true;
      if (!decoder) return chunksOfStream(raw, chunkSize, memory, length, url);
      const { stream: counter, counted } = byteCounter();
      const decoded = pipeline(raw, counter, decoder, noop);
      return encodedChunks(
        chunksOfStream(decoded, chunkSize, memory, undefined, url),
        () => counted.bytes,
        length,
        url,
      );
    },
    close,
  };
};

/** The decoded chunks, then a check that the body as sent was as long as its Content-Length. */
async function* encodedChunks(
  chunks: AsyncGenerator<Chunk>,
  sent: () => number,
  length: number | undefined,
  url: string,
): AsyncGenerator<Chunk> {
  yield* chunks;
  if (length !== undefined && sent() !== length) {
    throw new BynderError(
      `Source URL: the download ${sent() > length ? "ran past" : "ended before"} the ${length} bytes its Content-Length announced (got ${sent()} from ${urlWithoutQueryValues(url)})`,
    );
  }
}
