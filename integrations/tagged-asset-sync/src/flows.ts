/**
 * Two flows share one ledger of copies (crossFlowState): "Asset Events" reacts to Bynder's
 * notifications, one asset each; "Tagged Asset Catch-up" copies every tagged asset (the initial
 * sync) and whatever a missed notification would have lost.
 */
import {
  flow,
  type ActionContext,
  type Connection,
  type FlowExecutionContext,
} from "@prismatic-io/spectral";
import {
  ensureBacklinkMetaproperty,
  syncAsset,
  type Bynder,
  type CopyLedger,
  type SyncOutcome,
  type SyncSettings,
} from "./sync";

export const LEDGER_KEY = "taggedAssetSync.copies";

/** Bynder's events about an asset's file or metadata; others (deletes, archiving, jobs) are ignored. */
const SYNC_EVENTS = [
  "asset_bank.media.create",
  "asset_bank.media.uploaded",
  "asset_bank.media.upload",
  "asset_bank.media.updated",
  "asset_bank.media.meta_updated",
];

type Context = Pick<ActionContext, "configVars" | "crossFlowState" | "logger"> & {
  components: FlowExecutionContext["components"] | ActionContext["components"];
};

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** The config wizard's values, checked: a missing tag or a bad destination fails before any call. */
export const settingsOf = (configVars: Record<string, unknown>): SyncSettings => {
  const tag = typeof configVars.Tag === "string" ? configVars.Tag : "";
  if (!tag.trim()) throw new Error("Tag is required: the tag that marks the assets to copy.");
  const url = text(configVars["Destination URL"]);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Destination URL must be an https URL; got "${url}".`);
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback)) {
    throw new Error(`Destination URL must be an https URL; got "${url}".`);
  }
  const backlinkName = text(configVars["Backlink Metaproperty"]) || "Backlink_URL";
  if (!/^[A-Za-z0-9_]+$/.test(backlinkName)) {
    throw new Error(
      `Backlink Metaproperty must be letters, digits and underscores (a metaproperty name); got "${backlinkName}".`,
    );
  }
  return {
    connection: configVars["Bynder Connection"] as Connection,
    tag,
    destination: {
      url: parsed.toString(),
      headerName: text(configVars["Destination Auth Header Name"]) || "Authorization",
      headerValue: text(configVars["Destination Auth Header Value"]) || undefined,
    },
    backlinkName,
  };
};

const bynderOf = (context: Context) => context.components.bynder as unknown as Bynder;
const ledgerOf = (context: Context): CopyLedger => ({
  ...((context.crossFlowState[LEDGER_KEY] as CopyLedger | undefined) ?? {}),
});

/** Runs the sync for each id; one asset's failure does not stop the others, but fails the run. */
export const syncAssets = async (context: Context, assetIds: string[]) => {
  const settings = settingsOf(context.configVars);
  const ledger = ledgerOf(context);
  const outcomes: SyncOutcome[] = [];
  const failures: string[] = [];
  for (const assetId of [...new Set(assetIds)]) {
    try {
      outcomes.push(await syncAsset(bynderOf(context), settings, ledger, assetId, context.logger));
    } catch (error) {
      failures.push((error as Error).message);
      context.logger.error((error as Error).message);
    }
  }
  const crossFlowState = { [LEDGER_KEY]: ledger };
  if (failures.length) {
    // A failed execution persists no state: a run of several assets (the scheduled catch-up)
    // sends this run's successful copies once more next time; one asset per run does not.
    throw new Error(failures.join("\n"));
  }
  return { data: { outcomes }, crossFlowState };
};

const ensureOnDeploy = async (context: ActionContext) => {
  await ensureBacklinkMetaproperty(
    bynderOf(context),
    settingsOf(context.configVars),
    context.logger,
  );
};

/** The asset id of a notification, as the component's webhook trigger hands it on. */
export const assetOfEvent = (data: unknown): { event: string; assetId?: string } => {
  const body = (data ?? {}) as {
    event?: unknown;
    mediaId?: unknown;
    message?: { media_id?: unknown };
  };
  const assetId = text(body.mediaId) || text(body.message?.media_id) || undefined;
  return { event: text(body.event), assetId };
};

export const assetEvents = flow({
  name: "Asset Events",
  stableKey: "tagged-asset-sync-asset-events",
  description:
    "On Bynder's notifications (asset created, updated, metadata updated): copy the asset when it carries the tag and its file changed, and write the backlink.",
  // The component's Webhook Events trigger: it registers Bynder's webhook configuration for this
  // flow's URL on deploy (and removes it on delete) and verifies every SNS message.
  onTrigger: {
    component: "bynder",
    key: "webhookEventsTrigger",
    values: {
      connection: { configVar: "Bynder Connection" },
      events: {
        value: [
          "asset_bank.media.create",
          "asset_bank.media.updated",
          "asset_bank.media.meta_updated",
        ],
      },
      configurationName: { value: "Tagged Asset Sync" },
    },
  },
  onInstanceDeploy: async (context) => {
    await ensureOnDeploy(context);
  },
  onExecution: async (context, params) => {
    const { event, assetId } = assetOfEvent(params.onTrigger.results.body.data);
    if (!assetId || !SYNC_EVENTS.includes(event)) {
      context.logger.info(`Ignored ${event || "a notification without an event name"}.`);
      return { data: { outcomes: [] } };
    }
    return syncAssets(context, [assetId]);
  },
});

/**
 * Asset ids in what a change trigger hands on: the batched trigger's `{ change, record }` items
 * (one, or a batch), the polling trigger's created/updated lists, or plain records. Deleted assets
 * have nothing left to copy.
 */
export const assetIdsOf = (data: unknown): string[] => {
  if (Array.isArray(data)) return data.flatMap(assetIdsOf);
  if (!data || typeof data !== "object") return [];
  const item = data as Record<string, unknown>;
  if (item.change === "deleted") return [];
  if (typeof item.id === "string") return [item.id];
  return ["record", "created", "updated", "media", "items", "records"].flatMap((key) =>
    assetIdsOf(item[key]),
  );
};

interface ListedAssets {
  media?: { id: string }[];
}

/** Every asset Bynder lists under the tag (the tag is checked again, case-sensitively, per asset). */
const taggedAssetIds = async (context: Context): Promise<string[]> => {
  const settings = settingsOf(context.configVars);
  const { data } = await bynderOf(context).listAssets<{ data: ListedAssets | { id: string }[] }>({
    connection: settings.connection,
    fetchAll: true,
    extraParams: { tags: settings.tag },
  });
  return Array.isArray(data) ? data.map((asset) => asset.id) : (data.media ?? []).map((a) => a.id);
};

export const taggedAssetCatchUp = flow({
  name: "Tagged Asset Catch-up",
  stableKey: "tagged-asset-sync-catch-up",
  description:
    "The initial sync of every tagged asset on deploy, then, on a schedule, the assets changed since the last run: whatever a missed notification would have lost. Assets whose file did not change are not sent again.",
  // The component's batched change trigger: on deploy it pages through every existing asset (the
  // initial sync), then each scheduled run hands on the assets changed since the last one, in
  // batches of { change, record } items. The tag is checked per asset, exactly.
  schedule: { value: "0 * * * *" },
  runInitialSyncOnDeploy: true,
  onTrigger: {
    component: "bynder",
    key: "batchedChangesTrigger",
    values: {
      connection: { configVar: "Bynder Connection" },
      resourceType: { value: "assets" },
      showNewRecords: { value: true },
      showUpdatedRecords: { value: true },
      showDeletedRecords: { value: false },
    },
  },
  onInstanceDeploy: async (context) => {
    await ensureOnDeploy(context);
  },
  onExecution: async (context, params) => {
    const data: unknown = params.onTrigger.results.body.data;
    // Run by hand (nothing handed on): every tagged asset.
    const byHand =
      data === undefined ||
      data === null ||
      (typeof data === "object" && !Array.isArray(data) && Object.keys(data).length === 0);
    return syncAssets(context, byHand ? await taggedAssetIds(context) : assetIdsOf(data));
  },
});

export const flows = [assetEvents, taggedAssetCatchUp];
