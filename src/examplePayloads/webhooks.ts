/**
 * Example outputs of the webhook trigger and the webhook configuration actions, shaped like what
 * they return against the emulator (ids and the ARN made portal-like).
 */
import type { TriggerPayload } from "@prismatic-io/spectral";

export const webhookNotification = {
  event: "asset_bank.media.create",
  mediaId: "9542A933-2DF5-4999-9AB52701F33613C0",
  message: { media_id: "9542A933-2DF5-4999-9AB52701F33613C0" } as unknown,
  messageId: "da41e39f-ea4d-435a-b922-c6aae3915ebe",
  timestamp: "2026-12-02T14:20:31.719Z",
  topicArn: "arn:aws:sns:eu-west-1:123456789012:bynder-webhooks-acme",
  subject: "asset_bank.media.create" as string | null,
};

/** The trigger's example: a notification as the flow sees it, on its branch. */
export const webhookEventsExample: { payload: TriggerPayload; branch: string } = {
  payload: {
    headers: {
      "content-type": "text/plain; charset=UTF-8",
      "x-amz-sns-message-type": "Notification",
      "x-amz-sns-message-id": webhookNotification.messageId,
      "x-amz-sns-topic-arn": webhookNotification.topicArn,
    },
    queryParameters: {},
    rawBody: { data: "<the SNS message as sent>" },
    body: { data: webhookNotification },
    pathFragment: "",
    webhookUrls: {},
    webhookApiKeys: {},
    invokeUrl: "https://hooks.prismatic.io/trigger/EXAMPLE",
    executionId: "EXAMPLE",
    customer: { id: "customerId", name: "Customer 1", externalId: "1234" },
    instance: { id: "instanceId", name: "Acme DAM sync" },
    user: { id: "userId", email: "user@example.com", name: "User 1", externalId: "1234" },
    integration: {
      id: "integrationId",
      name: "Bynder sync",
      versionSequenceId: "1",
      externalVersion: "1.0.0",
    },
    flow: { id: "flowId", name: "Asset changes", stableId: "flowStableId" },
    startedAt: "2026-12-02T14:20:32.000Z",
    globalDebug: false,
  },
  branch: "Asset Created",
};

export const webhookConfiguration = {
  id: "3f2d9c1e-5a7b-4c8d-9e0f-1a2b3c4d5e6f",
  name: "ERP asset sync",
  endpoint: "https://hooks.example.com/bynder",
  protocol: "https",
  events: ["asset_bank.media.create", "asset_bank.media.meta_updated"],
  preArchivedNotificationDays: null as number | null,
  status: 1,
  confirmed: true,
  antivirusEnabled: false,
};

export const webhookConfigurationListItem = {
  configId: webhookConfiguration.id,
  id: webhookConfiguration.id,
  name: webhookConfiguration.name,
  endpoint: webhookConfiguration.endpoint,
  protocol: webhookConfiguration.protocol,
  events: webhookConfiguration.events,
  preArchivedNotificationDays: webhookConfiguration.preArchivedNotificationDays,
  status: webhookConfiguration.status,
  confirmed: webhookConfiguration.confirmed,
  antivirusEnabled: webhookConfiguration.antivirusEnabled,
  is_legacy: false,
  migratedSubscriptions: [] as unknown[],
};

export const selectWebhookConfiguration = [
  {
    key: webhookConfiguration.id,
    label: `${webhookConfiguration.name} (https://hooks.example.com/bynder)`,
  },
];
