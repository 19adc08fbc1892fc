/**
 * Cost on a large portal: with 100,000 assets, a poll of an unchanged portal is one request, and
 * a poll after a few edits is still one request that returns just those.
 */
import { isoZ } from "../emulator/util";
import { useEmulator } from "./support";
import { controlClock, poller } from "./trigger.support";

const env = useEmulator({ seed: { assets: 100_000 } });

describe("pollChangesTrigger on 100,000 assets", () => {
  it("costs one request per poll", async () => {
    const clock = controlClock(env.emulator);
    expect(env.emulator.portal.media.size).toBeGreaterThanOrEqual(100_000);
    const trigger = poller(env, { resourceType: "assets" });
    await trigger.poll();
    expect(env.emulator.requests).toHaveLength(2); // the starting point: newest, then its window

    for (let i = 0; i < 3; i++) {
      clock.tick(60);
      env.emulator.clearLog();
      const { resultType } = await trigger.poll();
      expect(resultType).toBe("polled_no_changes");
      expect(env.emulator.requests).toHaveLength(1);
      const [request] = env.emulator.requests;
      expect(request).toMatchObject({ method: "GET", path: "/api/v4/media", status: 200 });
      expect(request.query).toMatchObject({
        orderBy: ["dateModified desc"],
        limit: ["1000"],
        page: ["1"],
      });
    }

    clock.tick(60);
    const edited = [...env.emulator.portal.media.values()].slice(40_000, 40_003);
    for (const media of edited) media.dateModified = clock.now;
    env.emulator.clearLog();
    const { data } = await trigger.poll();
    expect(data.updated.map((r) => r.id).sort()).toEqual(edited.map((m) => m.id).sort());
    expect(data.updated.every((r) => r.dateModified === isoZ(clock.now))).toBe(true);
    expect(data.created).toEqual([]);
    expect(env.emulator.requests).toHaveLength(1);
  });
});
