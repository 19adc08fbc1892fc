/**
 * Worker side of the change-trigger benchmarks (bench/changes.ts runs them): the batched trigger
 * page by page, measuring what one perform call holds, side by side with one poll of
 * pollChangesTrigger that returns the same changes in one payload.
 */
import type { createHarness } from "@prismatic-io/spectral/dist/testing";
import { quiet } from "./shared";

type Harness = ReturnType<typeof createHarness>;

export interface ChangeCaseTools {
  ours: () => Promise<{ harness: Harness; connection: unknown }>;
  /** Collects garbage and restarts the peak counters; returns the baseline. */
  startMeasuring: () => { baselineRss: number; baselineLive: number };
  /** The peak "live" memory (JS heap + Buffers) since the last startMeasuring. */
  peakLive: () => number;
  /** The saved polling state to start from (taken before the bulk edit), if any. */
  state?: Record<string, unknown>;
}

type Result = Record<string, unknown>;

/** The initial sync (onDeploy) or one scheduled run, perform after perform, as Prismatic does. */
const batchedRun = async (tools: ChangeCaseTools, sync: boolean): Promise<Result> => {
  const { harness, connection } = await tools.ours();
  const instanceState: Record<string, unknown> = tools.state
    ? { __prismaticInternal: { polling: tools.state } }
    : {};
  const component = (harness as unknown as { component: { triggers: Record<string, never> } })
    .component;
  const trigger = component.triggers.batchedChangesTrigger as Record<string, unknown>;
  if (sync) trigger.perform = trigger.onDeployPerform; // the harness runs `perform`
  let paginationState: unknown = null;
  let calls = 0;
  let items = 0;
  let perCallPeak = 0;
  let largestPageBytes = 0;
  const started = Date.now();
  do {
    const { baselineLive } = tools.startMeasuring();
    const result = (await harness.trigger(
      "batchedChangesTrigger",
      paginationState ? ({ paginationState } as never) : undefined,
      { connection, resourceType: "assets" },
      { ...quiet, instanceState },
    )) as unknown as { payload: { body: { data: unknown[] }; paginationState: unknown } };
    perCallPeak = Math.max(perCallPeak, tools.peakLive() - baselineLive);
    calls++;
    items += result.payload.body.data.length;
    largestPageBytes = Math.max(largestPageBytes, JSON.stringify(result.payload.body.data).length);
    paginationState = result.payload.paginationState;
  } while (paginationState);
  const saved = JSON.stringify(
    (instanceState.__prismaticInternal as { polling?: unknown } | undefined)?.polling ?? {},
  );
  return {
    ms: Date.now() - started,
    calls,
    items,
    perCallPeak,
    largestPageBytes,
    stateBytes: saved.length,
  };
};

/** One poll of pollChangesTrigger from the given state: every change in one payload. */
const onePoll = async (tools: ChangeCaseTools): Promise<Result> => {
  const { harness, connection } = await tools.ours();
  const instanceState = { __prismaticInternal: { polling: tools.state ?? {} } };
  const { baselineLive } = tools.startMeasuring();
  const started = Date.now();
  const result = (await harness.trigger(
    "pollChangesTrigger",
    undefined,
    { connection, resourceType: "assets" },
    { ...quiet, instanceState },
  )) as { payload: { body: { data: { created: unknown[]; updated: unknown[] } } } };
  const ms = Date.now() - started;
  const peak = tools.peakLive() - baselineLive;
  const { data } = result.payload.body;
  return {
    ms,
    items: data.created.length + data.updated.length,
    peak,
    payloadBytes: JSON.stringify(data).length,
  };
};

export const changeCases = (tools: ChangeCaseTools): Record<string, () => Promise<Result>> => ({
  "sync:batched": () => batchedRun(tools, true),
  "sync:poll": () => onePoll(tools),
  "bulk:batched": () => batchedRun(tools, false),
  "bulk:poll": () => onePoll(tools),
});
