/**
 * `npm start`: runs the built component (dist/index.js) for real. With no arguments it starts the
 * embedded Bynder emulator and walks through a realistic flow; `npm start -- --help` shows how to
 * run any single action against the emulator or a real portal.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createHarness } from "@prismatic-io/spectral/dist/testing";
import { startEmulator } from "../emulator/server";
import { integrationDemo } from "../integrations/tagged-asset-sync/demo";
import { clientCredentialsConnection } from "./clientCredentials";
import { webhookDemo } from "./webhookDemo";

const HELP = `Usage:
  npm start                                  the demo flow against the embedded emulator
  npm start -- run <actionKey> [key=value…]  run one action and print its result
  npm start -- list                          list the action keys
  npm start -- integration                   the Tagged Asset Sync integration, end to end
  npm start -- --help                        this text

By default "run" starts the embedded emulator. To use a real portal instead, set:
  BYNDER_TOKEN_URL      https://<your-portal>.bynder.com/v6/authentication/oauth2/token
  BYNDER_CLIENT_ID      the OAuth app's client id (grant type Client Credentials)
  BYNDER_CLIENT_SECRET  its client secret
  BYNDER_SCOPES         optional; the component's default scopes otherwise
Values that look like JSON (true, 42, {...}, [...]) are passed as text, as Prismatic passes them.
Add --debug to log each request (method, URL, status, time; never the token).

Examples:
  npm start -- run listBrands
  npm start -- run getAsset id=00B627BB-8054-44C0-A343FCF40BC790CD versions=true
  BYNDER_TOKEN_URL=https://acme.bynder.com/v6/authentication/oauth2/token \\
    BYNDER_CLIENT_ID=… BYNDER_CLIENT_SECRET=… npm start -- run listAssets limit=5`;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const component = require(join(__dirname, "..", "dist", "index.js")).default;
const harness = createHarness(component);

interface Portal {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The embedded emulator (which also plays Amazon SNS), not a real portal. */
  local: boolean;
  stop: () => Promise<void>;
}

const line = (text = "") => process.stdout.write(`${text}\n`);
const short = (value: unknown, max = 160) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

/** A logger like the platform's: the component's progress and debug lines, indented. */
const logger = (debug: boolean) => {
  const print =
    (level: string) =>
    (...args: unknown[]) => {
      if (level === "debug" && !debug) return;
      line(
        `      ${level === "info" ? "·" : level}: ${args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")}`,
      );
    };
  return {
    metric: print("metric"),
    trace: print("trace"),
    debug: print("debug"),
    info: print("info"),
    log: print("info"),
    warn: print("warn"),
    error: print("error"),
  };
};

const openPortal = async (): Promise<Portal> => {
  if (process.env.BYNDER_TOKEN_URL) {
    return {
      tokenUrl: process.env.BYNDER_TOKEN_URL,
      clientId: process.env.BYNDER_CLIENT_ID ?? "",
      clientSecret: process.env.BYNDER_CLIENT_SECRET ?? "",
      scopes: process.env.BYNDER_SCOPES ?? defaultScopes(),
      local: false,
      stop: () => Promise.resolve(),
    };
  }
  const emulator = await startEmulator({ processingMs: 500 });
  line(`Embedded Bynder emulator at ${emulator.url} (client_id ${emulator.clientId})`);
  return {
    tokenUrl: emulator.tokenUrl,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    scopes: defaultScopes(),
    local: true,
    stop: () => emulator.stop(),
  };
};

const defaultScopes = (): string =>
  component.connections
    .find((c: { key: string }) => c.key === "bynder-client-credentials-oauth")
    .inputs.find((i: { key: string }) => i.key === "scopes").default;

const connect = (portal: Portal) => clientCredentialsConnection(portal, "Bynder Connection");

const runOne = async (args: string[], debug: boolean) => {
  const [actionKey, ...pairs] = args;
  if (!actionKey || !component.actions[actionKey]) {
    line(actionKey ? `Unknown action "${actionKey}". Try: npm start -- list` : HELP);
    process.exitCode = 1;
    return;
  }
  const params = Object.fromEntries(
    pairs.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
  );
  const portal = await openPortal();
  try {
    const connection = await connect(portal);
    const result = await harness.action(actionKey, { ...params, connection }, {
      logger: logger(debug),
      globalDebug: debug,
    } as never);
    const data = (result as { data?: unknown })?.data;
    line(
      Buffer.isBuffer(data)
        ? `<${data.length} bytes, ${(result as { contentType?: string }).contentType}>`
        : JSON.stringify(data, null, 2),
    );
  } finally {
    await portal.stop();
  }
};

const demo = async (debug: boolean) => {
  const portal = await openPortal();
  const context = { logger: logger(debug), globalDebug: debug } as never;
  const step = async <T>(
    title: string,
    run: () => Promise<T>,
    show: (value: T) => string,
  ): Promise<T> => {
    const started = Date.now();
    const value = await run();
    line(`  ✓ ${title} (${Date.now() - started} ms): ${show(value)}`);
    return value;
  };
  try {
    line("\nBynder component demo: every step below runs dist/index.js against the portal.\n");
    const connection = await step(
      "Connect (OAuth 2.0 client credentials)",
      () => connect(portal),
      () => "access token received",
    );
    const instanceState: Record<string, unknown> = {};
    const poll = () =>
      harness.trigger(
        "pollChangesTrigger",
        undefined,
        { connection, resourceType: "assets", showNewRecords: "true", showUpdatedRecords: "true" },
        { ...(context as object), instanceState },
      );
    await step(
      "Trigger, first poll (records the starting point)",
      poll,
      (r) => `result ${(r as { resultType?: string }).resultType}`,
    );

    const brands = await step(
      "List Brands",
      () => harness.action("listBrands", { connection }, context),
      (r) => `${(r as { data: unknown[] }).data.length} brands`,
    );
    const brandId = (brands as { data: { id: string }[] }).data[0].id;
    const file = randomBytes(12 * 1024 * 1024 + 12345);
    const upload = await step(
      "Upload File (12 MiB in 5 MiB chunks, 4 in parallel, saved as a new asset)",
      () =>
        harness.action(
          "uploadFile",
          {
            connection,
            file: { data: file, contentType: "application/octet-stream" },
            fileName: "demo-upload.bin",
            saveAs: "newAsset",
            brandId,
            name: "Demo upload",
            tags: "demo,npm-start",
          },
          context,
        ),
      (r) => short((r as { data: unknown }).data),
    );
    const mediaId = (upload as { data: { mediaId: string } }).data.mediaId;

    const created = await step("Trigger, next poll", poll, (r) => summary(r));
    check(created, "created", mediaId);
    await step(
      "Update Asset (new description)",
      () =>
        harness.action(
          "updateAsset",
          { connection, id: mediaId, description: "Edited by the demo" },
          context,
        ),
      (r) => short((r as { data: unknown }).data),
    );
    const updated = await step("Trigger, next poll", poll, (r) => summary(r));
    check(updated, "updated", mediaId);

    await step(
      "Get Asset",
      () => harness.action("getAsset", { connection, id: mediaId }, context),
      (r) => short((r as { data: { name: string; description: string } }).data),
    );
    await step(
      "List Assets (Fetch All)",
      () => harness.action("listAssets", { connection, fetchAll: "true" }, context),
      (r) => `${(r as { data: { media: unknown[] } }).data.media.length} assets`,
    );
    await step(
      'Search Assets (keyword "Demo")',
      () => harness.action("searchAssets", { connection, keyword: "Demo" }, context),
      (r) => short((r as { data: unknown }).data, 120),
    );
    await step(
      "Raw Request (GET /v4/account/)",
      () =>
        harness.action("rawRequest", { connection, url: "/v4/account/", method: "GET" }, context),
      (r) => short((r as { data: unknown }).data),
    );
    if (portal.local) await webhookDemo(component, harness, portal, line, context);
    line(
      "\nAll steps succeeded. `npm start -- --help` shows how to run single actions, also against a real portal.\n",
    );
  } finally {
    await portal.stop();
  }
};

const summary = (result: unknown) => {
  const data =
    (result as { payload?: { body?: { data?: Record<string, unknown[]> } } }).payload?.body?.data ??
    {};
  return (
    Object.entries(data)
      .map(([bucket, records]) => `${bucket}: ${records.length}`)
      .join(", ") || "no changes"
  );
};

const check = (result: unknown, bucket: string, id: string) => {
  const records =
    (result as { payload: { body: { data: Record<string, { id: string }[]> } } }).payload.body.data[
      bucket
    ] ?? [];
  if (!records.some((record) => record.id === id))
    throw new Error(`Expected asset ${id} in the trigger's "${bucket}" records`);
};

const main = async () => {
  const args = process.argv.slice(2);
  const debug = args.includes("--debug");
  const rest = args.filter((arg) => arg !== "--debug");
  if (rest.includes("--help") || rest.includes("-h")) return line(HELP);
  if (rest[0] === "list") return line(Object.keys(component.actions).sort().join("\n"));
  if (rest[0] === "run") return runOne(rest.slice(1), debug);
  if (rest[0] === "integration") return integrationDemo();
  return demo(debug);
};

main().catch((error: unknown) => {
  line(`\n✗ ${(error as Error).message}`);
  process.exitCode = 1;
});
