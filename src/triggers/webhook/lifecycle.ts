/**
 * The trigger's lifecycle: `create` runs on every deploy, redeploy and listening-mode session;
 * `delete` when the instance goes or listening mode ends. A portal holds ten configurations, so
 * create is idempotent and delete never leaves one behind over an error it could have ignored.
 */
import type { ActionContext, Connection } from "@prismatic-io/spectral";
import {
  createBynderClient,
  createConfiguration,
  deleteConfiguration,
  getConfiguration,
  listConfigurations,
  patchConfiguration,
  requireWebhookScopes,
  updateConfigurationEvents,
  withWebhookHints,
  type BynderClient,
} from "../../client";
import { InputError } from "../../client/errors";
import { checkPreArchiveDays } from "../../inputs/webhooks";
import { readWebhookState, withWebhookState, type WebhookState } from "./state";

export interface LifecycleParams {
  connection: Connection;
  events: string[];
  preArchiveDays?: number;
  configurationName?: string;
}

const endpointOf = (context: ActionContext): string => {
  const url = context.webhookUrls?.[context.flow.name];
  if (!url) {
    throw new InputError(
      `Prismatic gave no webhook URL for the flow "${context.flow.name}", so Bynder has nowhere to send events.`,
    );
  }
  return url;
};

/** Bynder's name for the configuration: the builder's, or one naming the instance and the flow. */
const nameOf = (context: ActionContext, params: LifecycleParams): string =>
  params.configurationName ??
  `Prismatic: ${context.instance?.name ?? "instance"} / ${context.flow.name}`;

/**
 * Deletes every configuration with this endpoint except `keep`, where the portal lists them:
 * strays from a crashed listening session or a lost state would otherwise fill the ten slots.
 */
const removeStrays = async (
  bynder: BynderClient,
  context: ActionContext,
  endpoint: string,
  keep?: string,
): Promise<void> => {
  let all;
  try {
    all = await listConfigurations(bynder);
  } catch (error) {
    context.logger.warn?.(
      `Could not list Bynder's webhook configurations to remove strays: ${(error as Error).message}`,
    );
    return;
  }
  for (const stray of all ?? []) {
    if (stray.endpoint === endpoint && stray.id !== keep) {
      await deleteConfiguration(bynder, stray.id);
      context.logger.info?.(
        `Removed a stray Bynder webhook configuration ${stray.id} for ${endpoint}.`,
      );
    }
  }
};

export const createWebhook = async (context: ActionContext, params: LifecycleParams) => {
  const { stableId } = context.flow;
  requireWebhookScopes(params.connection, "The Webhook Events trigger");
  checkPreArchiveDays(params.events, params.preArchiveDays);
  const endpoint = endpointOf(context);
  const name = nameOf(context, params);
  const bynder = createBynderClient(params.connection, context);
  const saved = readWebhookState(context.crossFlowState, stableId);
  const wanted = { events: params.events, preArchivedNotificationDays: params.preArchiveDays };

  const state = await withWebhookHints(params.connection, async (): Promise<WebhookState> => {
    if (saved) {
      const existing = await getConfiguration(bynder, saved.configId);
      // Endpoint and protocol cannot change through the API: a new URL means a new configuration.
      if (existing && (existing.endpoint ?? saved.endpoint) === endpoint) {
        await updateConfigurationEvents(bynder, saved.configId, wanted);
        if (name !== saved.name) await patchConfiguration(bynder, saved.configId, { name });
        await removeStrays(bynder, context, endpoint, saved.configId);
        context.logger.info?.(
          `Updated the events of Bynder webhook configuration ${saved.configId}.`,
        );
        return { ...saved, name, ...wanted };
      }
      if (existing) await deleteConfiguration(bynder, saved.configId);
    }
    await removeStrays(bynder, context, endpoint);
    const created = await createConfiguration(bynder, {
      name,
      endpoint,
      protocol: "https",
      ...wanted,
    });
    context.logger.info?.(`Created Bynder webhook configuration ${created.id} for ${endpoint}.`);
    return {
      v: 1,
      configId: created.id,
      endpoint,
      name,
      ...wanted,
      createdAt: new Date().toISOString(),
      seen: [],
    };
  });
  return { crossFlowState: withWebhookState(context.crossFlowState, stableId, state) };
};

export const deleteWebhook = async (context: ActionContext, params: LifecycleParams) => {
  const { stableId } = context.flow;
  requireWebhookScopes(params.connection, "The Webhook Events trigger");
  const bynder = createBynderClient(params.connection, context);
  const saved = readWebhookState(context.crossFlowState, stableId);
  const endpoint = saved?.endpoint ?? context.webhookUrls?.[context.flow.name];
  await withWebhookHints(params.connection, async () => {
    // Both steps run even if one fails, so one error does not leave the other's configuration.
    const results = await Promise.allSettled([
      saved ? deleteConfiguration(bynder, saved.configId) : Promise.resolve(false),
      endpoint ? removeStrays(bynder, context, endpoint, saved?.configId) : Promise.resolve(),
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  });
  if (saved) context.logger.info?.(`Deleted Bynder webhook configuration ${saved.configId}.`);
  return { crossFlowState: withWebhookState(context.crossFlowState, stableId, null) };
};
