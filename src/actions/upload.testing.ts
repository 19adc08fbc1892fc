/** Helpers shared by the upload action tests (never imported by the component). */
import { createHash } from "node:crypto";
import type { ActionContext } from "@prismatic-io/spectral";
import { harness, useEmulator } from "../../test/support";
import { configureUploads } from "../client";

export const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

export type Logged = { level: string; message: string }[];
/** A context whose logger writes into `lines` (and keeps retry warnings off the console). */
export const loggerInto = (lines: Logged): Partial<ActionContext> => ({
  logger: Object.fromEntries(
    ["info", "warn", "debug", "error", "log", "trace", "metric"].map((level) => [
      level,
      (message: string) => void lines.push({ level, message }),
    ]),
  ) as unknown as ActionContext["logger"],
});

/** Runs an action; resolves to its error (or fails the test if it succeeded). */
export const failure = async (key: string, params: Record<string, unknown>): Promise<Error> => {
  const result = await harness.action(key, params, loggerInto([])).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in result)) throw new Error(`${key} succeeded: ${JSON.stringify(result.value)}`);
  return result.error as Error;
};

/** Same keys and value types, recursively (arrays: their first item). */
export const shapeOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  }
  return value === null ? "null" : typeof value;
};

/** The emulator's first brand, and an asset of the seed to add versions and files to. */
export const portalOf = (env: ReturnType<typeof useEmulator>) => ({
  brandId: () => env.emulator.portal.brands[0].id,
  someAsset: () => [...env.emulator.portal.media.values()][3],
});

/** The file's emulator (imports processed in 60 ms), with chunk deadlines and polls shortened. */
export const useUploadEmulator = () => {
  configureUploads({
    chunkTimeoutMs: 2_000,
    pollInitialMs: 20,
    pollMaxMs: 100,
    progressIntervalMs: 0,
  });
  return useEmulator({ processingMs: 60 });
};
