/** Timing and sizes of uploads, shared by every file of the upload package. */
import type { ClientContext } from "../client";

export const MiB = 1024 * 1024;

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

export type Logger = NonNullable<ClientContext["logger"]>;

/** " of 10", or nothing when the total is not known yet. */
export const of = (total: number | string | undefined) =>
  total === undefined ? "" : ` of ${total}`;

export const formatMiB = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
