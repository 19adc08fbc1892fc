/**
 * Reliability under Bynder's bad days: 429 storms, 5xx bursts, dropped connections, stalled
 * bodies and a token that expires mid-flow. List actions must still return exactly the records
 * (no duplicates, no gaps) and the trigger must lose and repeat nothing.
 */
import { isConnectionError } from "@prismatic-io/spectral";
import { configureRetries, retrySettings } from "../src/client/client";
import { DEFAULT_SCOPES } from "../src/connections";
import type { FaultStep } from "../emulator/faults";
import { seedAssets } from "../emulator/seed";
import { isoZ } from "../emulator/util";
import { harness, useEmulator } from "./support";
import { controlClock, Ledger, poller } from "./trigger.support";

const env = useEmulator();
const saved = { ...retrySettings };

beforeAll(() => {
  seedAssets(env.emulator.portal, 2_450); // 2,510 assets: three pages of 1,000
  // A stalled response must time out quickly here; real runs use 60 s.
  configureRetries({ timeoutMs: 400, maxRetries: 8 });
});
afterAll(() => configureRetries(saved));

/** A deterministic PRNG so a failing run can be replayed. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

/** Three pages need three good answers; every fault before the third "pass" fires. */
const STORM: FaultStep[] = [
  429,
  "pass",
  503,
  429,
  "reset",
  "pass",
  "stall-body",
  502,
  "stall",
  "pass",
];

describe("Fetch All under a fault storm", () => {
  it("listAssets returns exactly the portal's assets, each once, in Bynder's order", async () => {
    const expected = [...env.emulator.portal.media.values()]
      .sort((a, b) => b.dateCreated - a.dateCreated || a.id.localeCompare(b.id))
      .map((m) => m.id);
    env.emulator.faults.inject({ path: "/api/v4/media", method: "GET", steps: STORM });
    const result = (await harness.action("listAssets", {
      connection: env.connection,
      fetchAll: "true",
    })) as {
      data: { media: { id: string }[]; total: { count: number } };
    };
    expect(env.emulator.faults.hits()[0]).toBe(STORM.length); // every fault really fired
    expect(result.data.media.map((m) => m.id)).toEqual(expected);
    expect(result.data.total.count).toBe(expected.length);
  });

  it("listCollections returns exactly the portal's collections", async () => {
    env.emulator.faults.inject({
      path: "/api/v4/collections",
      method: "GET",
      steps: [503, "reset", 429, "stall-body"],
    });
    const result = (await harness.action("listCollections", {
      connection: env.connection,
      fetchAll: "true",
    })) as {
      data: { collections: { id: string }[] };
    };
    const ids = result.data.collections.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...env.emulator.portal.collections.keys()].sort());
  });

  it("a token that expires mid-flow ends the action with a ConnectionError, not a partial list", async () => {
    const token = env.emulator.issueToken(DEFAULT_SCOPES);
    const connection = { ...env.connection, token: { access_token: token } };
    // Page 1 is answered at once; the later pages take 350 ms, and the token expires meanwhile.
    env.emulator.faults.inject({
      path: "/api/v4/media",
      method: "GET",
      steps: ["pass", { latencyMs: 350 }, { latencyMs: 350 }],
    });
    setTimeout(() => (env.emulator.tokens.get(token)!.expiresAt = 0), 200);
    const error = await harness.action("listAssets", { connection, fetchAll: "true" }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(isConnectionError(error)).toBe(true);
    expect(error?.message).toContain("Invalid or expired token.");
    expect(env.emulator.requestsTo("/api/v4/media", "GET").map((r) => r.status)).toEqual(
      expect.arrayContaining([200, 401]),
    );
  });
});

describe("the trigger across a long run of polls with random faults and edits", () => {
  it("loses and repeats nothing", async () => {
    const clock = controlClock(env.emulator);
    const portal = env.emulator.portal;
    const ledger = new Ledger();
    const pick = random(42);
    const trigger = poller(env, { resourceType: "assets" });
    await trigger.poll();
    let failures = 0;
    for (let round = 0; round < 30; round++) {
      const edits = Math.floor(pick() * 5);
      for (let e = 0; e < edits; e++) {
        if (pick() < 0.5) clock.tick();
        if (pick() < 0.3) {
          const [media] = seedAssets(portal, 1);
          media.dateCreated = media.dateModified = clock.now;
          ledger.created(media.id, isoZ(clock.now));
        } else {
          const ids = [...portal.media.keys()];
          const media = portal.media.get(ids[Math.floor(pick() * ids.length)])!;
          media.description = `edit ${round}.${e}`;
          portal.touch(media);
          ledger.modified(media.id, isoZ(media.dateModified));
        }
      }
      clock.tick();
      // Some polls meet a burst that outlasts the retries; the next poll must make up for it.
      const burst: FaultStep[] =
        pick() < 0.2 ? Array(12).fill(503) : [pick() < 0.5 ? 429 : "reset", "pass"];
      env.emulator.faults.clear();
      env.emulator.faults.inject({ path: "/api/v4/media", method: "GET", steps: burst });
      const before = JSON.stringify(trigger.state());
      try {
        const { data } = await trigger.poll();
        expect(ledger.check(data)).toEqual([]);
      } catch (error) {
        failures++;
        expect((error as Error).message).toMatch(/HTTP 503/);
        expect(JSON.stringify(trigger.state())).toBe(before); // a failed poll saves no state
      }
    }
    env.emulator.faults.clear();
    const { data } = await trigger.poll();
    expect(ledger.check(data)).toEqual([]);
    expect(ledger.outstanding()).toEqual([]);
    expect(failures).toBeGreaterThan(0); // the run really met failing polls
  });
});
