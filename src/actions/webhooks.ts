/**
 * Webhook configurations (/v7/webhooks/public/api/subscriptions): where Bynder sends its events.
 * Every call needs the webhooks.config scopes, which the connection's default Scopes leave out,
 * and a Bynder user with the security role "Manage Webhooks configurations" (or "View …" to read).
 */
import type { Connection } from "@prismatic-io/spectral";
import {
  createConfiguration,
  deleteConfiguration,
  getConfiguration,
  listConfigurations,
  patchConfiguration,
  requireWebhookScopes,
  updateConfigurationEvents,
  withWebhookHints,
  BynderError,
  InputError,
  WEBHOOK_SCOPES,
  type BynderClient,
} from "../client";
import { webhookConfiguration, webhookConfigurationListItem } from "../examplePayloads/webhooks";
import { connection } from "../inputs/common";
import {
  checkEndpoint,
  checkPreArchiveDays,
  configurationNameRequired,
  configurationStatus,
  endpoint,
  optionalConfigurationName,
  optionalWebhookEvents,
  preArchiveDays,
  protocol,
  webhookConfigurationId,
  webhookEvents,
} from "../inputs/webhooks";
import { bynderAction } from "./bynderAction";

const [READ] = WEBHOOK_SCOPES;
const SCOPE_NOTE =
  'Needs the webhooks.config:read and webhooks.config:write scopes on the connection (not in the default Scopes) and the Bynder role "Manage Webhooks configurations".';

/** Scopes checked before the call, Bynder's 403 turned into an error that names the role. */
const webhookCall = <T>(
  connection: Connection,
  label: string,
  needs: readonly string[],
  call: () => Promise<T>,
) => {
  requireWebhookScopes(connection, label, needs);
  return withWebhookHints(connection, call);
};

const found = async (bynder: BynderClient, id: string) => {
  const configuration = await getConfiguration(bynder, id);
  if (!configuration) {
    throw new BynderError(`Bynder has no webhook configuration with id "${id}" (HTTP 404).`, 404);
  }
  return configuration as typeof webhookConfiguration;
};

export const listWebhookConfigurations = bynderAction({
  display: {
    label: "List Webhook Configurations",
    description: `List the portal's webhook configurations (at most ten by default). ${SCOPE_NOTE}`,
  },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: [webhookConfigurationListItem] },
  run: (bynder, { connection }) =>
    webhookCall(connection, "List Webhook Configurations", [READ], async () => {
      const all = await listConfigurations(bynder);
      if (!all) {
        throw new BynderError(
          "This Bynder portal does not list webhook configurations (GET /v7/webhooks/public/api/subscriptions answered 404 or 405); get them one by one with Get Webhook Configuration.",
        );
      }
      return all as (typeof webhookConfigurationListItem)[];
    }),
});

export const getWebhookConfiguration = bynderAction({
  display: {
    label: "Get Webhook Configuration",
    description: `Retrieve one webhook configuration: its endpoint, events and whether SNS confirmed it. ${SCOPE_NOTE}`,
  },
  inputs: { id: webhookConfigurationId, connection },
  performSafety: "safe",
  examplePayload: { data: webhookConfiguration },
  run: (bynder, { id, connection }) =>
    webhookCall(connection, "Get Webhook Configuration", [READ], () => found(bynder, id)),
});

export const createWebhookConfiguration = bynderAction({
  display: {
    label: "Create Webhook Configuration",
    description: `Create a webhook configuration that sends the chosen events to an endpoint. For a flow of this integration, prefer the Webhook Events trigger, which manages its own. ${SCOPE_NOTE}`,
  },
  inputs: {
    name: configurationNameRequired,
    protocol,
    endpoint,
    events: webhookEvents,
    preArchiveDays,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: { ...webhookConfiguration, confirmed: false } },
  run: (bynder, { name, protocol, endpoint, events, preArchiveDays, connection }) => {
    checkEndpoint(endpoint, protocol);
    checkPreArchiveDays(events, preArchiveDays);
    return webhookCall(connection, "Create Webhook Configuration", WEBHOOK_SCOPES, async () => {
      const created = await createConfiguration(bynder, {
        name,
        endpoint,
        protocol,
        events,
        preArchivedNotificationDays: preArchiveDays,
      });
      return found(bynder, created.id);
    });
  },
});

export const updateWebhookConfiguration = bynderAction({
  display: {
    label: "Update Webhook Configuration",
    description: `Change a configuration's events and pre-archive notice (sent with PUT) and its name and status (sent with PATCH). The endpoint and protocol cannot change: create a new configuration instead. ${SCOPE_NOTE}`,
  },
  inputs: {
    id: webhookConfigurationId,
    events: optionalWebhookEvents,
    preArchiveDays,
    name: optionalConfigurationName,
    status: configurationStatus,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: webhookConfiguration },
  run: (bynder, { id, events, preArchiveDays, name, status, connection }) => {
    if (preArchiveDays !== undefined && !events) {
      throw new InputError(
        "Pre-Archive Notice (Days) is sent together with Events (Bynder replaces both at once): choose the Events too.",
      );
    }
    checkPreArchiveDays(events, preArchiveDays);
    if (!events && name === undefined && status === undefined) {
      throw new InputError("Nothing to update: give Events, Name or Status.");
    }
    return webhookCall(connection, "Update Webhook Configuration", WEBHOOK_SCOPES, async () => {
      if (events) {
        await updateConfigurationEvents(bynder, id, {
          events,
          preArchivedNotificationDays: preArchiveDays,
        });
      }
      if (name !== undefined || status !== undefined) {
        await patchConfiguration(bynder, id, { name, status });
      }
      return found(bynder, id);
    });
  },
});

export const deleteWebhookConfiguration = bynderAction({
  display: {
    label: "Delete Webhook Configuration",
    description: `Delete a webhook configuration; Bynder stops sending its events. ${SCOPE_NOTE}`,
  },
  inputs: { id: webhookConfigurationId, connection },
  performSafety: "notAllowed",
  examplePayload: { data: { id: webhookConfiguration.id, deleted: true } },
  run: (bynder, { id, connection }) =>
    webhookCall(connection, "Delete Webhook Configuration", WEBHOOK_SCOPES, async () => {
      if (!(await deleteConfiguration(bynder, id))) {
        throw new BynderError(
          `Bynder has no webhook configuration with id "${id}" (HTTP 404).`,
          404,
        );
      }
      return { id, deleted: true };
    }),
});

export const webhookActions = {
  listWebhookConfigurations,
  getWebhookConfiguration,
  createWebhookConfiguration,
  updateWebhookConfiguration,
  deleteWebhookConfiguration,
};
