/**
 * Bynder's webhook configuration API (/v7/webhooks/public/api/subscriptions, webhooks.md §2), for
 * the webhook trigger's lifecycle and the configuration actions. What the reference leaves
 * unconfirmed is handled in every plausible form: the id on create (chosen by us in the path, or
 * by Bynder), the list endpoint (may not exist), the id's field name (`id` or `configId`) and the
 * protocol's spelling.
 */
import { randomUUID } from "node:crypto";
import { isConnectionError, type Connection } from "@prismatic-io/spectral";
import type { BynderClient } from "./client";
import { path } from "./encoding";
import { BynderError, connectionError } from "./errors";
import { requireScopes, WEBHOOK_ROLE } from "./scopes";

export const WEBHOOKS_PATH = "/v7/webhooks/public/api/subscriptions";
export const WEBHOOK_SCOPES = ["webhooks.config:read", "webhooks.config:write"] as const;
const SETUP_HINT = `Add "${WEBHOOK_SCOPES.join(" ")}" to the connection's Scopes and connect again; the connection's Bynder user also needs the security role "${WEBHOOK_ROLE}".`;

export interface WebhookConfiguration {
  id: string;
  name?: string;
  endpoint?: string;
  protocol?: string;
  events?: string[];
  preArchivedNotificationDays?: number;
  status?: number;
  confirmed?: boolean;
  [field: string]: unknown;
}

export interface NewWebhookConfiguration {
  name: string;
  endpoint: string;
  protocol: string;
  events: string[];
  preArchivedNotificationDays?: number;
}

/** Refuses before any request when the connection's Scopes leave out what webhooks need. */
export const requireWebhookScopes = (
  connection: Connection,
  what: string,
  needs: readonly string[] = WEBHOOK_SCOPES,
): void => requireScopes(connection, needs, what);

/** Bynder's status, also on the ConnectionError the client makes of a 401 or 403. */
const statusOf = (error: unknown): number | undefined =>
  error instanceof BynderError || isConnectionError(error)
    ? (error as { status?: number }).status
    : undefined;

/** A 403 from the configuration API means a missing role (or scope): the error says which. */
export const withWebhookHints = async <T>(
  connection: Connection | undefined,
  call: () => Promise<T>,
): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    const status = statusOf(error);
    const message = (error as Error).message;
    if (status === 403 && connection) {
      throw connectionError(connection, `${message}. ${SETUP_HINT}`);
    }
    if (status && status >= 400 && status < 500 && /limit|maximum|exceed|too many/i.test(message)) {
      throw new BynderError(
        `${message}. A Bynder portal holds ten webhook configurations by default: delete unused ones (List Webhook Configurations, or Portal Settings > Webhooks) or ask Bynder for more.`,
        status,
      );
    }
    throw error;
  }
};

const configPath = (id: string) => `${WEBHOOKS_PATH}${path`/${id}`}`;

/** The id in any of the shapes Bynder may answer with (`id` in the spec, `configId` in lists). */
export const configurationId = (record: unknown): string | undefined => {
  if (!record || typeof record !== "object") return undefined;
  const { id, configId } = record as { id?: unknown; configId?: unknown };
  const value = id ?? configId;
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
};

const normalise = (record: unknown): WebhookConfiguration | undefined => {
  const id = configurationId(record);
  return id ? { ...(record as Record<string, unknown>), id } : undefined;
};

/**
 * Creates a configuration: POST …/subscriptions/{a new UUID}, as the spec reads; on 404 or 405
 * POST …/subscriptions, as a community SDK does. If Bynder refuses "https" with a 400, the
 * upper-case spelling its UI shows is tried once.
 */
export const createConfiguration = async (
  bynder: BynderClient,
  body: NewWebhookConfiguration,
): Promise<WebhookConfiguration> => {
  const post = async (json: NewWebhookConfiguration) => {
    const chosen = randomUUID();
    try {
      const response = await bynder.request({ method: "POST", path: configPath(chosen), json });
      return normalise(response.data) ?? { id: chosen };
    } catch (error) {
      const status = statusOf(error);
      if (status !== 404 && status !== 405) throw error;
      const response = await bynder.request({ method: "POST", path: WEBHOOKS_PATH, json });
      const created = normalise(response.data);
      if (!created) {
        throw new BynderError(
          `Bynder created the webhook configuration but did not return its id (HTTP ${response.status}).`,
          response.status,
        );
      }
      return created;
    }
  };
  try {
    return { ...body, ...(await post(body)) };
  } catch (error) {
    if (statusOf(error) !== 400 || body.protocol !== "https") throw error;
    try {
      return { ...body, ...(await post({ ...body, protocol: "HTTPS" })) };
    } catch {
      throw error; // the first answer says what is wrong with the request
    }
  }
};

/** One configuration, or undefined when Bynder has none with this id. */
export const getConfiguration = async (
  bynder: BynderClient,
  id: string,
): Promise<WebhookConfiguration | undefined> => {
  try {
    return normalise(await bynder.get(configPath(id))) ?? { id };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
};

/**
 * Every configuration of the portal, or undefined where the portal has no list endpoint (the
 * local spec has none; Bynder's docs index lists one).
 */
export const listConfigurations = async (
  bynder: BynderClient,
): Promise<WebhookConfiguration[] | undefined> => {
  try {
    const data = await bynder.get<unknown>(WEBHOOKS_PATH);
    const items = Array.isArray(data)
      ? data
      : Array.isArray((data as { items?: unknown })?.items)
        ? (data as { items: unknown[] }).items
        : undefined;
    return items?.map(normalise).filter((c): c is WebhookConfiguration => c !== undefined);
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 405) return undefined;
    throw error;
  }
};

/** PUT: only the events and the pre-archive notice can change this way (the API's split). */
export const updateConfigurationEvents = (
  bynder: BynderClient,
  id: string,
  body: { events: string[]; preArchivedNotificationDays?: number },
) => bynder.request({ method: "PUT", path: configPath(id), json: body });

/** PATCH: only the name and the status can change this way. */
export const patchConfiguration = (
  bynder: BynderClient,
  id: string,
  body: { name?: string; status?: number },
) => bynder.request({ method: "PATCH", path: configPath(id), json: body });

/** Deletes a configuration; false when it was already gone (404), which is just as good. */
export const deleteConfiguration = async (bynder: BynderClient, id: string): Promise<boolean> => {
  try {
    await bynder.request({ method: "DELETE", path: configPath(id) });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
};
