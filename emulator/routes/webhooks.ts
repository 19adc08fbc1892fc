/**
 * Webhook configurations (/v7/webhooks/public/api/subscriptions, webhooks.md §2): scopes
 * webhooks.config:read/write plus the security role "View/Manage Webhooks configurations" on the
 * token's user, ten per portal, 201 on create and 204 on delete. Both create forms are served
 * unless a test narrows `portal.webhooks.createForm`.
 */
import { randomUUID } from "node:crypto";
import { route, type Handler, type Route } from "../context";
import {
  Answer,
  json,
  noContent,
  v4Error,
  type EmulatorRequest,
  type EmulatorResponse,
} from "../http";
import type { Portal } from "../portal";
import {
  MANAGE_WEBHOOKS_ROLE,
  VIEW_WEBHOOKS_ROLE,
  WEBHOOK_EVENTS,
  type WebhookConfig,
} from "../webhooks";

const BASE = "/v7/webhooks/public/api/subscriptions";
const READ = "webhooks.config:read";
const WRITE = "webhooks.config:write";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROTOCOLS = ["https", "email", "email-json", "sqs"];
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const SQS_ARN = /^arn:aws(-cn|-us-gov)?:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/;

/** The token's user needs one of `roles` on its security profile (a 403 otherwise). */
const requireRole = (req: EmulatorRequest, portal: Portal, roles: string[]): void => {
  const user = req.auth ? portal.users.get(req.auth.userId) : undefined;
  const profile = portal.profiles.find((p) => p.id === user?.profileId);
  if (!profile?.roles.some((role) => roles.includes(role))) fail(v4Error(403, "Forbidden"));
};
const canRead = (req: EmulatorRequest, portal: Portal) =>
  requireRole(req, portal, [VIEW_WEBHOOKS_ROLE, MANAGE_WEBHOOKS_ROLE]);
const canManage = (req: EmulatorRequest, portal: Portal) =>
  requireRole(req, portal, [MANAGE_WEBHOOKS_ROLE]);

const present = (portal: Portal, config: WebhookConfig) => ({
  id: config.id,
  name: config.name,
  endpoint: config.endpoint,
  protocol: config.protocol,
  events: [...config.events],
  preArchivedNotificationDays: config.preArchivedNotificationDays,
  status: config.status,
  confirmed: portal.webhooks.confirmed(config),
  antivirusEnabled: config.antivirusEnabled,
});

const jsonBody = (req: EmulatorRequest): Record<string, unknown> => {
  if (!req.contentType.startsWith("application/json")) {
    fail(v4Error(415, "Content-Type must be application/json"));
  }
  const body = req.json;
  return body && typeof body === "object" && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : fail(v4Error(400, "The request body must be a JSON object"));
};

const fail = (response: EmulatorResponse): never => {
  throw new Answer(response);
};

/** `events` and `preArchivedNotificationDays`, as create and PUT take them. */
const eventFields = (body: Record<string, unknown>) => {
  const { events, preArchivedNotificationDays: days } = body;
  if (!Array.isArray(events) || events.length === 0) {
    return fail(v4Error(400, "events must be a non-empty list of event names"));
  }
  const unknown = events.filter((e) => typeof e !== "string" || !WEBHOOK_EVENTS.includes(e));
  if (unknown.length) fail(v4Error(400, `Unknown events: ${unknown.map(String).join(", ")}`));
  if (days !== undefined && days !== null && (!Number.isInteger(days) || (days as number) < 0)) {
    fail(v4Error(400, "preArchivedNotificationDays must be a whole number of days"));
  }
  return { events: [...new Set(events as string[])], days: (days ?? null) as number | null };
};

/** An endpoint the protocol can deliver to; plain http only on this machine (the emulator's). */
const endpointProblem = (protocol: string, endpoint: string): string | undefined => {
  if (protocol === "https") {
    try {
      const url = new URL(endpoint);
      const local = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
      if (url.protocol === "https:" || (url.protocol === "http:" && local)) return undefined;
    } catch {
      /* reported below */
    }
    return "endpoint must be an https URL for protocol https";
  }
  if (protocol === "sqs")
    return SQS_ARN.test(endpoint) ? undefined : "endpoint must be an SQS queue ARN";
  return EMAIL.test(endpoint) ? undefined : "endpoint must be an email address";
};

const create = async (
  req: EmulatorRequest,
  portal: Portal,
  id: string,
): Promise<EmulatorResponse> => {
  canManage(req, portal);
  const body = jsonBody(req);
  const webhooks = portal.webhooks;
  if (webhooks.configs.has(id)) return v4Error(409, `A webhook configuration with id ${id} exists`);
  const { name, endpoint, protocol } = body;
  if (typeof name !== "string" || !name.trim()) return v4Error(400, "name is required");
  const chosen = typeof protocol === "string" ? protocol.toLowerCase() : "";
  if (!PROTOCOLS.includes(chosen)) {
    return v4Error(400, `protocol must be one of ${PROTOCOLS.join(", ")}`);
  }
  const problem =
    typeof endpoint === "string" ? endpointProblem(chosen, endpoint) : "endpoint is required";
  if (problem) return v4Error(400, problem);
  const events = eventFields(body);
  if (webhooks.configs.size >= webhooks.limit) {
    return v4Error(
      400,
      `The maximum number of webhook configurations (${webhooks.limit}) has been reached`,
    );
  }
  const config: WebhookConfig = {
    id,
    name: name.trim(),
    endpoint: endpoint as string,
    protocol: protocol as string,
    events: events.events,
    preArchivedNotificationDays: events.days,
    status: 1,
    antivirusEnabled: events.events.includes("antivirus.scan.failed"),
    topicArn: webhooks.sns.topicArn(`bynder-webhooks-${id}`),
  };
  webhooks.configs.set(id, config);
  await webhooks.subscribe(config);
  return json(201, { id });
};

const createWithId: Handler = (req, { portal }) => {
  if (portal.webhooks.createForm === "collection") return v4Error(404, "Not Found");
  if (!UUID.test(req.params.id)) return v4Error(400, "The id must be a UUID");
  return create(req, portal, req.params.id.toLowerCase());
};

const createWithoutId: Handler = (req, { portal }) =>
  portal.webhooks.createForm === "path"
    ? v4Error(405, "Method Not Allowed")
    : create(req, portal, randomUUID());

const list: Handler = (req, { portal }) => {
  if (!portal.webhooks.listSupported) return v4Error(405, "Method Not Allowed");
  canRead(req, portal);
  return json(
    200,
    [...portal.webhooks.configs.values()].map((config) => ({
      configId: config.id,
      ...present(portal, config),
      is_legacy: false,
      migratedSubscriptions: [],
    })),
  );
};

/** The configuration of the path, or the answer to send instead. */
const found = (req: EmulatorRequest, portal: Portal, manage: boolean): WebhookConfig => {
  if (manage) canManage(req, portal);
  else canRead(req, portal);
  return (
    portal.webhooks.configs.get(req.params.id.toLowerCase()) ??
    fail(v4Error(404, `Webhook configuration ${req.params.id} not found`))
  );
};

const getOne: Handler = (req, { portal }) => {
  return json(200, present(portal, found(req, portal, false)));
};

/** PUT changes the events and the pre-archive notice only. */
const update: Handler = (req, { portal }) => {
  const config = found(req, portal, true);
  const events = eventFields(jsonBody(req));
  config.events = events.events;
  config.preArchivedNotificationDays = events.days;
  return { status: 200 };
};

/** PATCH changes the name and the status only. */
const patch: Handler = (req, { portal }) => {
  const config = found(req, portal, true);
  const { name, status } = jsonBody(req);
  if (name !== undefined && (typeof name !== "string" || !name.trim())) {
    return v4Error(400, "name must be a non-empty string");
  }
  if (status !== undefined && status !== 0 && status !== 1)
    return v4Error(400, "status must be 0 or 1");
  if (typeof name === "string") config.name = name.trim();
  if (typeof status === "number") config.status = status;
  return { status: 200 };
};

const remove: Handler = (req, { portal }) => {
  portal.webhooks.remove(found(req, portal, true));
  return noContent();
};

export const webhookRoutes: Route[] = [
  route("GET", BASE, READ, list),
  route("POST", BASE, WRITE, createWithoutId),
  route("GET", `${BASE}/:id`, READ, getOne),
  route("POST", `${BASE}/:id`, WRITE, createWithId),
  route("PUT", `${BASE}/:id`, WRITE, update),
  route("PATCH", `${BASE}/:id`, WRITE, patch),
  route("DELETE", `${BASE}/:id`, WRITE, remove),
];
