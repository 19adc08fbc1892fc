/**
 * Retries end, and say why: the retry policy against a hostile server on 127.0.0.1 (a body that
 * trickles forever, Retry-After values that would give rapid-fire or endless retries).
 */
import { configureRetries, createBynderClient, externalRequest, retrySettings } from "./client";
import type { BynderError } from "./errors";
import {
  capture,
  connectionFor,
  failure,
  json,
  startServer,
  type Handler,
  type TestServer,
} from "./testing";

const trickle: Handler = (_req, res) => {
  res.writeHead(200, { "Content-Type": "application/json" });
  const timer = setInterval(() => res.write(" "), 20); // never idle, never done
  res.on("close", () => clearInterval(timer));
};
const tooMany =
  (retryAfter: string): Handler =>
  (req, res, seen) =>
    json(429, { message: "Too many requests" }, { "Retry-After": retryAfter })(req, res, seen);

const saved = { ...retrySettings };
let portal: TestServer;
beforeAll(async () => {
  portal = await startServer();
});
afterAll(() => portal.close());
beforeEach(() => {
  configureRetries({ baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 2_000, maxRetries: 3 });
  portal.seen.length = 0;
});
afterEach(() => configureRetries(saved));

describe("every call has a total deadline", () => {
  it("a body that trickles forever ends at the deadline, and the error says how long and why", async () => {
    configureRetries({ timeoutMs: 300, maxRetries: 8, deadlineMs: 1000 });
    portal.reply(trickle);
    const client = createBynderClient(connectionFor(portal.origin));
    const error = await failure(client.get("/api/v4/media/"));
    expect(error.message).toMatch(
      /^Bynder GET \/api\/v4\/media\/ failed: ETIMEDOUT timeout of \d+ ms exceeded \(gave up after [2-4] attempts in 1(\.\d)? s: the call's deadline of 1 s ran out\)$/,
    );
    expect(portal.seen.length).toBeLessThanOrEqual(4); // not the 9 attempts maxRetries allows
  });

  it("a caller passes its own deadline (uploads: size-aware), on other hosts too", async () => {
    configureRetries({ timeoutMs: 200, maxRetries: 8 });
    portal.reply(trickle);
    const error = await failure(
      externalRequest(`${portal.origin}/bucket/part`, {
        method: "PUT",
        body: "x",
        deadlineMs: 700,
      }),
    );
    expect(error.message).toMatch(/the call's deadline of 0\.7 s ran out\)$/);
    expect(portal.seen.length).toBeLessThanOrEqual(4);
  });
});

describe("Retry-After is honoured within bounds", () => {
  it.each([
    ["0", "0"],
    ["a negative value", "-30"],
    ["a date in the past", new Date(Date.now() - 3_600_000).toUTCString()],
  ])("%s still waits the standard backoff (no rapid-fire retries)", async (_what, value) => {
    portal.reply(tooMany(value));
    const { context, lines } = capture(false);
    const client = createBynderClient(connectionFor(portal.origin), context);
    const error = await failure(client.get("/api/v4/account/"));
    expect((error as BynderError).status).toBe(429);
    expect(portal.seen).toHaveLength(4);
    // 429 backoff starts at twice the base (40 ms here), jittered between half and all of it.
    const delays = lines.warn.map((line) => Number(/ in (\d+) ms$/.exec(line)?.[1]));
    expect(delays).toHaveLength(3);
    delays.forEach((delay, tries) => expect(delay).toBeGreaterThanOrEqual(20 * 2 ** tries));
  });

  it("a Retry-After longer than what is left of the deadline fails at once and says so", async () => {
    configureRetries({ deadlineMs: 2_000 });
    const other = await startServer(); // its own portal, so the pause it earns stays there
    try {
      other.reply(tooMany("299"), json(200, { ok: true }));
      const client = createBynderClient(connectionFor(other.origin));
      const error = await failure(client.get("/api/v4/media/"));
      expect(error.message).toMatch(
        /^Bynder GET \/api\/v4\/media\/ failed with HTTP 429: Too many requests \(Bynder asks to wait 299 s before the next request, more than the [12](\.\d)? s left before this call's deadline; try again later\)$/,
      );
      expect(other.seen).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it("a huge Retry-After fails at once; the pause it imposes on the portal is logged and bounded by each call's deadline", async () => {
    configureRetries({ maxRetryAfterMs: 800 }); // the cap of any pause, shortened for the test
    const other = await startServer();
    try {
      other.reply(tooMany("100000"), json(200, { ok: true }));
      const first = createBynderClient(connectionFor(other.origin));
      const error = await failure(first.get("/api/v4/media/"));
      expect(error.message).toContain("(Bynder asks to wait 100000 s before the next request;");
      expect(other.seen).toHaveLength(1);

      // A call whose deadline ends before the pause does is not sent, and says why.
      const { context, lines } = capture(false);
      const second = createBynderClient(connectionFor(other.origin), context);
      const refused = await failure(
        second.request({ method: "GET", path: "/api/v4/account/", deadlineMs: 300 }),
      );
      expect(refused.message).toMatch(
        /^Bynder GET \/api\/v4\/account\/ was not sent: Bynder asked for a pause until \d\d:\d\d:\d\d UTC \(it answered GET \/api\/v4\/media\/ with 429 at \d\d:\d\d:\d\d UTC\), which is past this call's deadline; try again later$/,
      );
      expect(other.seen).toHaveLength(1);

      // A call that can wait logs the wait as it starts, then goes through.
      await expect(second.get("/api/v4/account/")).resolves.toEqual({ ok: true });
      expect(lines.all()).toEqual([
        expect.stringMatching(
          /^Bynder GET \/api\/v4\/account\/ waits 0\.\d s to be sent: Bynder asked for a pause until /,
        ),
      ]);
      expect(other.seen).toHaveLength(2);
    } finally {
      await other.close();
    }
  });
});
