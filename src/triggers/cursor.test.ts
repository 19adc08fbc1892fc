import {
  advance,
  baseline,
  compact,
  cutoffOf,
  newestPerId,
  pullBack,
  type Candidate,
  type CursorOptions,
  type StreamState,
} from "./cursor";

const options: CursorOptions = {
  overlapSeconds: 60,
  maxSeen: 50,
  hardMaxSeen: 200,
  skewSeconds: 30,
};
const c = (id: string, ts: number, createdAt = 0): Candidate<{ id: string }> => ({
  id,
  ts,
  createdAt,
  record: { id },
});
const kinds = (changes: { id: string; kind: string }[]) => changes.map((x) => `${x.kind}:${x.id}`);

describe("baseline (the first poll)", () => {
  it("keeps the newest timestamp and the records inside the overlap window", () => {
    const state = baseline([c("a", 1000), c("b", 950), c("c", 939), c("d", 940)], options);
    expect(state).toEqual({ w: 1000, s: { a: 1000, b: 950, d: 940 } });
  });

  it("starts empty for an empty resource and then reports everything as created", () => {
    const state = baseline([], options);
    expect(state).toEqual({ s: {} });
    expect(cutoffOf(state, options)).toBeUndefined();
    const { changes, next } = advance(state, [c("a", 5, 5), c("b", 7, 1)], options);
    expect(kinds(changes)).toEqual(["created:a", "created:b"]);
    expect(next).toEqual({ w: 7, s: { a: 5, b: 7 } });
  });
});

describe("advance", () => {
  const start: StreamState = { w: 1000, s: { a: 1000, b: 990 } };

  it("reports new (id, timestamp) pairs once, oldest first, and skips the overlap it already knows", () => {
    const { changes, next } = advance(
      start,
      [c("a", 1000), c("b", 990), c("e", 1003, 1003), c("c", 1001, 10), c("old", 900)],
      options,
    );
    expect(kinds(changes)).toEqual(["updated:c", "created:e"]);
    expect(next.w).toBe(1003);
    const again = advance(next, [c("a", 1000), c("c", 1001, 10), c("e", 1003, 1003)], options);
    expect(again.changes).toEqual([]);
    expect(again.next).toEqual(next);
  });

  it("finds a record stamped in the watermark's own second after the last read", () => {
    const { changes } = advance(start, [c("a", 1000), c("late", 1000, 1)], options);
    expect(kinds(changes)).toEqual(["updated:late"]);
  });

  it("finds a record listed late (stamped inside the overlap window)", () => {
    const { changes } = advance(start, [c("a", 1000), c("lagged", 950, 945)], options);
    expect(kinds(changes)).toEqual(["created:lagged"]);
  });

  it("reports a later edit of a reported record as updated, even when it was created recently", () => {
    const first = advance(start, [c("n", 1005, 1005)], options);
    expect(kinds(first.changes)).toEqual(["created:n"]);
    const second = advance(first.next, [c("n", 1010, 1005)], options);
    expect(kinds(second.changes)).toEqual(["updated:n"]);
  });

  it("ignores a stale copy older than the version already reported", () => {
    const { changes } = advance({ w: 1000, s: { a: 1000 } }, [c("a", 990)], options);
    expect(changes).toEqual([]);
  });

  it("keeps the newest of duplicate copies from a shifted page", () => {
    expect(newestPerId([c("a", 5), c("a", 9), c("a", 7)]).map((x) => x.ts)).toEqual([9]);
    const { changes } = advance(start, [c("x", 1002), c("x", 1004)], options);
    expect(changes.map((x) => x.ts)).toEqual([1004]);
  });

  it("forgets entries the next cutoff no longer reaches", () => {
    const { next } = advance(start, [c("z", 1100)], options);
    expect(next).toEqual({ w: 1100, s: { z: 1100 } });
    expect(cutoffOf(next, options)).toBe(1040);
  });

  it("does not move the watermark for records below the cutoff", () => {
    const { next, changes } = advance(start, [c("old", 100)], options);
    expect(changes).toEqual([]);
    expect(next.w).toBe(1000);
  });
});

describe("compact (bounded state)", () => {
  it("drops the oldest whole seconds beyond maxSeen and raises the floor", () => {
    const s: Record<string, number> = {};
    for (let i = 0; i < 80; i++) s[`r${i}`] = 1000 + Math.floor(i / 10); // 10 per second, 1000..1007
    const next = compact({ w: 1007, s }, options);
    expect(Object.keys(next.s)).toHaveLength(50);
    expect(next.f).toBe(1003);
    expect(Math.min(...Object.values(next.s))).toBe(1003);
    expect(cutoffOf(next, options)).toBe(1003);
    // Records below the floor count as handled; the floor's own second is still de-duplicated.
    const { changes } = advance(next, [c("r0", 1000), c("r35", 1003), c("new", 1003)], options);
    expect(kinds(changes)).toEqual(["updated:new"]);
  });

  it("keeps a single crowded second whole up to hardMaxSeen", () => {
    const s: Record<string, number> = {};
    for (let i = 0; i < 120; i++) s[`r${i}`] = 2000;
    s.older = 1990;
    const next = compact({ w: 2000, s }, options);
    expect(Object.keys(next.s)).toHaveLength(120);
    expect(next.f).toBe(2000);
  });

  it("moves the floor past a second that holds more than hardMaxSeen", () => {
    const s: Record<string, number> = {};
    for (let i = 0; i < 250; i++) s[`r${i}`] = 3000;
    expect(compact({ w: 3000, s }, options)).toEqual({ w: 3000, f: 3001, s: {} });
  });

  it("drops the floor once the overlap window has passed it", () => {
    const next = compact({ w: 5000, f: 1003, s: { a: 4990 } }, options);
    expect(next).toEqual({ w: 5000, s: { a: 4990 } });
  });
});

/**
 * A model of a Bynder list: records change at random seconds, some are listed only after a delay
 * (search-index lag below the overlap), polls come at random times. Every version that is still
 * current when a later poll runs must be reported exactly once, nothing twice, no phantom.
 */
describe("no loss, no repeat (randomised model)", () => {
  const run = (seed: number) => {
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    interface Version {
      id: string;
      ts: number;
      createdAt: number;
      visibleAt: number;
    }
    const current = new Map<string, Version>();
    let now = 10_000;
    for (let i = 0; i < 30; i++) {
      current.set(`seed${i}`, { id: `seed${i}`, ts: now - i, createdAt: 1, visibleAt: 0 });
    }
    const visible = (since?: number) =>
      [...current.values()]
        .filter((v) => v.visibleAt <= now && (since === undefined || v.ts >= since))
        .map((v) => ({ id: v.id, ts: v.ts, createdAt: v.createdAt, record: { id: v.id } }));

    let cursor = baseline(visible(), options);
    const baselineIds = new Set(current.keys());
    const reported = new Map<string, number[]>();
    const createdReports = new Map<string, number>();
    let nextId = 0;
    for (let poll = 0; poll < 400; poll++) {
      const edits = Math.floor(random() * 6);
      for (let e = 0; e < edits; e++) {
        now += random() < 0.5 ? 0 : 1; // many edits share a second
        const lag = random() < 0.2 ? Math.floor(random() * 40) : 0;
        if (random() < 0.3 || current.size === 0) {
          const id = `n${nextId++}`;
          current.set(id, { id, ts: now, createdAt: now, visibleAt: now + lag });
        } else {
          const ids = [...current.keys()];
          const id = ids[Math.floor(random() * ids.length)];
          const old = current.get(id)!;
          current.set(id, { ...old, ts: now, visibleAt: now + lag });
        }
      }
      now += Math.floor(random() * 5);
      const { changes, next } = advance(cursor, visible(cutoffOf(cursor, options)), options);
      cursor = next;
      for (const change of changes) {
        const list = reported.get(change.id) ?? [];
        expect(list).not.toContain(change.ts); // never twice
        list.push(change.ts);
        reported.set(change.id, list);
        if (change.kind === "created") {
          expect(createdReports.has(change.id)).toBe(false);
          expect(baselineIds.has(change.id)).toBe(false);
          createdReports.set(change.id, change.ts);
        } else {
          expect(baselineIds.has(change.id) || createdReports.has(change.id)).toBe(true);
        }
      }
    }
    now += 100; // let every lagging record show up, then one quiet poll
    const { changes } = advance(cursor, visible(cutoffOf(cursor, options)), options);
    for (const change of changes) {
      reported.set(change.id, [...(reported.get(change.id) ?? []), change.ts]);
      if (change.kind === "created") createdReports.set(change.id, change.ts);
    }
    for (const version of current.values()) {
      const changedAfterBaseline = !baselineIds.has(version.id) || version.ts > 10_000;
      if (changedAfterBaseline) expect(reported.get(version.id)).toContain(version.ts);
      if (!baselineIds.has(version.id)) expect(createdReports.has(version.id)).toBe(true);
    }
    const seenSize = Object.keys(cursor.s).length;
    expect(seenSize).toBeLessThanOrEqual(options.hardMaxSeen);
    return reported.size;
  };

  it.each([1, 2, 3, 42, 1234])("holds for seed %i", (seed) => {
    expect(run(seed)).toBeGreaterThan(100);
  });
});

describe("same-second edits (content fingerprints)", () => {
  const f = (id: string, ts: number, fingerprint: string): Candidate<{ id: string }> => ({
    id,
    ts,
    createdAt: 0,
    fingerprint,
    record: { id },
  });

  it("reports a record again as updated when its content changed within the same second", () => {
    const first = advance({ w: 1000, s: {} }, [f("a", 1001, "v1")], options);
    expect(kinds(first.changes)).toEqual(["updated:a"]);
    expect(first.next.h).toEqual({ a: "v1" });
    const second = advance(first.next, [f("a", 1001, "v2")], options);
    expect(kinds(second.changes)).toEqual(["updated:a"]);
    const third = advance(second.next, [f("a", 1001, "v2")], options);
    expect(third.changes).toEqual([]);
  });

  it("does not repeat records saved by a version without fingerprints", () => {
    const { changes } = advance({ w: 1001, s: { a: 1001 } }, [f("a", 1001, "v1")], options);
    expect(changes).toEqual([]);
  });

  it("forgets fingerprints together with the records the window no longer reaches", () => {
    const state = compact(
      { w: 2000, s: { old: 100, recent: 1990 }, h: { old: "x", recent: "y" } },
      options,
    );
    expect(state).toEqual({ w: 2000, s: { recent: 1990 }, h: { recent: "y" } });
  });
});

describe("the portal's clock (issue 13)", () => {
  it("reports a record stamped past the portal's now once, without moving the watermark to it", () => {
    const start: StreamState = { w: 1000, s: { a: 1000 } };
    const first = advance(start, [c("a", 1000), c("future", 99_999)], options, 1010);
    expect(kinds(first.changes)).toEqual(["updated:future"]);
    expect(first.ahead.map((x) => x.id)).toEqual(["future"]);
    expect(first.next.w).toBe(1000);
    expect(first.next.t).toBe(1010);
    const again = advance(first.next, [c("future", 99_999)], options, 1020);
    expect(again.changes).toEqual([]);
    // The portal corrects the stamp to an earlier time: that is a change.
    const corrected = advance(again.next, [c("future", 1015)], options, 1030);
    expect(kinds(corrected.changes)).toEqual(["updated:future"]);
    expect(corrected.next.w).toBe(1015);
  });

  it("pulls state in the future back to its poll time when believable, else to the portal's now", () => {
    expect(pullBack({ w: 1000, s: {} }, 1000, options)).toBeUndefined();
    expect(pullBack({ w: 9e9, s: {}, t: 990 }, 1000, options)).toMatchObject({ w: 990 });
    expect(pullBack({ w: 9e9, f: 9e9, s: {}, t: 9e9 }, 1000, options)).toMatchObject({
      w: 1000,
      f: 1000,
    });
  });
});
