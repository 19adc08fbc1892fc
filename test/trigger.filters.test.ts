/**
 * The asset filters on pollChangesTrigger (issue 15), against the emulator with a ledger: only
 * matching changes are reported, each once, over several polls; an unchanged portal still costs
 * one request a poll with filters on; filters on another resource type are refused before any
 * request.
 */
import { seedAssets } from "../emulator/seed";
import { isoZ } from "../emulator/util";
import { harness, useEmulator } from "./support";
import { controlClock, Ledger, poller, random } from "./trigger.support";

const env = useEmulator({ seed: { assets: 60 } });
let clock: ReturnType<typeof controlClock>;
beforeAll(() => {
  clock = controlClock(env.emulator);
});
const portal = () => env.emulator.portal;
const mediaGets = () => env.emulator.requestsTo("/api/v4/media", "GET");

describe("pollChangesTrigger: asset filters", () => {
  it("reports only the changes of matching assets, each once, with one request per poll", async () => {
    const brand = portal().brands[0].id;
    const trigger = poller(env, {
      resourceType: "assets",
      tags: "replicate",
      brandId: brand,
      assetTypes: "image, video",
    });
    await trigger.poll();
    const ledger = new Ledger();
    const pick = random(3);
    const ids = [...portal().media.keys()];
    for (let round = 0; round < 8; round++) {
      clock.tick();
      for (let e = 0; e < 6; e++) {
        const media = portal().media.get(ids[Math.floor(pick() * ids.length)])!;
        media.dateModified = clock.now;
        const matches =
          pick() < 0.5 && ["image", "video"].includes(media.type) && media.brandId === brand;
        media.tags = matches ? ["replicate", "x"] : ["x"];
        if (matches) ledger.modified(media.id, isoZ(clock.now));
        else ledger.forget(media.id);
      }
      const [fresh] = seedAssets(portal(), 1);
      fresh.dateCreated = fresh.dateModified = clock.now;
      fresh.tags = ["replicate"];
      fresh.brandId = brand;
      fresh.type = "image";
      ledger.created(fresh.id, isoZ(clock.now));
      clock.tick();
      env.emulator.clearLog();
      const { data } = await trigger.poll();
      expect(ledger.check(data, { exact: false })).toEqual([]);
      expect(mediaGets()).toHaveLength(1);
      expect(mediaGets()[0].query).toMatchObject({
        tags: ["replicate"],
        brandId: [brand],
        type: ["image,video"],
        orderBy: ["dateModified desc"],
      });
      // No matching asset at the starting point: the first poll reads every match.
      if (round > 0) expect(mediaGets()[0].query.dateModified).toBeDefined();
    }
    expect(ledger.outstanding()).toEqual([]);

    clock.tick();
    env.emulator.clearLog();
    const idle = await trigger.poll();
    expect(idle.resultType).toBe("polled_no_changes");
    expect(mediaGets()).toHaveLength(1);
  });

  it.each([
    [true, "reports it at the next poll"],
    [false, "cannot see it until the asset's next edit"],
  ])(
    "an asset tagged through the tags endpoint (moves dateModified: %s): the trigger %s",
    async (moves) => {
      portal().tagEndpointMovesDateModified = moves;
      try {
        clock.tick(600);
        const tag = [...portal().tags.values()].find((t) => t.tag === "scenery")!;
        const target = [...portal().media.values()].find((m) => !m.tags.includes("scenery"))!;
        const trigger = poller(env, { resourceType: "assets", tags: "scenery" });
        await trigger.poll();
        clock.tick();
        await harness.action("addTagToAssets", {
          connection: env.connection,
          tag: tag.id,
          assetIds: [target.id],
        });
        const { data } = await trigger.poll();
        expect(data.updated.map((r) => r.id)).toEqual(moves ? [target.id] : []);
        clock.tick();
        target.dateModified = clock.now; // its next edit
        const later = await trigger.poll();
        expect(later.data.updated.map((r) => r.id)).toEqual([target.id]);
      } finally {
        portal().tagEndpointMovesDateModified = true;
      }
    },
  );

  it("refuses the asset filters on another resource type, naming them, before any request", async () => {
    const [collection] = portal().collections.keys();
    const trigger = poller(env, { resourceType: "jobs", collectionId: collection });
    await expect(trigger.poll()).rejects.toThrow(
      /Collection ID filters assets only \(Bynder has no such filter for jobs\)/,
    );
    expect(env.emulator.requests).toHaveLength(0);
  });
});
