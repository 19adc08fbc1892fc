/**
 * The retry policy on its own, without HTTP: `retrying` drives a scripted attempt function, so each
 * rule (which statuses, which methods, Retry-After, backoff, the limiter pause) is checked directly.
 */
import { SlidingWindowLimiter } from "./rateLimiter";
import {
  backoffMs,
  configureRetries,
  decide,
  retryAfterMs,
  retrySettings,
  retrying,
  type Outcome,
} from "./retry";

interface Answer {
  status: number;
  headers: Record<string, unknown>;
}
const answer = (status: number, headers: Record<string, unknown> = {}): Outcome<Answer> => ({
  response: { status, headers },
});
const network = (code: string, message: string): Outcome<Answer> => ({
  failure: Object.assign(new Error(message), { code }),
});

/** Runs the policy over scripted outcomes; returns the final outcome, attempts and warnings. */
const run = async (
  method: string,
  script: Outcome<Answer>[],
  options: Parameters<typeof retrying>[1] = {},
  call: Partial<Parameters<typeof retrying>[0]> = {},
) => {
  const warnings: string[] = [];
  let attempts = 0;
  const final = await retrying<Answer>(
    { method, what: `Bynder ${method} /x/`, warn: (line) => warnings.push(line), ...call },
    options,
    () => Promise.resolve(script[Math.min(attempts++, script.length - 1)]),
  );
  return { final, attempts, warnings };
};

const saved = { ...retrySettings };
beforeEach(() => configureRetries({ baseDelayMs: 1, maxDelayMs: 4, maxRetries: 3 }));
afterEach(() => {
  configureRetries(saved);
  jest.restoreAllMocks();
});

describe("which failures are retried", () => {
  it("retries a 429 on every method, POST included", async () => {
    for (const method of ["GET", "POST", "PATCH"]) {
      const { final, attempts } = await run(method, [answer(429), answer(201)]);
      expect(final.response?.status).toBe(201);
      expect(attempts).toBe(2);
    }
  });

  it.each([500, 502, 503, 504, 408])(
    "retries %i when the request is safe to repeat, never on a plain POST",
    async (status) => {
      expect((await run("GET", [answer(status), answer(200)])).attempts).toBe(2);
      expect((await run("PUT", [answer(status), answer(200)])).attempts).toBe(2);
      const post = await run("POST", [answer(status), answer(200)]);
      expect(post.attempts).toBe(1);
      expect(post.final.response?.status).toBe(status);
      const marked = await run("POST", [answer(status), answer(200)], { idempotent: true });
      expect(marked.attempts).toBe(2);
    },
  );

  it("retries transient network failures but not an unknown host or other 4xx", async () => {
    const reset = network("ECONNRESET", "socket hang up");
    expect((await run("GET", [reset, answer(200)])).attempts).toBe(2);
    expect((await run("POST", [reset, answer(200)])).attempts).toBe(1);
    expect((await run("GET", [network("ENOTFOUND", "getaddrinfo ENOTFOUND x")])).attempts).toBe(1);
    for (const status of [400, 401, 403, 404, 409, 422]) {
      expect((await run("GET", [answer(status)])).attempts).toBe(1);
    }
  });

  it("sends a body that cannot be replayed only once", async () => {
    const { attempts } = await run("PUT", [answer(429), answer(200)], {}, { replayable: false });
    expect(attempts).toBe(1);
  });

  it("stops after maxRetries (settings, or per call) and returns the last outcome", async () => {
    const { final, attempts, warnings } = await run("GET", [answer(503)]);
    expect(attempts).toBe(4);
    expect(final.response?.status).toBe(503);
    expect(warnings[0]).toMatch(/^Bynder GET \/x\/ answered 503; retry 1 of 3 in \d+ ms$/);
    expect((await run("GET", [answer(503)], { maxRetries: 1 })).attempts).toBe(2);
  });
});

describe("how long it waits", () => {
  it("reads Retry-After as seconds or an HTTP date; negative and past values give 0", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("0.5", now)).toBe(500);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(retryAfterMs("-5", now)).toBe(0);
    expect(retryAfterMs("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it("backs off exponentially from the base, capped, jittered between half and all", () => {
    configureRetries({ maxDelayMs: 100 });
    jest.spyOn(Math, "random").mockReturnValue(0);
    expect([0, 1, 2, 3].map((tries) => backoffMs(tries, 20))).toEqual([10, 20, 40, 50]);
    jest.spyOn(Math, "random").mockReturnValue(0.999);
    expect([0, 1, 2, 3].map((tries) => backoffMs(tries, 20))).toEqual([20, 40, 80, 100]);
  });

  it("uses a fixed retry delay for 5xx when asked, never for a 429", () => {
    const busy = decide(answer(503), { tries: 0, repeatable: true, retryDelayMs: 777 });
    expect(busy.delayMs).toBe(777);
    configureRetries({ baseDelayMs: 100, maxDelayMs: 1000 });
    const limited = decide(answer(429), { tries: 0, repeatable: true, retryDelayMs: 777 });
    expect(limited.delayMs).toBeGreaterThanOrEqual(100);
    expect(limited.delayMs).toBeLessThanOrEqual(200);
  });

  it("a 429 pauses the whole portal for its wait; a Retry-After over the cap ends the call", async () => {
    configureRetries({ maxRetryAfterMs: 60_000 });
    const limiter = new SlidingWindowLimiter({ max: 100, windowMs: 1000 });
    const paused: number[] = [];
    jest.spyOn(limiter, "pauseFor").mockImplementation((ms) => paused.push(ms));
    expect(decide(answer(429, { "retry-after": "30" }), { tries: 0, repeatable: true })).toEqual({
      delayMs: 30_000,
      pauseMs: 30_000,
    });
    const { final, attempts } = await run(
      "GET",
      [answer(429, { "retry-after": "3600" })],
      {},
      { limiter },
    );
    expect(attempts).toBe(1);
    expect(final.note).toBe(
      " (Bynder asks to wait 3600 s before the next request; try again later)",
    );
    expect(paused).toEqual([60_000]);
  });
});

describe("the total deadline", () => {
  it("bounds each attempt by what is left, and is never shorter than one attempt's timeout", async () => {
    configureRetries({ deadlineMs: 100, timeoutMs: 60 });
    const given: number[] = [];
    await retrying<Answer>({ method: "GET", what: "Bynder GET /x/" }, {}, (timeoutMs) => {
      given.push(timeoutMs);
      return Promise.resolve(answer(200));
    });
    await retrying<Answer>({ method: "GET", what: "Bynder GET /x/" }, { timeoutMs: 1000 }, (t) => {
      given.push(t);
      return Promise.resolve(answer(200));
    });
    expect(given[0]).toBe(60);
    expect(given[1]).toBeGreaterThan(900); // a 1 s attempt is allowed although the default is 0.1 s
  });

  it("does not blame the deadline when the retries were used up anyway", async () => {
    configureRetries({ deadlineMs: 1000, timeoutMs: 500, baseDelayMs: 2000, maxDelayMs: 4000 });
    const { final, attempts } = await run("GET", [answer(503)], { maxRetries: 0 });
    expect(attempts).toBe(1);
    expect(final.note).toBe("");
  });

  it("ends the call when the next wait would pass it, saying so", async () => {
    configureRetries({ deadlineMs: 1000, timeoutMs: 500, baseDelayMs: 2000, maxDelayMs: 4000 });
    const { final, attempts } = await run("GET", [answer(503)]);
    expect(attempts).toBe(1);
    expect(final.note).toMatch(
      /^ \(gave up after 1 attempt in 0(\.\d)? s: the call's deadline of 1 s ran out\)$/,
    );
  });
});
