/**
 * Bynder's webhook event names (the SNS `Subject` of a notification) and the trigger branch each
 * one takes. Sources: webhooks.md §1.2 (Bynder's support articles, api-evangelist's AsyncAPI file,
 * XSARUS's inRiver connector).
 */

/** The events a webhook configuration can subscribe to, as Bynder spells them. */
export const WEBHOOK_EVENTS = [
  "asset_bank.media.create",
  "asset_bank.media.updated",
  "asset_bank.media.meta_updated",
  "asset_bank.media.deleted",
  "asset_bank.media.archived",
  "asset_bank.media.pre_archived",
  "workflow.job.create",
  "antivirus.scan.failed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DEFAULT_EVENTS: WebhookEvent[] = WEBHOOK_EVENTS.filter((event) =>
  event.startsWith("asset_bank.media."),
);

export const PRE_ARCHIVED: WebhookEvent = "asset_bank.media.pre_archived";

/** What the Events dropdown shows. */
export const EVENT_LABELS: Record<WebhookEvent, string> = {
  "asset_bank.media.create": "Asset created (uploaded)",
  "asset_bank.media.updated": "Asset updated (new or different active version)",
  "asset_bank.media.meta_updated": "Asset metadata updated",
  "asset_bank.media.deleted": "Asset deleted",
  "asset_bank.media.archived": "Asset archived",
  "asset_bank.media.pre_archived": "Asset about to be archived",
  "workflow.job.create": "Workflow job created",
  "antivirus.scan.failed": "Antivirus scan failed",
};

export const BRANCHES = {
  created: "Asset Created",
  updated: "Asset Updated",
  metaUpdated: "Metadata Updated",
  deleted: "Asset Deleted",
  archived: "Asset Archived",
  preArchived: "Asset Pre-Archived",
  jobCreated: "Job Created",
  antivirus: "Antivirus Scan Failed",
  other: "Other Event",
  subscribed: "Subscription Confirmation",
  unsubscribed: "Unsubscribe Confirmation",
  duplicate: "Duplicate",
} as const;

const BRANCH_OF_EVENT: Record<string, string> = {
  "asset_bank.media.create": BRANCHES.created,
  // Legacy names for an upload, still sent by older portals (XSARUS listens for both since 2018).
  "asset_bank.media.uploaded": BRANCHES.created,
  "asset_bank.media.upload": BRANCHES.created,
  "asset_bank.media.updated": BRANCHES.updated,
  "asset_bank.media.meta_updated": BRANCHES.metaUpdated,
  "asset_bank.media.deleted": BRANCHES.deleted,
  "asset_bank.media.archived": BRANCHES.archived,
  "asset_bank.media.pre_archived": BRANCHES.preArchived,
  "workflow.job.create": BRANCHES.jobCreated,
  "antivirus.scan.failed": BRANCHES.antivirus,
};

/** The branch for an event name; names the trigger does not know take "Other Event". */
export const branchOfEvent = (event: string): string =>
  Object.prototype.hasOwnProperty.call(BRANCH_OF_EVENT, event)
    ? BRANCH_OF_EVENT[event]
    : BRANCHES.other;
