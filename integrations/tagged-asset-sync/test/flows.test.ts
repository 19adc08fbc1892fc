/**
 * The integration's flows run with invokeFlow; every Bynder call goes through the built component
 * to the embedded emulator, and copies go to a local destination server.
 */
import { invokeFlow, loggerMock } from "@prismatic-io/spectral/dist/testing";
import type { Media } from "../../../emulator/portal";
import { connectionTo, useEmulator } from "../../../test/support";
import { destinationRetry } from "../src/destination";
import { assetEvents, LEDGER_KEY, taggedAssetCatchUp } from "../src/flows";
import type { CopyLedger } from "../src/sync";
import { bynderComponent, type ComponentCall } from "./components";
import { startDestination } from "./destinationServer";

type DeployContext = Parameters<NonNullable<typeof assetEvents.onInstanceDeploy>>[0];

const TAG = "Print-Ready";
const BACKLINK = "Backlink_URL";

const env = useEmulator();
let destination: Awaited<ReturnType<typeof startDestination>>;
let bynder: ReturnType<typeof bynderComponent>;
let crossFlowState: Record<string, unknown>;

beforeAll(async () => {
  // The flows' log lines are asserted through loggerMock; they need not reach the test output.
  for (const level of ["debug", "info", "warn", "error"] as const) {
    jest.spyOn(console, level).mockImplementation(() => undefined);
  }
  destination = await startDestination();
  destinationRetry.delayMs = 5;
});
afterAll(async () => {
  jest.restoreAllMocks();
  await destination.close();
});
beforeEach(() => {
  destination.reset();
  bynder = bynderComponent();
});

const portal = () => env.emulator.portal;
const configVars = () => ({
  "Bynder Connection": connectionTo(env.emulator),
  Tag: TAG,
  "Destination URL": destination.url,
  "Destination Auth Header Name": "Authorization",
  "Destination Auth Header Value": "Bearer dest-s3cret",
  "Backlink Metaproperty": BACKLINK,
});
const backlinkMp = () => portal().metaproperties.find((mp) => mp.name === BACKLINK);
const backlinkOf = (media: Media) => media.propertyValues?.[backlinkMp()!.id];
const calls = (action: string) => bynder.calls.filter((c: ComponentCall) => c.action === action);
const ledger = () => crossFlowState[LEDGER_KEY] as CopyLedger;

/** An asset with a real original (version 1), tagged as given. */
const addAsset = (name: string, tags: string[], bytes: Buffer): Media => {
  const media = [...portal().media.values()].find(
    (m) => !m.tags.includes(TAG) && m.items.length === 0,
  )!;
  media.name = name;
  media.tags = tags;
  media.items = [
    {
      id: portal().cfId(),
      type: "original",
      version: 1,
      active: true,
      file: { fileName: `${name}.bin`, data: bytes, contentType: "application/octet-stream" },
      dateCreated: portal().now(),
    },
  ];
  portal().touch(media);
  return media;
};

/** The deploy hook, as the platform runs it when an instance is deployed. */
const deploy = () =>
  assetEvents.onInstanceDeploy({
    configVars: configVars(),
    components: bynder.components,
    logger: loggerMock(),
    crossFlowState: {},
  } as unknown as DeployContext);

const runFlow = async (
  flowToRun: typeof assetEvents | typeof taggedAssetCatchUp,
  data: unknown = {},
) => {
  const { result, loggerMock: logger } = await invokeFlow(flowToRun, {
    configVars: configVars(),
    context: { components: bynder.components, crossFlowState },
    payload: { body: { data } },
  });
  const returned = result as { crossFlowState?: Record<string, unknown> } | undefined;
  if (returned?.crossFlowState) crossFlowState = { ...crossFlowState, ...returned.crossFlowState };
  return {
    result: result as { data: { outcomes: { assetId: string; result: string }[] } },
    logger,
  };
};

let first: Media;
let second: Media;
let lookalike: Media;

describe("on deploy", () => {
  it("creates the backlink text metaproperty when missing and reuses it after", async () => {
    crossFlowState = {};
    expect(backlinkMp()).toBeUndefined();
    await deploy();
    expect(backlinkMp()).toMatchObject({ name: BACKLINK, type: "text", options: [] });
    expect(calls("createMetaproperty")).toHaveLength(1);
    const id = backlinkMp()!.id;
    await deploy();
    expect(calls("createMetaproperty")).toHaveLength(1);
    expect(portal().metaproperties.filter((mp) => mp.name === BACKLINK)).toHaveLength(1);
    expect(backlinkMp()!.id).toBe(id);
  });
});

describe("Tagged Asset Catch-up (the initial sync)", () => {
  it("copies every asset with the exact tag, byte for byte, and writes each backlink", async () => {
    first = addAsset("Poster", [TAG, "Summer"], Buffer.from("poster bytes \u0000\u00ff"));
    second = addAsset("Flyer", [TAG], Buffer.alloc(70_000, 7));
    lookalike = addAsset("Banner", ["print-ready"], Buffer.from("not this one"));

    const { result } = await runFlow(taggedAssetCatchUp);

    expect(destination.received.map((r) => r.body)).toEqual(
      expect.arrayContaining([first.items[0].file.data, second.items[0].file.data]),
    );
    expect(destination.received).toHaveLength(2);
    for (const request of destination.received) {
      expect(request.headers.authorization).toBe("Bearer dest-s3cret");
    }
    const urlFor = (media: Media) =>
      destination.received.find((r) => r.headers["x-bynder-asset-id"] === media.id)!.url;
    expect(backlinkOf(first)).toBe(urlFor(first));
    expect(backlinkOf(second)).toBe(urlFor(second));
    expect(backlinkOf(lookalike)).toBeUndefined();
    // Bynder's tag filter ignores case; the exact check per asset does not.
    const outcome = (media: Media) => result.data.outcomes.find((o) => o.assetId === media.id);
    expect(outcome(first)?.result).toBe("copied");
    expect(outcome(second)?.result).toBe("copied");
    expect(outcome(lookalike)?.result).toBe("untagged");
    expect(Object.keys(ledger()).sort()).toEqual([first.id, second.id].sort());
  });

  it("sends nothing and writes nothing when run again on unchanged files", async () => {
    const before = first.dateModified;
    const { result } = await runFlow(taggedAssetCatchUp);
    expect(destination.received).toEqual([]);
    expect(calls("setAssetMetaproperties")).toEqual([]);
    expect(calls("downloadAsset")).toEqual([]);
    expect(first.dateModified).toBe(before);
    expect(result.data.outcomes.map((o) => o.result).sort()).toEqual([
      "unchanged",
      "unchanged",
      "untagged",
    ]);
  });

  it("takes the assets a change trigger hands on instead of listing them", async () => {
    await runFlow(taggedAssetCatchUp, [
      { change: "updated", record: { id: first.id, name: first.name } },
      { change: "existing", record: { id: second.id, name: second.name } },
      { change: "deleted", record: { id: lookalike.id } },
    ]);
    expect(calls("listAssets")).toEqual([]);
    expect(calls("getAsset").map((c) => c.values.id)).toEqual([first.id, second.id]);
    await runFlow(taggedAssetCatchUp, { created: [{ id: first.id }], updated: [] });
    expect(calls("getAsset").map((c) => c.values.id)).toEqual([first.id, second.id, first.id]);
  });
});

describe("Asset Events", () => {
  it("ends the loop its own backlink write starts: Metadata Updated sends and writes nothing", async () => {
    const { result } = await runFlow(assetEvents, {
      event: "asset_bank.media.meta_updated",
      mediaId: first.id,
    });
    expect(result.data.outcomes).toEqual([
      { assetId: first.id, result: "unchanged", url: ledger()[first.id].url },
    ]);
    expect(destination.received).toEqual([]);
    expect(calls("setAssetMetaproperties")).toEqual([]);
  });

  it("copies a new version of the file and writes the new URL", async () => {
    const v2 = Buffer.from("poster, second version");
    first.items[0].active = false;
    first.items.push({
      ...first.items[0],
      id: portal().cfId(),
      version: 2,
      active: true,
      file: { ...first.items[0].file, data: v2 },
    });
    portal().touch(first);
    const { result } = await runFlow(assetEvents, {
      event: "asset_bank.media.updated",
      mediaId: first.id,
    });
    expect(destination.received.map((r) => r.body)).toEqual([v2]);
    expect(backlinkOf(first)).toBe(destination.received[0].url);
    expect(result.data.outcomes[0]).toMatchObject({ result: "copied" });
  });

  it("restores a backlink someone cleared, without sending the unchanged file again", async () => {
    delete first.propertyValues![backlinkMp()!.id];
    await runFlow(assetEvents, { event: "asset_bank.media.meta_updated", mediaId: first.id });
    expect(destination.received).toEqual([]);
    expect(backlinkOf(first)).toBe(ledger()[first.id].url);
  });

  it("skips and logs an asset without the tag (tags are case sensitive)", async () => {
    const { result, logger } = await runFlow(assetEvents, {
      event: "asset_bank.media.create",
      mediaId: lookalike.id,
    });
    expect(result.data.outcomes).toEqual([{ assetId: lookalike.id, result: "untagged" }]);
    expect(logger.info).toHaveBeenCalledWith(
      `Asset ${lookalike.id} does not carry the tag "${TAG}": skipped.`,
    );
    expect(destination.received).toEqual([]);
    expect(backlinkOf(lookalike)).toBeUndefined();
  });

  it("ignores events that are not about an asset's file or metadata", async () => {
    const { result } = await runFlow(assetEvents, {
      event: "asset_bank.media.deleted",
      mediaId: first.id,
    });
    expect(result.data.outcomes).toEqual([]);
    expect(bynder.calls).toEqual([]);
  });

  it("retries a destination that fails for a while", async () => {
    const fresh = addAsset("Leaflet", [TAG], Buffer.from("leaflet"));
    destination.failNext(503, 502);
    await runFlow(assetEvents, { event: "asset_bank.media.create", mediaId: fresh.id });
    expect(destination.received.map((r) => r.body.toString())).toEqual(["leaflet"]);
    expect(backlinkOf(fresh)).toBe(destination.received[0].url);
  });

  it("fails the asset's execution clearly when the destination keeps failing, writing no backlink", async () => {
    const doomed = addAsset("Sticker", [TAG], Buffer.from("sticker"));
    destination.failNext(503, 503, 503, 503);
    const run = runFlow(assetEvents, { event: "asset_bank.media.create", mediaId: doomed.id });
    await expect(run).rejects.toThrow(
      `Asset ${doomed.id}: the destination ${new URL(destination.url).origin} did not take the file after 4 attempts (HTTP 503: refused with 503). No backlink was written.`,
    );
    expect(backlinkOf(doomed)).toBeUndefined();
    expect(calls("setAssetMetaproperties")).toEqual([]);
    await expect(run).rejects.not.toThrow("dest-s3cret");
  });

  it("refuses a destination that is not https before any call", async () => {
    const { components } = bynder;
    await expect(
      invokeFlow(assetEvents, {
        configVars: { ...configVars(), "Destination URL": "http://copies.example.com/upload" },
        context: { components, crossFlowState },
        payload: { body: { data: { event: "asset_bank.media.create", mediaId: first.id } } },
      }),
    ).rejects.toThrow(
      'Destination URL must be an https URL; got "http://copies.example.com/upload".',
    );
    expect(bynder.calls).toEqual([]);
  });
});

describe("on deploy, with a metaproperty of that name that is not text", () => {
  it("fails, naming it", async () => {
    const select = portal().metaproperties.find((mp) => mp.type === "select")!;
    await expect(
      assetEvents.onInstanceDeploy({
        configVars: { ...configVars(), "Backlink Metaproperty": select.name },
        components: bynder.components,
        logger: loggerMock(),
      } as unknown as DeployContext),
    ).rejects.toThrow(
      `Backlink Metaproperty: "${select.name}" exists in Bynder as a select metaproperty`,
    );
  });
});
