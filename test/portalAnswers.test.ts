/**
 * Answers the component must not trust: a 200 that is not what Bynder sends (a proxy's HTML login
 * page, truncated JSON, JSON of the wrong kind) and bodies too large to hold in memory. Each is an
 * error that names the call and says what arrived, never data.
 */
import type { Readable } from "stream";
import { externalRequest, responseLimits } from "../src/client";
import {
  connectionFor,
  json,
  startServer,
  text,
  TOKEN,
  type TestServer,
} from "../src/client/testing";
import { errorOf, harness, useEmulator } from "./support";

const ASSET = "00B627BB-8054-44C0-A343FCF40BC790CD";
const LOGIN_PAGE = `<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login?token=${TOKEN}">${"<p>Sign in to continue.</p>".repeat(50)}</form></body></html>`;

let proxy: TestServer;
beforeAll(async () => {
  proxy = await startServer();
});
afterAll(() => proxy.close());
beforeEach(() => {
  proxy.seen.length = 0;
});

const through = (key: string, params: Record<string, unknown> = {}) =>
  errorOf(harness.action(key, { connection: connectionFor(proxy.origin), ...params }));

describe("a 200 that is not what Bynder sends is an error, not data", () => {
  it("Get Asset fails on a login page, naming the call and saying what arrived", async () => {
    proxy.reply(text(200, LOGIN_PAGE, "text/html; charset=utf-8"));
    const error = await through("getAsset", { id: ASSET });
    expect(error.message).toBe(
      `Bynder GET /api/v4/media/${ASSET}/ answered something other than what Bynder sends: not JSON (HTTP 200, text/html; charset=utf-8, beginning "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login?token=[redacted]"><p>Sign in to continue.</p><p>Sign in to continue.</p><p>Sign in to continue.</p><p>Sign in to cont…"). A proxy, a login page or a wrong portal URL can cause this.`,
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it("Get Asset fails on JSON of the wrong kind", async () => {
    proxy.reply(json(200, ["not", "an", "asset"]));
    const error = await through("getAsset", { id: ASSET });
    expect(error.message).toContain("expected a JSON object, got an array (HTTP 200");
  });

  it.each([
    ["listAssets", { fetchAll: "true" }],
    ["searchAssets", { fetchAll: "true" }],
    ["listCollections", { fetchAll: "true" }],
    ["listTags", {}],
    ["listDeletedAssets", {}],
  ])("%s fails on a login page instead of returning an empty list", async (key, params) => {
    proxy.reply(text(200, LOGIN_PAGE, "text/html"));
    const error = await through(key, params);
    expect(error.message).toMatch(
      /^Bynder GET \/api\/\S+ answered something other than what Bynder sends: not JSON \(HTTP 200, text\/html, beginning "<!DOCTYPE html>/,
    );
  });

  it("truncated JSON fails and says why", async () => {
    proxy.reply(text(200, '{"media": [{"id": "A"}, {"id": "B', "application/json"));
    const error = await through("listAssets", { fetchAll: "true" });
    expect(error.message).toMatch(
      /^Bynder GET \/api\/v4\/media\/ answered something other than what Bynder sends: not valid JSON \(.+\) \(HTTP 200, application\/json, beginning "\{"media": \[\{"id": "A"\}, \{"id": "B"\)/,
    );
  });

  it("an empty 200 is fine where no body is promised, but not where a record is", async () => {
    proxy.reply(text(200, "", "application/json"));
    const error = await through("getAsset", { id: ASSET });
    expect(error.message).toContain("an empty body (HTTP 200, application/json)");
  });
});

describe("a body too large to hold in memory fails clearly", () => {
  const env = useEmulator({ seed: { assets: 5 } });
  const saved = { ...responseLimits };
  afterEach(() => Object.assign(responseLimits, saved));

  it("an API answer above the limit fails as it arrives", async () => {
    Object.assign(responseLimits, { jsonBytes: 1024 });
    const error = await errorOf(
      harness.action("listAssets", { connection: env.connection, limit: "50" }),
    );
    expect(error.message).toBe(
      "Bynder GET /api/v4/media/ failed: the response is larger than the 1 KiB this call reads into memory, so it was not read",
    );
    expect(env.emulator.requestsTo("/api/v4/media", "GET")).toHaveLength(1); // not retried
  });

  it("a stream (Upload File's source) is the caller's to bound: no default limit", async () => {
    Object.assign(responseLimits, { fileBytes: 100, jsonBytes: 100 });
    proxy.reply(text(200, "x".repeat(5000), "application/octet-stream"));
    const response = await externalRequest<Readable>(`${proxy.origin}/source.bin`, {
      method: "GET",
      responseType: "stream",
    });
    let bytes = 0;
    for await (const chunk of response.data) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(5000);
  });

  it("Download Asset above its limit fails clearly", async () => {
    Object.assign(responseLimits, { fileBytes: 2048 });
    const target = [...env.emulator.portal.media.values()].find((m) => m.fileSize > 2048)!;
    const error = await errorOf(
      harness.action("downloadAsset", { connection: env.connection, id: target.id }),
    );
    expect(error.message).toMatch(
      /^Bynder GET \/s3\/files\/\S+ failed: the response is larger than the 2 KiB this call reads into memory, so it was not read/,
    );
  });
});
