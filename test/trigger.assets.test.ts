/**
 * pollChangesTrigger on assets, against the emulator: every poll is compared with the ground truth
 * of what the test changed (nothing lost, nothing repeated, created vs updated right), with edits
 * between and during polls, same-second edits, deletions, injected faults and request counts.
 */
import { seedAssets } from "../emulator/seed";
import { pollChangesExample } from "../src/examplePayloads/triggers";
import { isoZ } from "../emulator/util";
import { useEmulator } from "./support";
import { controlClock, Ledger, poller, random } from "./trigger.support";

const env = useEmulator({ seed: { assets: 150 } });
let clock: ReturnType<typeof controlClock>;
beforeAll(() => {
  clock = controlClock(env.emulator);
});

const portal = () => env.emulator.portal;
const mediaGets = () => env.emulator.requestsTo("/api/v4/media", "GET");

/**
 * Moves the clock past the overlap window of earlier tests' bulk edits, and touches one asset, so
 * a new poller's starting point (and its first read) stays small.
 */
const freshStart = () => {
  clock.tick(400);
  const [media] = portal().media.values();
  media.dateModified = clock.now;
};

/** Keys and value types, recursively (arrays by their first item): what an example must match. */
const shape = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith("property_"))
        .map(([key, inner]) => [key, shape(inner)]),
    );
  }
  return value === null ? "null" : typeof value;
};

/**
 * When each asset was last stamped and whether a poll has read it since. `touch` re-stamps without
 * changing content, and a content-free re-stamp within the second a poll already read is no
 * change at all (same timestamp, same content), so the random schedules move the clock on first.
 * Same-second edits that do change content have their own test.
 */
const stamps = new Map<string, { at: number; polled: boolean }>();
const markPolled = () => stamps.forEach((value) => (value.polled = true));

const editor = (ledger: Ledger) => ({
  touch(id: string) {
    const last = stamps.get(id);
    if (last?.polled && last.at === clock.now) clock.tick();
    stamps.set(id, { at: clock.now, polled: false });
    const media = portal().media.get(id)!;
    media.dateModified = clock.now;
    ledger.modified(id, isoZ(clock.now));
  },
  create() {
    const [media] = seedAssets(portal(), 1);
    media.dateCreated = media.dateModified = media.datePublished = clock.now;
    ledger.created(media.id, isoZ(clock.now));
    return media.id;
  },
  remove(id: string) {
    const media = portal().media.get(id)!;
    portal().media.delete(id);
    portal().trash.push({ media, dateRemoved: clock.now });
    ledger.deleted(id);
  },
  anyId(pick: () => number) {
    const ids = [...portal().media.keys()];
    return ids[Math.floor(pick() * ids.length)];
  },
});

describe("pollChangesTrigger: assets", () => {
  it("records the starting point on the first poll and reports nothing", async () => {
    clock.tick(5);
    freshStart();
    const trigger = poller(env, { resourceType: "assets" });
    const first = await trigger.poll();
    expect(first.resultType).toBe("polled_no_changes");
    expect(first.data).toEqual({ created: [], updated: [] });
    const newest = Math.max(...[...portal().media.values()].map((m) => m.dateModified));
    expect(trigger.state()).toMatchObject({
      v: 1,
      resourceType: "assets",
      changed: { w: Math.floor(newest / 1000) },
    });
    // The newest record, then the overlap window below it.
    const [top, window] = mediaGets();
    expect(top.query).toMatchObject({ orderBy: ["dateModified desc"], limit: ["1"] });
    expect(window.query).toMatchObject({
      orderBy: ["dateModified desc"],
      limit: ["1000"],
      dateModified: [isoZ(newest - 301_000)],
    });
    expect(mediaGets()).toHaveLength(2);
  });

  it("reports exactly what changed between polls, over many polls", async () => {
    const ledger = new Ledger();
    const edit = editor(ledger);
    const pick = random(7);
    freshStart();
    const trigger = poller(env, { resourceType: "assets", showDeletedRecords: true });
    await trigger.poll();
    for (let round = 0; round < 40; round++) {
      const edits = Math.floor(pick() * 6);
      for (let e = 0; e < edits; e++) {
        if (pick() < 0.5) clock.tick(); // half the edits share a second with the one before
        const roll = pick();
        if (roll < 0.25) edit.create();
        else if (roll < 0.35) edit.remove(edit.anyId(pick));
        else edit.touch(edit.anyId(pick));
      }
      if (pick() < 0.5) clock.tick();
      env.emulator.clearLog();
      const { data, resultType } = await trigger.poll();
      markPolled();
      expect(ledger.check(data)).toEqual([]);
      expect(resultType).toBe(
        data.created.length + data.updated.length + data.deleted!.length
          ? "completed"
          : "polled_no_changes",
      );
      // Fewer than 1,000 changes: one request for assets and one for the trash, whatever happened.
      expect(mediaGets()).toHaveLength(1);
      expect(env.emulator.requestsTo("/api/trash/media", "GET")).toHaveLength(1);
    }
    expect(ledger.outstanding()).toEqual([]);
  });

  it("reports a record edited in the watermark's own second after the poll read it", async () => {
    const ledger = new Ledger();
    const edit = editor(ledger);
    freshStart();
    const trigger = poller(env, { resourceType: "assets" });
    await trigger.poll();
    clock.tick();
    const a = edit.create();
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
    // Same second as `a`: the next poll must find these without reporting `a` again.
    const b = edit.create();
    edit.touch(edit.anyId(random(3)));
    const second = await trigger.poll();
    expect(second.data.created.map((r) => r.id)).toEqual([b]);
    expect(ledger.check(second.data)).toEqual([]);
    expect((await trigger.poll()).data).toEqual({ created: [], updated: [] });
    expect(a).not.toBe(b);
  });

  it("reports an edit made in the same second as the poll that read the record (content changed)", async () => {
    freshStart();
    const trigger = poller(env, { resourceType: "assets" });
    await trigger.poll();
    clock.tick();
    const [media] = seedAssets(portal(), 1);
    media.dateCreated = media.dateModified = clock.now;
    expect((await trigger.poll()).data.created.map((r) => r.id)).toEqual([media.id]);
    // Same second, so dateModified stays as the poll saw it; only the content shows the edit.
    media.description = "edited within the same second";
    media.dateModified = clock.now;
    const next = await trigger.poll();
    expect(next.data.created).toEqual([]);
    expect(next.data.updated.map((r) => [r.id, r.description])).toEqual([
      [media.id, "edited within the same second"],
    ]);
    expect((await trigger.poll()).data).toEqual({ created: [], updated: [] }); // and only once
  });

  it("finds a record that the list shows only after the poll (a late search index)", async () => {
    const ledger = new Ledger();
    const edit = editor(ledger);
    freshStart();
    const trigger = poller(env, { resourceType: "assets" });
    await trigger.poll();
    clock.tick(10);
    const late = edit.create();
    const hidden = portal().media.get(late)!;
    portal().media.delete(late); // not listed yet
    clock.tick(20);
    const visible = edit.create();
    const first = await trigger.poll();
    expect(first.data.created.map((r) => r.id)).toEqual([visible]);
    portal().media.set(late, hidden); // now listed, stamped 20 s before the watermark
    clock.tick(5);
    const second = await trigger.poll();
    expect(second.data.created.map((r) => r.id)).toEqual([late]);
    expect(
      ledger.check({ created: [...first.data.created, ...second.data.created], updated: [] }),
    ).toEqual([]);
  });

  it("pages through more than 1,000 changes, with edits and deletions landing between pages", async () => {
    const ledger = new Ledger();
    const edit = editor(ledger);
    const pick = random(11);
    freshStart();
    const trigger = poller(env, { resourceType: "assets", showDeletedRecords: true });
    await trigger.poll();
    clock.tick();
    seedAssets(portal(), 1200);
    // One edit a second: the page boundary lies far outside the overlap window, so a record that
    // slid back across it would be lost for good.
    for (const id of [...portal().media.keys()]) {
      clock.tick();
      edit.touch(id);
    }
    clock.tick();
    const newestFirst = [...portal().media.values()]
      .sort((a, b) => b.dateModified - a.dateModified)
      .map((m) => m.id);
    // The second page waits; meanwhile records move to the front, new ones arrive, and more
    // records than that vanish from the first page, so the rest of the list slides back.
    env.emulator.faults.inject({
      path: "/api/v4/media",
      method: "GET",
      steps: ["pass", { latencyMs: 150 }],
    });
    const during = setTimeout(() => {
      clock.tick();
      for (let i = 0; i < 3; i++) edit.touch(newestFirst[600 + Math.floor(pick() * 300)]);
      for (let i = 0; i < 2; i++) edit.create();
      for (let i = 0; i < 9; i++) edit.remove(newestFirst[20 + i * 40]);
    }, 40);
    env.emulator.clearLog();
    const first = await trigger.poll();
    clearTimeout(during);
    expect(ledger.check(first.data, { exact: false })).toEqual([]);
    const pages = mediaGets().map((r) => r.query.page?.[0]);
    clock.tick();
    const second = await trigger.poll();
    expect(ledger.check(second.data)).toEqual([]);
    expect(ledger.outstanding()).toEqual([]);
    // The total dropped between pages (deletions), so the read was repeated from page 1.
    expect(pages).toEqual(["1", "2", "1", "2"]);
    // 1,200 changes in the window, but the state stays bounded.
    const state = trigger.state() as { changed: { s: Record<string, number> } };
    expect(Object.keys(state.changed.s).length).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(state).length).toBeLessThan(60_000);
  });

  it("saves no state when a poll fails part way, and the next poll reports everything", async () => {
    const ledger = new Ledger();
    const edit = editor(ledger);
    freshStart();
    const trigger = poller(env, { resourceType: "assets", showDeletedRecords: true });
    await trigger.poll();
    clock.tick();
    seedAssets(portal(), 1100).forEach((m) => {
      m.dateCreated = m.dateModified = clock.now;
      ledger.created(m.id, isoZ(clock.now));
    });
    edit.remove(edit.anyId(random(5)));
    const before = JSON.stringify(trigger.instanceState);

    // Page 2 keeps failing (6 answers of 500 outlast the client's 5 retries).
    env.emulator.faults.inject({
      path: "/api/v4/media",
      method: "GET",
      steps: ["pass", 500, 500, 500, 500, 500, 500],
    });
    await expect(trigger.poll()).rejects.toThrow(/HTTP 500/);
    expect(JSON.stringify(trigger.instanceState)).toBe(before);

    // Assets read fine, the trash fails: still nothing saved.
    env.emulator.faults.clear();
    env.emulator.faults.inject({ path: "/api/trash/media", steps: [404] });
    await expect(trigger.poll()).rejects.toThrow(/HTTP 404/);
    expect(JSON.stringify(trigger.instanceState)).toBe(before);

    // A transient fault is retried and the poll completes.
    env.emulator.faults.clear();
    env.emulator.faults.inject({ path: "/api/v4/media", method: "GET", steps: [503, "reset"] });
    const recovered = await trigger.poll();
    expect(ledger.check(recovered.data)).toEqual([]);
    expect(recovered.data.created).toHaveLength(1100);
  });

  it("honours Show New Records and Show Updated Records, and still moves past hidden changes", async () => {
    const ledger = new Ledger();
    const edit = editor(ledger);
    freshStart();
    const trigger = poller(env, { resourceType: "assets" });
    await trigger.poll();
    clock.tick();
    const fresh = edit.create();
    const old = edit.anyId(random(9));
    edit.touch(old);
    const onlyNew = await trigger.poll({ showUpdatedRecords: false });
    expect(onlyNew.data.created.map((r) => r.id)).toEqual([fresh]);
    expect(onlyNew.data.updated).toEqual([]);
    clock.tick();
    edit.touch(fresh);
    const onlyUpdated = await trigger.poll({ showNewRecords: false });
    expect(onlyUpdated.data.updated.map((r) => r.id)).toEqual([fresh]);
    const nothing = await trigger.poll({ showNewRecords: false, showUpdatedRecords: false });
    expect(nothing.resultType).toBe("polled_no_changes");
  });

  it("returns Bynder's full records, shaped like the example payload", async () => {
    freshStart();
    const trigger = poller(env, { resourceType: "assets", showDeletedRecords: true });
    await trigger.poll();
    clock.tick();
    const ledger = new Ledger();
    const edit = editor(ledger);
    const [first, second] = portal().media.keys();
    const id = edit.create();
    edit.touch(first);
    edit.remove(second);
    const { data } = await trigger.poll();
    expect(ledger.check(data)).toEqual([]);
    const listed = portal().media.get(id)!;
    expect(data.created[0]).toMatchObject({
      id,
      name: listed.name,
      dateCreated: isoZ(clock.now),
      dateModified: isoZ(clock.now),
    });
    const example = (pollChangesExample.payload.body.data as typeof data) ?? {};
    expect(shape(data)).toEqual(shape(example));
    expect(pollChangesExample.polledNoChanges).toBe(false);
  });

  it("carries over the state of Prismatic's own trigger ({ lastPolledAt })", async () => {
    freshStart();
    const ledger = new Ledger();
    const edit = editor(ledger);
    clock.tick(30);
    const before = edit.anyId(random(21));
    edit.touch(before); // reported by the old trigger already
    const since = new Date(clock.now + 500).toISOString();
    clock.tick();
    const after = edit.create();
    const trigger = poller(env, { resourceType: "assets" });
    trigger.instanceState.__prismaticInternal = { polling: { lastPolledAt: since } };
    const { data } = await trigger.poll();
    expect(data.created.map((r) => r.id)).toEqual([after]);
    expect(data.updated).toEqual([]);
    expect(trigger.state()).toMatchObject({ v: 1, changed: { w: clock.now / 1000 } });
  });

  it("starts a new starting point for deletions when Show Deleted Records is turned on later", async () => {
    freshStart();
    const ledger = new Ledger();
    const edit = editor(ledger);
    const trigger = poller(env, { resourceType: "assets" });
    await trigger.poll();
    clock.tick();
    const [first, second, third] = portal().media.keys();
    edit.touch(first);
    edit.remove(second); // before deletions are watched: never reported
    const on = await trigger.poll({ showDeletedRecords: true });
    expect(on.data.updated.map((r) => r.id)).toEqual([first]);
    expect(on.data.deleted).toEqual([]);
    clock.tick();
    edit.remove(third);
    const next = await trigger.poll({ showDeletedRecords: true });
    expect(next.data.deleted!.map((r) => r.id)).toEqual([third]);
    // Turned off again: the deletions cursor is dropped from the state.
    await trigger.poll();
    expect(trigger.state()).not.toHaveProperty("deleted");
  });

  it("starts over when the Resource Type changes", async () => {
    freshStart();
    const trigger = poller(env, { resourceType: "assets" });
    await trigger.poll();
    clock.tick();
    editor(new Ledger()).create();
    const switched = await trigger.poll({ resourceType: "campaigns" });
    expect(switched.resultType).toBe("polled_no_changes");
    expect(trigger.state()).toMatchObject({ v: 1, resourceType: "campaigns" });
  });

  it("rejects Show Deleted Records for other resource types before any request", async () => {
    const trigger = poller(env, { resourceType: "collections", showDeletedRecords: true });
    await expect(trigger.poll()).rejects.toThrow(/Show Deleted Records applies to Assets only/);
    expect(env.emulator.requests).toHaveLength(0);
    await expect(poller(env, { resourceType: "folders" }).poll()).rejects.toThrow(
      /Resource Type must be one of assets, collections, campaigns, jobs, orders/,
    );
    expect(env.emulator.requests).toHaveLength(0);
  });
});
