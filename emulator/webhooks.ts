/**
 * The portal's webhook configurations (Bynder's /v7/webhooks API) and the Amazon SNS that
 * delivers their events. Each HTTPS configuration gets a topic of its own and a subscription of
 * its endpoint; the portal's changes call `notify`, which publishes to every confirmed
 * configuration that asked for the event.
 */
import { SnsEmulator } from "./sns/sns";

/** Bynder's event names, from the reference (not imported from src/: the emulator stands alone). */
export const WEBHOOK_EVENTS = [
  "asset_bank.media.create",
  "asset_bank.media.updated",
  "asset_bank.media.meta_updated",
  "asset_bank.media.deleted",
  "asset_bank.media.archived",
  "asset_bank.media.pre_archived",
  "workflow.job.create",
  "antivirus.scan.failed",
];

/** The security roles of the webhook API (their internal names are not documented). */
export const MANAGE_WEBHOOKS_ROLE = "MANAGE_WEBHOOKS_CONFIGURATIONS";
export const VIEW_WEBHOOKS_ROLE = "VIEW_WEBHOOKS_CONFIGURATIONS";

export interface WebhookConfig {
  id: string;
  name: string;
  endpoint: string;
  protocol: string;
  events: string[];
  preArchivedNotificationDays: number | null;
  status: number;
  antivirusEnabled: boolean;
  topicArn: string;
  subscriptionArn?: string;
}

export class PortalWebhooks {
  readonly configs = new Map<string, WebhookConfig>();
  readonly sns = new SnsEmulator();
  /**
   * Which create request the portal accepts; the API leaves it unconfirmed (webhooks.md §2.3):
   * `POST …/subscriptions/{id}` ("path"), `POST …/subscriptions` ("collection"), or both.
   */
  createForm: "both" | "path" | "collection" = "both";
  /** Whether `GET …/subscriptions` (the list, missing from the local spec) exists. */
  listSupported = true;
  /** Configurations per portal (Bynder's default). */
  limit = 10;

  /** Whether SNS has a confirmed subscription for the configuration. */
  confirmed(config: WebhookConfig): boolean {
    return (
      !!config.subscriptionArn && !!this.sns.subscriptions.get(config.subscriptionArn)?.confirmed
    );
  }

  /** Subscribes an HTTPS configuration's endpoint; SNS sends it a SubscriptionConfirmation. */
  async subscribe(config: WebhookConfig): Promise<void> {
    if (config.protocol.toLowerCase() !== "https") return;
    const subscription = await this.sns.subscribe(config.topicArn, config.endpoint);
    config.subscriptionArn = subscription.arn;
  }

  remove(config: WebhookConfig): void {
    this.configs.delete(config.id);
    if (config.subscriptionArn) this.sns.unsubscribe(config.subscriptionArn);
  }

  /** A change in the portal: every configuration that asked for `event` hears of it. */
  notify(event: string, message: Record<string, unknown>): void {
    for (const config of this.configs.values()) {
      if (config.status === 0 || !config.events.includes(event)) continue;
      this.sns.publish(config.topicArn, event, JSON.stringify(message));
    }
  }

  close(): Promise<void> {
    return this.sns.close();
  }
}
