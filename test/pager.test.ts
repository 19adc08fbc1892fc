/**
 * A lying or broken portal cannot multiply the work or lose records quietly (issue 13): totals
 * that lie either way, pages that repeat, records without an id and bodies that are not a list,
 * as Fetch All, a picklist and the trigger meet them against the emulator.
 */
import type { ActionContext } from "@prismatic-io/spectral";
import { seedAssets } from "../emulator/seed";
import { errorOf, harness, useEmulator } from "./support";
import { controlClock, poller } from "./trigger.support";

const env = useEmulator();
const portal = () => env.emulator.portal;
const mediaGets = () => env.emulator.requestsTo("/api/v4/media", "GET");

beforeAll(() => {
  seedAssets(portal(), 1_500 - portal().media.size); // 1,500 assets: a full page and a short one
});

/** A context whose logger keeps the warnings in `lines` (and drops the rest). */
const warningsInto = (lines: string[]): Partial<ActionContext> => {
  const ignore = () => undefined;
  const warn = (message: unknown) => void lines.push(String(message));
  const logger = { debug: ignore, info: ignore, log: ignore, error: ignore, warn };
  return { logger: logger as unknown as ActionContext["logger"] };
};

interface Media {
  id: string;
}
const fetchAllAssets = async (lines: string[] = []) =>
  (
    (await harness.action(
      "listAssets",
      { connection: env.connection, fetchAll: "true" },
      warningsInto(lines),
    )) as { data: { media: Media[]; total: { count: number } } }
  ).data;

/** The portal's real first page of 1,000 assets (Fetch All's order), read before any fault. */
const firstPage = async (): Promise<Media[]> => {
  const { data } = (await harness.action("listAssets", {
    connection: env.connection,
    page: "1",
    limit: "1000",
    total: "true",
  })) as { data: { media: Media[] } };
  env.emulator.clearLog();
  return data.media;
};
const allIds = () => new Set(portal().media.keys());

/**
 * The portal's real first page, answered with `count` as its total: to the first media request
 * only, or (`repeat`) to every media request, as a portal that ignores `page` would.
 */
const lieAboutTotal = async (count: number, repeat = false): Promise<Media[]> => {
  const media = await firstPage();
  const steps = [{ status: 200, body: { media, total: { count } } }];
  env.emulator.faults.inject({ path: "/api/v4/media", method: "GET", steps, loop: repeat });
  return media;
};

describe("Fetch All against a total that lies", () => {
  it("a first page claiming 2,000,000 assets (1,500 real) costs a handful of requests, not 2,000", async () => {
    await lieAboutTotal(2_000_000);
    const lines: string[] = [];
    const data = await fetchAllAssets(lines);
    expect(new Set(data.media.map((m) => m.id))).toEqual(allIds());
    expect(data.total.count).toBe(1_500);
    expect(mediaGets().length).toBeLessThanOrEqual(9);
    expect(lines).toContain(
      "Bynder reported 2000000 assets for GET /api/v4/media/ but delivered 1500; the result holds the 1500 delivered.",
    );
  });

  it("a total smaller than the truth does not return a partial result", async () => {
    await lieAboutTotal(1_000);
    const lines: string[] = [];
    const data = await fetchAllAssets(lines);
    expect(new Set(data.media.map((m) => m.id))).toEqual(allIds());
    expect(data.media).toHaveLength(1_500);
    expect(lines).toContain(
      "Bynder reported 1000 assets for GET /api/v4/media/ but delivered 1500; the result holds the 1500 delivered.",
    );
  });

  it("pages that repeat the same records end the read", async () => {
    const media = await lieAboutTotal(2_000_000, true);
    const data = await fetchAllAssets();
    expect(data.media.map((m) => m.id)).toEqual(media.map((m) => m.id));
    expect(mediaGets().length).toBeLessThanOrEqual(9);
  });
});

describe("records without an id", () => {
  it("are all kept, not collapsed into one (List Tags with Fetch All)", async () => {
    const tags = [
      { tag: "alpha", mediaCount: 1 },
      { tag: "beta", mediaCount: 2 },
      { tag: "gamma", mediaCount: 3 },
    ];
    env.emulator.faults.inject({
      path: "/api/v4/tags",
      method: "GET",
      steps: [{ status: 200, body: tags }],
    });
    const { data } = (await harness.action("listTags", {
      connection: env.connection,
      fetchAll: "true",
    })) as { data: unknown[] };
    expect(data).toEqual(tags);
  });
});

describe("a 200 that is not a list", () => {
  // The emulator's fault steps send JSON, so this login page arrives as a JSON string; the pager's
  // unit tests show a real text/html answer.
  const loginPage = { status: 200, body: "<html><body>Sign in to continue</body></html>" };

  it("fails List Deleted Assets (Fetch All) naming the call and what arrived", async () => {
    env.emulator.faults.inject({ path: "/api/trash/media", method: "GET", steps: [loginPage] });
    const error = await errorOf(
      harness.action("listDeletedAssets", { connection: env.connection, fetchAll: "true" }),
    );
    expect(error.message).toBe(
      'Bynder\'s answer to GET /api/trash/media/ (page 1) holds no list of deleted assets: HTTP 200, application/json, body starting "<html><body>Sign in to continue</body></html>".',
    );
  });

  it("fails List Assets with Fetch All instead of returning an empty list", async () => {
    env.emulator.faults.inject({ path: "/api/v4/media", method: "GET", steps: [loginPage] });
    const error = await errorOf(fetchAllAssets());
    expect(error.message).toMatch(
      /^Bynder's answer to GET \/api\/v4\/media\/ \(page 1\) holds no list of assets: HTTP 200, application\/json, body starting "<html>/,
    );
  });
});

describe("the trigger against pages that repeat", () => {
  it("does not walk hundreds of identical pages, and says why the poll failed", async () => {
    const clock = controlClock(env.emulator);
    const trigger = poller(env, { resourceType: "assets" });
    await trigger.poll(); // the starting point
    // Every asset changes, then every page Bynder answers is the same full page of them.
    for (const media of portal().media.values()) media.dateModified = clock.tick(0);
    clock.tick(5);
    await lieAboutTotal(1_501_000, true);
    const error = await errorOf(trigger.poll(), "the poll");
    expect(error.message).toMatch(
      /^Bynder reported 1501000 assets but delivered 1000 in each of 3 reads; nothing was saved/,
    );
    expect(mediaGets().length).toBeLessThanOrEqual(6);
  });
});
