/**
 * Issue 13, "changes must never go missing": pollChangesTrigger against the emulator with the
 * saved state carried from poll to poll, when a record is stamped in the future, when the saved
 * state is damaged or foreign, and when records carry dates in unusual forms. Each poll is
 * compared with a ledger of what the test changed.
 */
import { isoZ } from "../emulator/util";
import { useEmulator } from "./support";
import { controlClock, Ledger, poller } from "./trigger.support";

const env = useEmulator({ seed: { assets: 30 } });
let clock: ReturnType<typeof controlClock>;
beforeAll(() => {
  clock = controlClock(env.emulator);
});

const portal = () => env.emulator.portal;
const YEAR = 365 * 24 * 3600 * 1000;

const editor = (ledger: Ledger) => ({
  touch(id: string, at = clock.now) {
    portal().media.get(id)!.dateModified = at;
    ledger.modified(id, isoZ(at));
  },
});

/** A trigger with a baseline taken, the clock past earlier tests' edits. */
const started = async () => {
  clock.tick(600);
  const trigger = poller(env, { resourceType: "assets" });
  await trigger.poll();
  clock.tick();
  trigger.warnings.length = 0;
  return trigger;
};

const ids = () => [...portal().media.keys()];

describe("pollChangesTrigger: changes never go missing (issue 13)", () => {
  it("reports a record stamped five years ahead once, without letting it drag the watermark", async () => {
    const trigger = await started();
    const ledger = new Ledger();
    const edit = editor(ledger);
    const [future, later, another] = ids();
    edit.touch(future, clock.now + 5 * YEAR);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
    expect(trigger.warnings.join("\n")).toMatch(
      new RegExp(`stamped in the future of the portal's clock .*${future}`),
    );
    expect((trigger.state() as { changed: { w: number } }).changed.w).toBeLessThanOrEqual(
      clock.now / 1000 + 120,
    );

    clock.tick(60);
    edit.touch(later);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);

    clock.tick(60);
    edit.touch(future); // the portal corrects the stamp
    edit.touch(another);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
  });

  it("pulls a saved watermark in the future back to the portal's now, with a warning", async () => {
    const trigger = await started();
    const saved = trigger.state() as { changed: Record<string, unknown> };
    const t = clock.now / 1000;
    trigger.setState({ ...saved, changed: { w: t + 5 * 365 * 86400, s: {}, t } });
    clock.tick(30);
    const ledger = new Ledger();
    editor(ledger).touch(ids()[3]);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
    expect(trigger.warnings.join("\n")).toMatch(/lies in the future of the portal's clock/);
    trigger.warnings.length = 0;
    clock.tick(30);
    editor(ledger).touch(ids()[4]);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
    expect(trigger.warnings).toEqual([]);
  });

  it("pulls Prismatic's own lastPolledAt back when it lies in the future", async () => {
    clock.tick(600);
    const trigger = poller(env, { resourceType: "assets" });
    trigger.setState({ lastPolledAt: new Date(clock.now + 3 * YEAR).toISOString() });
    clock.tick();
    const ledger = new Ledger();
    const poll = await trigger.poll(); // resumes at the portal's now, with a warning
    expect(poll.data.updated).toEqual([]);
    expect(trigger.warnings.join("\n")).toMatch(/lies in the future/);
    clock.tick(10);
    editor(ledger).touch(ids()[5]);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
  });

  it("recovers a non-numeric watermark from the records it remembers, and does not fail every poll", async () => {
    const trigger = await started();
    const ledger = new Ledger();
    const [a, b] = ids();
    editor(ledger).touch(a);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
    const saved = trigger.state() as { changed: Record<string, unknown> };
    trigger.setState({ ...saved, changed: { ...saved.changed, w: "soon" } });
    clock.tick(5);
    editor(ledger).touch(b);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]); // b once, a not again
    expect(trigger.warnings.join("\n")).toMatch(
      /watermark \(w\) is "soon", not a number.*resumes with the changes from \d{4}-/,
    );
    trigger.warnings.length = 0;
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
    expect(trigger.warnings).toEqual([]);
  });

  it("re-reads from the overlap when the remembered records are damaged, losing nothing", async () => {
    const trigger = await started();
    const saved = trigger.state() as { changed: Record<string, unknown> };
    trigger.setState({ ...saved, changed: { ...saved.changed, s: "broken" } });
    const id = ids()[6];
    editor(new Ledger()).touch(id);
    const { data } = await trigger.poll();
    // The edit is there; the repeats are the records of the overlap window the baseline knew.
    expect(data.updated.map((r) => r.id)).toContain(id);
    const window = clock.now - 300_000 - 601_000;
    for (const record of data.updated) {
      expect(Date.parse(String(record.dateModified))).toBeGreaterThanOrEqual(window);
    }
    expect(trigger.warnings.join("\n")).toMatch(
      /remembered records \(s\) are "broken".*may be reported again/,
    );
  });

  it("says so when state of the wrong shape forces a new starting point", async () => {
    const trigger = await started();
    trigger.setState({ v: 1, resourceType: "assets", changed: 42 });
    const first = await trigger.poll();
    expect(first.resultType).toBe("polled_no_changes");
    expect(trigger.warnings.join("\n")).toMatch(
      /saved assets state could not be used.*it is 42, not an object.*new starting point/,
    );
    trigger.setState({ cursor: "abc", v: 7 });
    trigger.warnings.length = 0;
    await trigger.poll();
    expect(trigger.warnings.join("\n")).toMatch(/not one this trigger wrote \(keys: cursor, v/);
    const ledger = new Ledger();
    clock.tick();
    editor(ledger).touch(ids()[7]);
    expect(ledger.check((await trigger.poll()).data)).toEqual([]);
  });

  it("takes state saved for another resource type as the time of the last poll, not a silent new baseline", async () => {
    clock.tick(600);
    const trigger = poller(env, { resourceType: "collections" });
    await trigger.poll();
    clock.tick(20);
    const ledger = new Ledger();
    editor(ledger).touch(ids()[8]);
    const switched = await trigger.poll({ resourceType: "assets" });
    expect(ledger.check(switched.data)).toEqual([]);
    expect(trigger.warnings.join("\n")).toMatch(
      /saved state is for collections, but this trigger now polls assets\. It resumes with the changes from/,
    );
  });

  it("warns when Prismatic's lastPolledAt is garbage instead of starting over silently", async () => {
    clock.tick(600);
    const trigger = poller(env, { resourceType: "assets" });
    trigger.setState({ lastPolledAt: "last tuesday" });
    await trigger.poll();
    expect(trigger.warnings.join("\n")).toMatch(
      /lastPolledAt "last tuesday" .* is not a date\. .*cannot be recovered/,
    );
  });

  it("reads every date form a record could carry and names the record whose date it cannot read", async () => {
    const trigger = await started();
    const at = clock.now;
    const forms: unknown[] = [
      at / 1000,
      at,
      String(at / 1000),
      new Date(at).toUTCString(),
      isoZ(at).replace("T", " ").replace("Z", " UTC"),
      isoZ(at).replace("Z", ""),
      isoZ(at).replace("Z", "+00:00"),
    ];
    const media = forms.map((dateModified, i) => ({
      id: `FORM-${i}`,
      name: `form ${i}`,
      dateCreated: "2017-03-09T12:09:29Z",
      dateModified,
    }));
    media.push({ id: "FORM-BAD", name: "bad", dateCreated: "", dateModified: "next week" });
    env.emulator.faults.inject({
      method: "GET",
      path: "/api/v4/media",
      steps: [{ status: 200, body: { media, total: { count: media.length } } }],
    });
    const { data } = await trigger.poll();
    expect(data.updated.map((r) => r.id)).toEqual(forms.map((_, i) => `FORM-${i}`));
    expect(trigger.warnings.join("\n")).toMatch(
      /1 assets carried no id or no date the trigger can read.*FORM-BAD.*dateModified: "next week"/,
    );
  });
});
