/**
 * The parallel pump: reads a source chunk by chunk and uploads up to `parallel` chunks at once,
 * with a progress line now and then. Which upload a chunk goes to is the caller's (`handle`).
 */
import { createHash } from "node:crypto";
import { BynderError, bynderMessage } from "../errors";
import { formatMiB, of, uploadSettings, type Logger } from "./settings";
import type { FileSource, MemoryGauge } from "./sources";

/** Logs "Upload of Logo.png: 4 of 10 chunks, 20.0 MiB of 50.0 MiB, 12.3 MiB/s". */
export class Progress {
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
    const size = this.size === undefined ? undefined : formatMiB(this.size);
    this.logger?.info(
      `Upload of ${this.fileName}: ${this.done}${of(this.total)} chunks, ${formatMiB(this.bytes)}${of(size)}, ${formatMiB(rate)}/s`,
    );
  }
}

/** "<what> failed (HTTP 403): <the server's message>", keeping the status and body. */
export const chunkError = (what: string, error: unknown) => {
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

export interface Pumped {
  chunks: number;
  size: number;
  /** The whole file's SHA-256 (hex) when asked for, else "". */
  sha256: string;
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
): Promise<Pumped> => {
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
