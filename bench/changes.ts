/**
 * Change triggers at scale (`npm run bench changes`): an initial sync of 100,000 assets and a
 * bulk edit of 20,000 assets stamped in one second, each read by New and Updated Records
 * (Batched) page by page and, side by side, by one poll of New and Updated Records (one payload).
 * Each reader runs in its own worker process, so its memory is its own.
 */
import type { createHarness } from "@prismatic-io/spectral/dist/testing";
import type { BynderEmulator } from "../emulator/server";
import { seedAssets } from "../emulator/seed";
import { quiet, type Row } from "./shared";

const SYNC_ASSETS = Number(process.env.BENCH_SYNC_ASSETS ?? 100_000);
const BULK_ASSETS = Number(process.env.BENCH_BULK_ASSETS ?? 20_000);

type Worker = (
  name: string,
  emulator: BynderEmulator,
  extra?: Record<string, unknown>,
) => Promise<Record<string, number & string>>;

const MiB = 1024 * 1024;
/** Requests the triggers sent (not the workers' token requests). */
const listRequests = (emulator: BynderEmulator) =>
  emulator.requestsTo("/api/v4/media", "GET").length +
  emulator.requestsTo("/api/trash/media", "GET").length;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

/** The polling state a trigger saves on its first run (its starting point). */
const startingPoint = async (
  harness: ReturnType<typeof createHarness>,
  key: string,
  connection: unknown,
) => {
  const instanceState: Record<string, unknown> = {};
  await harness.trigger(
    key,
    undefined,
    { connection, resourceType: "assets" },
    {
      ...quiet,
      instanceState,
    },
  );
  return (instanceState.__prismaticInternal as { polling: Record<string, unknown> }).polling;
};

export const changes = async (
  rows: Row[],
  details: Record<string, unknown>,
  tools: {
    emulator: BynderEmulator;
    worker: Worker;
    harness: ReturnType<typeof createHarness>;
    connection: unknown;
  },
) => {
  const { emulator, worker, harness, connection } = tools;
  const { portal } = emulator;
  seedAssets(portal, SYNC_ASSETS);

  // Initial sync: every asset, as `existing`; the poll's equivalent is a poll from long ago.
  emulator.clearLog();
  const sync = await worker("sync:batched", emulator);
  const syncRequests = listRequests(emulator);
  emulator.clearLog();
  const syncPoll = await worker("sync:poll", emulator, {
    state: { lastPolledAt: "2000-01-01T00:00:00Z" },
  });
  const syncPollRequests = listRequests(emulator);
  if (sync.items !== SYNC_ASSETS || syncPoll.items !== SYNC_ASSETS) {
    throw new Error(`sync delivered ${sync.items} and ${syncPoll.items} of ${SYNC_ASSETS}`);
  }
  details.initialSync = { batched: { ...sync, requests: syncRequests }, poll: syncPoll };
  rows.push({
    case: `Initial sync of ${SYNC_ASSETS.toLocaleString("en")} assets (memory of one call)`,
    ours: `${mib(sync.perCallPeak)}/call, ${sync.calls} calls, ${syncRequests} req, ${sync.ms} ms`,
    baseline: `1 payload ${mib(syncPoll.payloadBytes)}, ${mib(syncPoll.peak)}, ${syncPollRequests} req, ${syncPoll.ms} ms`,
    ratio: syncPoll.peak / sync.perCallPeak,
    target: "one page in memory per call",
    met: sync.largestPageBytes < syncPoll.payloadBytes / 50,
  });

  // Bulk edit: 20,000 assets stamped in one second, after both triggers took their starting point.
  const batchedState = await startingPoint(harness, "batchedChangesTrigger", connection);
  const pollState = await startingPoint(harness, "pollChangesTrigger", connection);
  const second = Math.floor(portal.now() / 1000) * 1000 + 1000;
  portal.now = () => second;
  let edited = 0;
  for (const media of portal.media.values()) {
    if (edited++ >= BULK_ASSETS) break;
    media.description = "bulk edit";
    portal.touch(media);
  }
  emulator.clearLog();
  const bulk = await worker("bulk:batched", emulator, { state: batchedState });
  const bulkRequests = listRequests(emulator);
  emulator.clearLog();
  const bulkPoll = await worker("bulk:poll", emulator, { state: pollState });
  const bulkPollRequests = listRequests(emulator);
  if (bulk.items !== BULK_ASSETS || bulkPoll.items !== BULK_ASSETS) {
    throw new Error(`bulk edit delivered ${bulk.items} and ${bulkPoll.items} of ${BULK_ASSETS}`);
  }
  details.bulkEdit = { batched: { ...bulk, requests: bulkRequests }, poll: bulkPoll };
  rows.push({
    case: `Bulk edit of ${BULK_ASSETS.toLocaleString("en")} assets in one second (memory of one call)`,
    ours: `${mib(bulk.perCallPeak)}/call, ${bulk.calls} calls, ${bulkRequests} req, ${bulk.ms} ms; state ${mib(bulk.stateBytes)}`,
    baseline: `1 payload ${mib(bulkPoll.payloadBytes)}, ${mib(bulkPoll.peak)}, ${bulkPollRequests} req, ${bulkPoll.ms} ms`,
    ratio: bulkPoll.peak / bulk.perCallPeak,
    target: "one page in memory per call",
    met: bulk.largestPageBytes < bulkPoll.payloadBytes / 10,
  });
};
