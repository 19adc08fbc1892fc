/**
 * pollChangesTrigger on collections, campaigns, jobs and orders, against the emulator: many polls
 * with random edits between them, each poll compared with the ground truth; the requests each
 * poll costs; edits during a poll; a failing poll that saves nothing.
 */
import type { Portal } from "../emulator/portal";
import { coldFusion, isoOffset } from "../emulator/util";
import { useEmulator } from "./support";
import { controlClock, Ledger, poller, random } from "./trigger.support";

const env = useEmulator();
let clock: ReturnType<typeof controlClock>;
beforeAll(() => {
  clock = controlClock(env.emulator);
});

interface Editor {
  /** Returns the new id. */
  create(portal: Portal, now: number): string;
  modify(portal: Portal, id: string, now: number): void;
  remove(portal: Portal, id: string): void;
  ids(portal: Portal): string[];
  format(ms: number): string;
}

const editors: Record<"collections" | "campaigns" | "jobs" | "orders", Editor> = {
  collections: {
    create: (portal, now) => {
      const id = portal.cfId();
      portal.collections.set(id, {
        id,
        name: `Collection ${id.slice(0, 4)}`,
        description: "",
        userId: portal.defaultUserId(),
        isPublic: 0,
        mediaIds: [],
        dateCreated: now,
        dateModified: now,
        views: 0,
        shares: [],
      });
      return id;
    },
    modify: (portal, id, now) => {
      portal.collections.get(id)!.dateModified = now;
    },
    remove: (portal, id) => void portal.collections.delete(id),
    ids: (portal) => [...portal.collections.keys()],
    format: coldFusion,
  },
  campaigns: {
    create: (portal, now) => {
      const [template] = portal.campaigns.values();
      const ID = portal.uuid();
      portal.campaigns.set(ID, { ...template, ID, dateCreated: now, dateModified: now });
      return ID;
    },
    modify: (portal, id, now) => {
      portal.campaigns.get(id)!.dateModified = now;
    },
    remove: (portal, id) => void portal.campaigns.delete(id),
    ids: (portal) => [...portal.campaigns.keys()],
    format: isoOffset,
  },
  jobs: {
    create: (portal, now) => {
      const [template] = portal.jobs.values();
      const id = portal.uuid();
      portal.jobs.set(id, { ...template, id, dateCreated: now, dateModified: now });
      return id;
    },
    modify: (portal, id, now) => {
      portal.jobs.get(id)!.dateModified = now;
    },
    remove: (portal, id) => void portal.jobs.delete(id),
    ids: (portal) => [...portal.jobs.keys()],
    format: isoOffset,
  },
  orders: {
    create: (portal, now) => {
      const template = portal.orders[0];
      const id = portal.uuid();
      portal.orders.push({ ...template, id, dateCreated: now, lines: [], history: [] });
      return id;
    },
    // Orders carry no modification date: a changed status is invisible to the trigger.
    modify: (portal, id) => {
      portal.orders.find((o) => o.id === id)!.status = "FINISHED";
    },
    remove: (portal, id) => {
      portal.orders.splice(
        portal.orders.findIndex((o) => o.id === id),
        1,
      );
    },
    ids: (portal) => portal.orders.map((o) => o.id),
    format: isoOffset,
  },
};

const FIELDS = {
  collections: { id: "id", ts: "dateModified", path: "/api/v4/collections" },
  campaigns: { id: "ID", ts: "dateModified", path: "/api/workflow/campaigns" },
  jobs: { id: "id", ts: "dateModified", path: "/api/workflow/jobs" },
  orders: { id: "id", ts: "date_created", path: "/api/store/order" },
} as const;

describe.each(Object.keys(editors) as (keyof typeof editors)[])(
  "pollChangesTrigger: %s",
  (type) => {
    const editor = editors[type];
    const fields = FIELDS[type];
    const portal = () => env.emulator.portal;
    const requests = () => env.emulator.requestsTo(fields.path, "GET");

    /**
     * When each record was last stamped, and whether a poll has read it since: Bynder's one-second
     * stamps cannot show a second edit within the second a poll already read, so the schedule
     * moves the clock on first (the trigger's documented limit).
     */
    const stamps = new Map<string, { at: number; polled: boolean }>();
    const stamp = (id: string) => {
      const last = stamps.get(id);
      if (last?.polled && last.at === clock.now) clock.tick();
      stamps.set(id, { at: clock.now, polled: false });
    };
    const polled = () => stamps.forEach((value) => (value.polled = true));
    const act = (ledger: Ledger, pick: () => number) => {
      const roll = pick();
      const ids = editor.ids(portal());
      if (roll < 0.3 || ids.length < 3) {
        const id = editor.create(portal(), clock.now);
        stamp(id);
        ledger.created(id, editor.format(clock.now));
      } else if (roll < 0.4) {
        const id = ids[Math.floor(pick() * ids.length)];
        editor.remove(portal(), id);
        ledger.forget(id);
      } else {
        const id = ids[Math.floor(pick() * ids.length)];
        stamp(id);
        editor.modify(portal(), id, clock.now);
        if (type !== "orders") ledger.modified(id, editor.format(clock.now));
      }
    };

    it("reports nothing on the first poll, then exactly what changed, poll after poll", async () => {
      clock.tick(400);
      const ledger = new Ledger(fields.id, fields.ts);
      const pick = random(type.length * 31);
      const trigger = poller(env, { resourceType: type });
      const first = await trigger.poll();
      expect(first).toEqual({
        data: { created: [], updated: [] },
        resultType: "polled_no_changes",
      });
      for (let round = 0; round < 25; round++) {
        const edits = Math.floor(pick() * 4);
        for (let e = 0; e < edits; e++) {
          if (pick() < 0.5) clock.tick();
          act(ledger, pick);
        }
        if (pick() < 0.5) clock.tick();
        env.emulator.clearLog();
        const { data } = await trigger.poll();
        polled();
        expect(ledger.check(data)).toEqual([]);
        if (type === "orders") expect(data.updated).toEqual([]);
        // Requests: campaigns/collections/jobs one; orders one per 10 (plus the short page).
        const expected = type === "orders" ? Math.floor(portal().orders.length / 10) + 1 : 1;
        expect(requests()).toHaveLength(expected);
        expect(env.emulator.requests).toHaveLength(expected);
      }
      expect(ledger.outstanding()).toEqual([]);
    });

    it("sends the cheapest read Bynder's API allows", async () => {
      const trigger = poller(env, { resourceType: type });
      await trigger.poll();
      env.emulator.clearLog();
      await trigger.poll();
      const [request] = requests();
      const state = trigger.state() as { changed: { w: number } };
      switch (type) {
        case "collections":
          expect(request.query).toEqual({
            count: ["1"],
            limit: ["1000"],
            page: ["1"],
            orderBy: ["dateCreated desc"],
          });
          break;
        case "campaigns":
          expect(request.query).toEqual({});
          break;
        case "jobs":
          expect(request.query).toEqual({
            dateModifiedFrom: [
              new Date((state.changed.w - 301) * 1000).toISOString().replace(".000Z", "Z"),
            ],
            orderBy: ["dateModified desc"],
            limit: ["100"],
            page: ["1"],
          });
          break;
        case "orders":
          expect(request.query).toEqual({ page: ["1"] });
          break;
      }
    });

    it("reports an edit made while the poll is reading, once", async () => {
      clock.tick(400);
      const ledger = new Ledger(fields.id, fields.ts);
      const trigger = poller(env, { resourceType: type });
      await trigger.poll();
      clock.tick();
      act(ledger, () => 0); // a new record
      env.emulator.faults.inject({ path: fields.path, method: "GET", steps: [{ latencyMs: 120 }] });
      const during = setTimeout(() => {
        clock.tick();
        act(ledger, () => 0);
        act(ledger, () => 0.9); // an edit (invisible for orders)
      }, 30);
      const first = await trigger.poll();
      clearTimeout(during);
      expect(ledger.check(first.data, { exact: false })).toEqual([]);
      clock.tick();
      const second = await trigger.poll();
      expect(ledger.check(second.data)).toEqual([]);
      expect(ledger.outstanding()).toEqual([]);
    });

    it("saves no state when the read fails, and reports the change on the next poll", async () => {
      clock.tick(400);
      const ledger = new Ledger(fields.id, fields.ts);
      const trigger = poller(env, { resourceType: type });
      await trigger.poll();
      clock.tick();
      const id = editor.create(portal(), clock.now);
      ledger.created(id, editor.format(clock.now));
      const before = JSON.stringify(trigger.instanceState);
      env.emulator.faults.inject({ path: fields.path, method: "GET", steps: [400] });
      await expect(trigger.poll()).rejects.toThrow(/HTTP 400/);
      expect(JSON.stringify(trigger.instanceState)).toBe(before);
      const { data } = await trigger.poll();
      expect(ledger.check(data)).toEqual([]);
      expect(data.created.map((r) => r[fields.id])).toEqual([id]);
    });
  },
);
