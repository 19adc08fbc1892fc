/**
 * One benchmark case in its own process, so its peak memory is its own. Run by bench/run.ts:
 *   tsx bench/worker.ts <case> <json options>
 * Prints one JSON line: { ms, requests?, peakRssMiB, baselineRssMiB, ... }.
 */
import { get } from "node:http";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { createHarness } from "@prismatic-io/spectral/dist/testing";
import { quiet } from "./quiet";

interface Options {
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  brandId?: string;
  sourceUrl?: string;
  size?: number;
}

const [, , caseName, raw] = process.argv;
const options = JSON.parse(raw) as Options;

/** Peak resident memory, sampled (VmHWM would include start-up, which is the same for both). */
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 10);

const token = async () => {
  const response = await fetch(options.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: options.scopes,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
};

const ours = async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const component = require(join(__dirname, "..", "dist", "index.js")).default;
  const harness = createHarness(component);
  const connection = {
    key: "bynder-client-credentials-oauth",
    configVarKey: "bench",
    fields: {
      tokenUrl: options.tokenUrl,
      scopes: options.scopes,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
    },
    token: { access_token: await token() },
  };
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
  "upload:ours": async () => {
    const { harness, connection } = await ours();
    const baseline = process.memoryUsage().rss;
    peakRss = baseline;
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
      quiet,
    )) as { data: { mediaId: string; size: number } };
    return {
      ms: Date.now() - started,
      baselineRss: baseline,
      mediaId: result.data.mediaId,
      size: result.data.size,
    };
  },
  "upload:sdk": async () => {
    const client = await sdk();
    const baseline = process.memoryUsage().rss;
    peakRss = baseline;
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
      baselineRss: baseline,
      mediaId: result?.mediaid,
      size: options.size,
    };
  },
};

cases[caseName]()
  .then((result) => {
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    process.stdout.write(`${JSON.stringify({ ...result, peakRss })}\n`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
