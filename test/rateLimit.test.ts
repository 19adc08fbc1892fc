/**
 * The client-side limiter against the emulator's Bynder-like limiter, both scaled down by the same
 * factor: a burst from many parallel actions must never earn a 429, and must not crawl either.
 */
import { setRateLimit } from "../src/client";
import { harness, useEmulator } from "./support";

const LIMIT = { max: 100, windowMs: 1000 };
const env = useEmulator({ rateLimit: LIMIT, seed: false });

afterAll(() => setRateLimit({ max: 4500, windowMs: 5 * 60 * 1000 }));

it("a burst of 1,000 parallel calls never exceeds Bynder's limit and uses the windows it allows", async () => {
  setRateLimit(LIMIT);
  const connection = env.connection;
  const started = Date.now();
  const results = await Promise.all(
    Array.from({ length: 1000 }, () => harness.action("getAccountInformation", { connection })),
  );
  const elapsed = Date.now() - started;

  expect(results).toHaveLength(1000);
  expect(env.emulator.rateLimiter?.rejected).toBe(0);
  expect(env.emulator.requestsTo("/api/v4/account")).toHaveLength(1000);
  // 1,000 calls at 100 per second need 9 full windows after the first; allow generous slack for a
  // busy machine, but a limiter that serialised calls or waited double would blow far past it.
  const windowsNeeded = Math.ceil(1000 / LIMIT.max) - 1;
  expect(elapsed).toBeGreaterThanOrEqual(windowsNeeded * LIMIT.windowMs);
  expect(elapsed).toBeLessThan(windowsNeeded * LIMIT.windowMs * 2 + 2000);
});
