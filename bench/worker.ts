/**
 * One benchmark case in its own process, so its peak memory is its own. Run by bench/run.ts:
 *   tsx bench/worker.ts <case> <json options>
 * Prints one JSON line: { ms, peakRss, baselineRss, peakLive, baselineLive, ... } (bytes). "Live"
 * is the JS heap plus Buffers in use: what the code holds. RSS also counts memory freed but not
 * yet returned to the operating system.
 */
import { get } from "node:http";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { createHarness } from "@prismatic-io/spectral/dist/testing";
import { clientCredentialsConnection } from "../scripts/clientCredentials";
import { changeCases } from "./changeCases";
import { quiet } from "./shared";

interface Options {
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  brandId?: string;
  sourceUrl?: string;
  size?: number;
  /** Saved polling state a change-trigger case starts from. */
  state?: Record<string, unknown>;
}

const [, , caseName, raw] = process.argv;
const options = JSON.parse(raw) as Options;

/** Peak resident memory, sampled (VmHWM would include start-up, which is the same for both). */
let peakRss = 0;
let peakLive = 0;
/** Resident memory, and the JS heap plus Buffers in use, from one process.memoryUsage() call. */
const memory = () => {
  const usage = process.memoryUsage();
  return { rss: usage.rss, live: usage.heapUsed + usage.arrayBuffers };
};
// Every 20 ms: process.memoryUsage() costs the measured process about a millisecond.
const sampler = setInterval(() => {
  const { rss, live } = memory();
  peakRss = Math.max(peakRss, rss);
  peakLive = Math.max(peakLive, live);
}, 20);

/** Collects garbage, then starts the peak counters from what the process holds now. */
const startMeasuring = () => {
  global.gc?.();
  ({ rss: peakRss, live: peakLive } = memory());
  return { baselineRss: peakRss, baselineLive: peakLive };
};

const ours = async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const component = require(join(__dirname, "..", "dist", "index.js")).default;
  const harness = createHarness(component);
  const connection = await clientCredentialsConnection(options, "bench");
  return { harness, connection };
};

const sdk = async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Bynder = require("@bynder/bynder-js-sdk");
  const client = new Bynder({
    baseURL: `${options.url}/api/`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  });
  await client.getTokenClientCredentials();
  return client;
};

const openSource = () =>
  new Promise<Readable>((resolve, reject) =>
    get(options.sourceUrl!, (res) => resolve(res)).on("error", reject),
  );

const cases: Record<string, () => Promise<Record<string, unknown>>> = {
  "fetch-all:ours": async () => {
    const { harness, connection } = await ours();
    const started = Date.now();
    const result = (await harness.action(
      "listAssets",
      { connection, fetchAll: "true" },
      quiet,
    )) as { data: { media: unknown[] } };
    return { ms: Date.now() - started, records: result.data.media.length };
  },
  "fetch-all:sdk": async () => {
    const client = await sdk();
    const started = Date.now();
    // The SDK's best case: its largest page size (its default is 50).
    const result = await client.getAllMediaItems({ limit: 1000 });
    if (!Array.isArray(result)) throw new Error(`SDK getAllMediaItems failed: ${String(result)}`);
    return { ms: Date.now() - started, records: result.length };
  },
  "fetch-all:sdk-default": async () => {
    const client = await sdk();
    const started = Date.now();
    const result = await client.getAllMediaItems(); // its default page size, 50
    if (!Array.isArray(result)) throw new Error(`SDK getAllMediaItems failed: ${String(result)}`);
    return { ms: Date.now() - started, records: result.length };
  },
  "upload:ours": async () => {
    const { harness, connection } = await ours();
    // The upload reports how many chunk buffers it held at once; keep that line.
    let held = "";
    const logger = {
      ...quiet.logger,
      info: (line: string) => (held = /at most .* held at once/.test(line) ? line : held),
    };
    const { baselineRss, baselineLive } = startMeasuring();
    const started = Date.now();
    const result = (await harness.action(
      "uploadFile",
      {
        connection,
        sourceUrl: options.sourceUrl,
        fileName: "bench.bin",
        saveAs: "newAsset",
        brandId: options.brandId,
      },
      { logger } as never,
    )) as { data: { mediaId: string; size: number } };
    return {
      ms: Date.now() - started,
      baselineRss,
      baselineLive,
      mediaId: result.data.mediaId,
      size: result.data.size,
      heldMiB: Number(/\(([\d.]+) MiB\)/.exec(held)?.[1] ?? NaN),
    };
  },
  "upload:sdk": async () => {
    const client = await sdk();
    const { baselineRss, baselineLive } = startMeasuring();
    const started = Date.now();
    const body = await openSource();
    const result = await client.uploadFile({
      filename: "bench.bin",
      body,
      length: options.size,
      data: { brandId: options.brandId, name: "bench" },
    });
    return {
      ms: Date.now() - started,
      baselineRss,
      baselineLive,
      mediaId: result?.mediaid,
      size: options.size,
    };
  },
};

Object.assign(
  cases,
  changeCases({ ours, startMeasuring, peakLive: () => peakLive, state: options.state }),
);

cases[caseName]()
  .then((result) => {
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    process.stdout.write(`${JSON.stringify({ ...result, peakRss, peakLive })}\n`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
