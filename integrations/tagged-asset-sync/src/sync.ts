/**
 * The integration's steps as ordinary functions: everything it does in Bynder goes through the
 * component's actions (`context.components.bynder`, typed by the manifest through .spectral/), and
 * the copy goes to the destination. Flows (flows.ts) only pick the asset ids and call these.
 */
import { createHash } from "node:crypto";
import type { ActionLogger, Connection, FlowExecutionContextActions } from "@prismatic-io/spectral";
import { sendToDestination, type Destination } from "./destination";

export type Bynder = FlowExecutionContextActions["bynder"];

export interface SyncSettings {
  connection: Connection;
  /** Exact, case-sensitive: Bynder's tags are. */
  tag: string;
  destination: Destination;
  /** Name of the text metaproperty that holds the copy's URL. */
  backlinkName: string;
}

/** What was copied, per asset id: kept in crossFlowState, shared by both flows. */
export interface CopyRecord {
  /** The copied original: its media item id and version, or a hash of its bytes. */
  fileKey: string;
  url: string;
}
export type CopyLedger = Record<string, CopyRecord>;

export type SyncOutcome =
  | { assetId: string; result: "copied" | "backlinkRestored"; url: string }
  | { assetId: string; result: "unchanged"; url: string }
  | { assetId: string; result: "untagged" };

interface MetapropertySummary {
  id: string;
  name: string;
  type: string;
}

interface MediaItem {
  id: string;
  type: string;
  version: number;
  active: number | boolean;
}

interface Asset {
  id: string;
  name: string;
  tags?: string[];
  mediaItems?: MediaItem[];
  [field: string]: unknown;
}

const TEXT_TYPES = ["text", "longtext"];

/**
 * On deploy: the backlink metaproperty exists and holds text. An existing one of that name is
 * reused; one of another type is an error (writing a URL into options would fail later, per asset).
 */
export const ensureBacklinkMetaproperty = async (
  bynder: Bynder,
  settings: SyncSettings,
  logger: ActionLogger,
): Promise<{ id: string; created: boolean }> => {
  const { data } = await bynder.listMetaproperties<{
    data: Record<string, MetapropertySummary>;
  }>({ connection: settings.connection, options: false });
  const all = Object.values(data ?? {});
  const existing =
    all.find((mp) => mp.name === settings.backlinkName) ??
    all.find((mp) => mp.name.toLowerCase() === settings.backlinkName.toLowerCase());
  if (existing) {
    if (!TEXT_TYPES.includes(existing.type)) {
      throw new Error(
        `Backlink Metaproperty: "${existing.name}" exists in Bynder as a ${existing.type} metaproperty; the backlink needs a text one. Choose another name or change its type.`,
      );
    }
    logger.info(`Backlink metaproperty "${existing.name}" exists (${existing.id}); reusing it.`);
    return { id: existing.id, created: false };
  }
  const created = await bynder.createMetaproperty<{ data: { id: string } }>({
    connection: settings.connection,
    name: settings.backlinkName,
    label: settings.backlinkName.replace(/_/g, " "),
    type: "text",
  });
  logger.info(`Created the backlink metaproperty "${settings.backlinkName}" (${created.data.id}).`);
  return { id: created.data.id, created: true };
};

/** The active original's media item, which changes when a new version of the file is uploaded. */
const originalKey = (asset: Asset): string | undefined => {
  const originals = (asset.mediaItems ?? []).filter((item) => item.type === "original");
  const active = originals.find((item) => Boolean(item.active)) ?? originals[originals.length - 1];
  return active ? `${active.id}@${active.version}` : undefined;
};

/** `property_<name>`: a list of values (or one) on Bynder's media records. */
const backlinkOf = (asset: Asset, name: string): string | undefined => {
  const value = asset[`property_${name}`];
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === "string" && first ? first : undefined;
};

const writeBacklink = (bynder: Bynder, settings: SyncSettings, assetId: string, url: string) =>
  bynder.setAssetMetaproperties({
    connection: settings.connection,
    assetId,
    values: [{ key: settings.backlinkName, value: url }],
  });

/**
 * One asset: copy its original to the destination and write the copy's URL into the backlink.
 *
 * Loop safety: writing the backlink changes the asset's dateModified and makes Bynder send
 * "metadata updated", so neither can say the file changed. The file's identity does (the active
 * original's item id and version, or the bytes' hash): an unchanged file is not sent again, and
 * a backlink that already holds the URL is not written again, so the event the write causes ends
 * here with no write.
 */
export const syncAsset = async (
  bynder: Bynder,
  settings: SyncSettings,
  ledger: CopyLedger,
  assetId: string,
  logger: ActionLogger,
): Promise<SyncOutcome> => {
  const { connection } = settings;
  const { data: asset } = await bynder.getAsset<{ data: Asset }>({
    connection,
    id: assetId,
    versions: true,
  });
  if (!(asset.tags ?? []).includes(settings.tag)) {
    logger.info(`Asset ${assetId} does not carry the tag "${settings.tag}": skipped.`);
    return { assetId, result: "untagged" };
  }
  const backlink = backlinkOf(asset, settings.backlinkName);
  const previous = ledger[assetId];
  const unchanged = async (fileKey: string): Promise<SyncOutcome | undefined> => {
    if (!previous || previous.fileKey !== fileKey) return undefined;
    if (backlink === previous.url) {
      logger.info(
        `Asset ${assetId}: file unchanged since its copy, backlink current: nothing to do.`,
      );
      return { assetId, result: "unchanged", url: previous.url };
    }
    await writeBacklink(bynder, settings, assetId, previous.url);
    logger.info(`Asset ${assetId}: file unchanged; the backlink was restored to ${previous.url}.`);
    return { assetId, result: "backlinkRestored", url: previous.url };
  };

  const itemKey = originalKey(asset);
  const known = itemKey ? await unchanged(itemKey) : undefined;
  if (known) return known;

  const file = await bynder.downloadAsset<{
    data: Buffer;
    contentType?: string;
    headers?: Record<string, string>;
  }>({ connection, id: assetId });
  const bytes = Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data);
  const fileKey = itemKey ?? `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  if (!itemKey) {
    const sameBytes = await unchanged(fileKey);
    if (sameBytes) return sameBytes;
  }

  const url = await sendToDestination(settings.destination, {
    assetId,
    fileName: asset.name,
    contentType: file.contentType ?? "application/octet-stream",
    bytes,
  });
  ledger[assetId] = { fileKey, url };
  if (backlink !== url) await writeBacklink(bynder, settings, assetId, url);
  logger.info(
    `Asset ${assetId}: copied to ${url}; backlink ${backlink === url ? "kept" : "written"}.`,
  );
  return { assetId, result: "copied", url };
};
