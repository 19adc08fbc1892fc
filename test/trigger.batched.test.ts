/**
 * batchedChangesTrigger against the emulator, driven as Prismatic drives it (perform again with
 * each paginationState until null; onDeploy first, then scheduled runs; the polling state carried
 * throughout) and compared with a ledger of the true changes: edits between and during pages,
 * same-second bulk edits larger than a page, faults between pages, late indexing, filters, and
 * the hand-over from the initial sync.
 */
import { seedAssets } from "../emulator/seed";
import { isoZ } from "../emulator/util";
import { batchedChangesExample } from "../src/examplePayloads/triggers";
import { batchSettings } from "../src/triggers/batchedRun";
import { shapeOf, useEmulator } from "./support";
import {
  asData,
  batchRunner,
  controlClock,
  Ledger,
  random,
  type BatchItem,
} from "./trigger.support";

const env = useEmulator({ seed: { assets: 120 } });
let clock: ReturnType<typeof controlClock>;
const pageSize = batchSettings.pageSize;
beforeAll(() => {
  clock = controlClock(env.emulator);
  batchSettings.pageSize = 25; // pages of 25, so a few hundred assets make many pages
});
afterAll(() => {
  batchSettings.pageSize = pageSize;
});

const portal = () => env.emulator.portal;
const mediaGets = () => env.emulator.requestsTo("/api/v4/media", "GET");
const ids = () => [...portal().media.keys()];

const editor = (ledger: Ledger) => ({
  touch(id: string) {
    const media = portal().media.get(id);
    if (!media) return;
    media.dateModified = clock.now;
    media.description = `edited at ${clock.now}`;
    ledger.modified(id, isoZ(clock.now));
  },
  create(fields: { tags?: string[] } = {}) {
    const [media] = seedAssets(portal(), 1);
    media.dateCreated = media.dateModified = media.datePublished = clock.now;
    if (fields.tags) media.tags = fields.tags;
    ledger.created(media.id, isoZ(clock.now));
    return media.id;
  },
  remove(id: string) {
    const media = portal().media.get(id);
    if (!media) return;
    portal().media.delete(id);
    portal().trash.push({ media, dateRemoved: clock.now });
    ledger.deleted(id);
  },
});

/** A runner whose starting point is taken, the clock past earlier tests' edits. */
const started = async (params: Record<string, unknown> = {}) => {
  clock.tick(600);
  const runner = batchRunner(env, { resourceType: "assets", ...params });
  const first = await runner.run();
  expect(first.items).toEqual([]);
  expect(first.resultType).toBe("polled_no_changes");
  clock.tick();
  return runner;
};

/** Keys and value types, leaving out the portal's own metaproperties (`property_<name>`). */
const shapeWithout = (item: unknown) =>
  shapeOf(
    JSON.parse(JSON.stringify(item), (key, value: unknown) =>
      key.startsWith("property_") ? undefined : value,
    ),
  );

const sizes = () => mediaGets().map((r) => Number(r.query.limit?.[0]));

describe("batchedChangesTrigger", () => {
  it("reports each change once as { change, record }, one page per perform call", async () => {
    const runner = await started({ showDeletedRecords: true });
    const ledger = new Ledger();
    const edit = editor(ledger);
    const all = ids();
    for (let i = 0; i < 70; i++) {
      if (i % 9 === 0) clock.tick();
      edit.touch(all[i]);
    }
    const fresh = [edit.create(), edit.create()];
    edit.remove(all[100]);
    clock.tick();
    env.emulator.clearLog();
    const run = await runner.run();
    expect(ledger.check(asData(run.items))).toEqual([]);
    const created = run.items.filter((i) => i.change === "created").map((i) => i.record.id);
    expect(created.sort()).toEqual(fresh.sort());
    expect(run.calls).toBeGreaterThanOrEqual(3);
    expect(sizes().every((limit) => limit === 25)).toBe(true);
    expect(mediaGets()[0].query).toMatchObject({ orderBy: ["dateModified asc"], total: ["1"] });
    // The example payload shows an item of each kind shaped like the real ones.
    const example = batchedChangesExample.payload.body.data;
    for (const kind of ["created", "updated", "deleted"] as const) {
      const real = run.items.find((i) => i.change === kind)!;
      expect(shapeWithout(real)).toEqual(shapeWithout(example.find((i) => i.change === kind)));
    }

    // An unchanged portal, once a run has read it after the overlap window passed (the window is
    // re-read to catch late listings, 25 a page here, 1,000 in production): one request for assets
    // and one for the trash.
    clock.tick(301);
    expect((await runner.run()).items).toEqual([]);
    env.emulator.clearLog();
    const idle = await runner.run();
    expect(idle).toMatchObject({ items: [], calls: 1, resultType: "polled_no_changes" });
    expect(mediaGets()).toHaveLength(1);
    expect(env.emulator.requestsTo("/api/trash/media", "GET")).toHaveLength(1);
  });

  it("loses and repeats nothing over many runs with edits between and during pages", async () => {
    const runner = await started({ showDeletedRecords: true });
    const ledger = new Ledger();
    const edit = editor(ledger);
    const pick = random(11);
    const any = () => {
      const all = ids();
      return all[Math.floor(pick() * all.length)];
    };
    const churn = (count: number) => {
      for (let e = 0; e < count; e++) {
        if (pick() < 0.4) clock.tick();
        const roll = pick();
        if (roll < 0.2) edit.create();
        else if (roll < 0.3) edit.remove(any());
        else edit.touch(any());
      }
    };
    for (let round = 0; round < 12; round++) {
      churn(Math.floor(pick() * 60));
      clock.tick();
      const run = await runner.run({ between: () => churn(Math.floor(pick() * 8)) });
      expect(ledger.check(asData(run.items), { exact: false })).toEqual([]);
      clock.tick();
    }
    const last = await runner.run();
    expect(ledger.check(asData(last.items), { exact: false })).toEqual([]);
    expect(ledger.outstanding()).toEqual([]);
  });

  it("pages through a bulk edit stamped in one second, larger than a page, while it changes", async () => {
    const runner = await started({ showDeletedRecords: true });
    const ledger = new Ledger();
    const edit = editor(ledger);
    const bulk = ids().slice(0, 110); // more than four pages in one second
    for (const id of bulk) edit.touch(id);
    const run = await runner.run({
      between: (page) => {
        if (page !== 2) return;
        // Records leave the second while the run is inside it: the pages after them shift.
        clock.tick();
        for (const id of bulk.slice(0, 6)) edit.touch(id);
        edit.remove(bulk[7]);
        edit.remove(bulk[60]);
      },
    });
    expect(ledger.check(asData(run.items), { exact: false })).toEqual([]);
    // The run read the rest of the second again when its total moved, so the records that shifted
    // back across a page boundary came in this run; only the edits made after it began are left.
    const reEdited = bulk.slice(0, 6).map((id) => `${id}@${isoZ(clock.now)}`);
    expect(ledger.outstanding().sort()).toEqual(reEdited.sort());
    clock.tick();
    const next = await runner.run();
    expect(ledger.check(asData(next.items), { exact: false })).toEqual([]);
    expect(ledger.outstanding()).toEqual([]);
  });

  it("delivers every change once when a call fails between pages, retried or not", async () => {
    for (const recovery of ["same cursor", "next run"] as const) {
      const runner = await started();
      const ledger = new Ledger();
      const edit = editor(ledger);
      for (const id of ids().slice(0, 80)) {
        if (pickSecond()) clock.tick();
        edit.touch(id);
      }
      clock.tick();
      const first = await runner.call(null);
      expect(first.next).not.toBeNull();
      env.emulator.faults.inject({
        path: "/api/v4/media",
        method: "GET",
        steps: [500, 500, 500, 500, 500, 500],
      });
      await expect(runner.call(first.next)).rejects.toThrow(/500/);
      const rest = await runner.run({ from: recovery === "same cursor" ? first.next : null });
      expect(ledger.check(asData([...first.items, ...rest.items]))).toEqual([]);
    }
  });

  it("continues from the saved position when the page cursor handed back is not one it wrote", async () => {
    const runner = await started();
    const ledger = new Ledger();
    for (const id of ids().slice(0, 40)) editor(ledger).touch(id);
    clock.tick();
    const first = await runner.call(null);
    const rest = await runner.run({ from: { phase: "sideways", page: "two" } });
    expect(runner.warnings.join("\n")).toMatch(/paginationState\) is not one this trigger wrote/);
    expect(ledger.check(asData([...first.items, ...rest.items]))).toEqual([]);
  });

  it("pulls a saved position in the future back to the portal's now, with a warning", async () => {
    const runner = await started();
    const saved = runner.state() as { changed: Record<string, unknown> };
    const now = clock.now / 1000;
    runner.instanceState.__prismaticInternal = {
      polling: { ...saved, changed: { w: now + 5 * 365 * 86400, s: {}, t: now } },
    };
    clock.tick(20);
    const ledger = new Ledger();
    editor(ledger).touch(ids()[2]);
    const run = await runner.run();
    expect(ledger.check(asData(run.items))).toEqual([]);
    expect(runner.warnings.join("\n")).toMatch(/lies in the future of the portal's clock/);
  });

  it("finds an edit Bynder indexed late, inside the overlap window", async () => {
    const runner = await started();
    const ledger = new Ledger();
    const [early, late] = ids();
    editor(ledger).touch(early);
    expect(ledger.check(asData((await runner.run()).items))).toEqual([]);
    clock.tick(30);
    const media = portal().media.get(late)!;
    media.dateModified = clock.now - 20_000; // stamped 20 s ago, listed only now
    ledger.modified(late, isoZ(clock.now - 20_000));
    expect(ledger.check(asData((await runner.run()).items))).toEqual([]);
  });

  it("narrows to the asset filters, sent with the date filter, and refuses them on other types", async () => {
    const runner = await started({ tags: ["sync-me"], assetTypes: ["image"] });
    const ledger = new Ledger();
    const edit = editor(ledger);
    const wanted = edit.create({ tags: ["sync-me"] });
    portal().media.get(wanted)!.type = "image";
    const other = edit.create({ tags: ["other"] });
    ledger.forget(other);
    env.emulator.clearLog();
    const run = await runner.run();
    expect(run.items.map((i) => i.record.id)).toEqual([wanted]);
    expect(mediaGets()[0].query).toMatchObject({ tags: ["sync-me"], type: ["image"] });
    await expect(
      batchRunner(env, { resourceType: "collections", tags: ["x"] }).run(),
    ).rejects.toThrow(/Tags filters assets only/);
  });

  it("syncs the existing records on deploy and hands over to the scheduled runs without gap or overlap", async () => {
    clock.tick(600);
    const runner = batchRunner(env, { resourceType: "assets", showDeletedRecords: true });
    const delivered: BatchItem[] = [];
    const pick = random(5);
    const touched = new Set<string>();
    const sync = await runner.run({
      sync: true,
      between: () => {
        // Edits while the sync runs: some to records it delivered already, some ahead of it.
        clock.tick();
        for (let i = 0; i < 3; i++) {
          const all = ids();
          const id = all[Math.floor(pick() * all.length)];
          portal().media.get(id)!.dateModified = clock.now;
          touched.add(id);
        }
        seedAssets(portal(), 1)[0].dateModified = clock.now;
      },
    });
    expect(sync.items.every((i) => i.change === "existing")).toBe(true);
    expect(sync.calls).toBeGreaterThan(4);
    delivered.push(...sync.items);
    clock.tick();
    const removed = ids()[3];
    portal().trash.push({ media: portal().media.get(removed)!, dateRemoved: clock.now });
    portal().media.delete(removed);
    for (let i = 0; i < 3; i++) {
      clock.tick();
      delivered.push(...(await runner.run()).items);
    }
    // No overlap: no version of a record twice. No gap: every record's current version arrived.
    const versions = delivered
      .filter((i) => i.change !== "deleted")
      .map((i) => `${String(i.record.id)}@${String(i.record.dateModified)}`);
    expect(versions.length).toBe(new Set(versions).size);
    for (const media of portal().media.values()) {
      expect(versions).toContain(`${media.id}@${isoZ(media.dateModified)}`);
    }
    expect(delivered.filter((i) => i.change === "deleted").map((i) => i.record.id)).toEqual([
      removed,
    ]);
    expect(touched.size).toBeGreaterThan(0);
  });

  it("syncs only records changed since Records Changed Since", async () => {
    clock.tick(600);
    const since = clock.now;
    const ledger = new Ledger();
    const recent = ids().slice(10, 14);
    for (const id of recent) editor(ledger).touch(id);
    const runner = batchRunner(env, { resourceType: "assets" });
    const sync = await runner.run({ sync: true, extra: { recordsChangedSince: isoZ(since) } });
    expect(sync.items.map((i) => i.record.id).sort()).toEqual([...recent].sort());
    await expect(
      runner.run({ sync: true, extra: { recordsChangedSince: "next friday" } }),
    ).rejects.toThrow(/Records Changed Since/);
  });

  it("reads other resource types in one call per run", async () => {
    clock.tick(600);
    const runner = batchRunner(env, { resourceType: "collections" });
    expect((await runner.run()).items).toEqual([]);
    clock.tick();
    const [collection] = portal().collections.values();
    collection.dateModified = clock.now;
    const run = await runner.run();
    expect(run.items.map((i) => [i.change, i.record.id])).toEqual([["updated", collection.id]]);
  });

  it("has an example payload with an item of each kind, shaped like the real items", () => {
    const items = batchedChangesExample.payload.body.data;
    expect(items.map((i) => i.change)).toEqual(["created", "updated", "deleted", "existing"]);
  });
});

let second = 0;
/** Every fourth edit moves to a new second. */
const pickSecond = () => ++second % 4 === 0;
