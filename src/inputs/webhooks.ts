/** Inputs of the webhook trigger and the webhook configuration actions, defined once. */
import { input } from "@prismatic-io/spectral";
import { isLoopback } from "../client";
import { InputError } from "../client/errors";
import { integer, oneOf, optionalOneOf, optionalString, requiredString } from "./clean";
import { idInput, textInput, UUID_EXAMPLE } from "./common";
import {
  DEFAULT_EVENTS,
  EVENT_LABELS,
  PRE_ARCHIVED,
  WEBHOOK_EVENTS,
  type WebhookEvent,
} from "../triggers/webhook/events";

const eventList =
  (label: string, required: boolean) =>
  (value: unknown): WebhookEvent[] | undefined => {
    const items = (
      Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
    )
      .flatMap((item) => (typeof item === "string" ? item.split(",") : [String(item)]))
      .map((item) => item.trim())
      .filter(Boolean);
    if (!items.length) {
      if (required) throw new InputError(`${label} is required: choose at least one event.`);
      return undefined;
    }
    for (const item of items) oneOf(label, WEBHOOK_EVENTS)(item);
    return [...new Set(items)] as WebhookEvent[];
  };

const EVENTS_COMMENTS =
  "Bynder events to receive. Archiving an asset sends two: Metadata Updated, then Asset Archived. Antivirus Scan Failed needs Bynder's antivirus module.";
const eventModel = WEBHOOK_EVENTS.map((value) => ({ label: EVENT_LABELS[value], value }));

/** The trigger's events: never empty (the six asset events by default). */
export const webhookEvents = input({
  label: "Events",
  type: "string",
  collection: "valuelist",
  required: true,
  model: eventModel,
  default: DEFAULT_EVENTS,
  comments: EVENTS_COMMENTS,
  example: "asset_bank.media.create",
  clean: (value: unknown): WebhookEvent[] => eventList("Events", true)(value)!,
});

/** For updates: empty leaves a configuration's events as they are. */
export const optionalWebhookEvents = input({
  ...webhookEvents,
  required: false,
  default: undefined,
  comments: `${EVENTS_COMMENTS} Left empty, the configuration's events stay as they are.`,
  clean: eventList("Events", false),
});

export const preArchiveDays = input({
  label: "Pre-Archive Notice (Days)",
  type: "string",
  required: false,
  example: "7",
  placeholder: "7",
  comments:
    "Only with the asset_bank.media.pre_archived event: how many days before an asset's scheduled archive date Bynder announces it.",
  clean: integer("Pre-Archive Notice (Days)", { min: 1, max: 365 }),
});

/** Pre-Archive Notice (Days) means something only when the pre-archive event is chosen. */
export const checkPreArchiveDays = (
  events: readonly string[] | undefined,
  days: number | undefined,
): void => {
  if (days !== undefined && !events?.includes(PRE_ARCHIVED)) {
    throw new InputError(
      `Pre-Archive Notice (Days) applies only to the ${PRE_ARCHIVED} event: add that event to Events or clear the notice.`,
    );
  }
};

export const configurationName = textInput(
  "Configuration Name",
  'The name Bynder shows for this webhook in Portal Settings > Webhooks. Left empty: "Prismatic: <instance> / <flow>", so an administrator can tell where it comes from.',
  "Prismatic: Acme DAM sync / Asset changes",
);

export const webhookConfigurationId = idInput({
  label: "Configuration ID",
  format: "segment",
  dataSource: "selectWebhookConfiguration",
  example: UUID_EXAMPLE,
  comments:
    "The id of a webhook configuration in Bynder (choose one, or see List Webhook Configurations).",
});

export const configurationNameRequired = input({
  label: "Name",
  type: "string",
  required: true,
  example: "ERP asset sync",
  placeholder: "ERP asset sync",
  comments: "The name Bynder shows for the configuration in Portal Settings > Webhooks.",
  clean: requiredString("Name"),
});

export const optionalConfigurationName = input({
  ...configurationNameRequired,
  required: false,
  comments: `${configurationNameRequired.comments} Left empty, the name stays as it is.`,
  clean: optionalString("Name"),
});

export const PROTOCOLS = ["https", "email", "email-json", "sqs"] as const;
export const protocol = input({
  label: "Protocol",
  type: "string",
  required: true,
  default: "https",
  model: [
    { label: "HTTPS (an endpoint URL)", value: "https" },
    { label: "Email", value: "email" },
    { label: "Email (JSON)", value: "email-json" },
    { label: "Amazon SQS (a standard queue's ARN)", value: "sqs" },
  ],
  comments:
    "How Bynder delivers events. Sent in Amazon SNS's lower-case spelling; Bynder's exact API values are not documented, so a 400 for https is retried once as HTTPS.",
  clean: oneOf("Protocol", PROTOCOLS),
});

export const endpoint = input({
  label: "Endpoint",
  type: "string",
  required: true,
  example: "https://hooks.example.com/bynder",
  placeholder: "https://hooks.example.com/bynder",
  comments:
    "Where Bynder delivers: an https URL for HTTPS, an email address for Email, an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>) for SQS.",
  clean: requiredString("Endpoint"),
});

const ENDPOINT_RULES: Record<(typeof PROTOCOLS)[number], { pattern: RegExp; hint: string }> = {
  https: { pattern: /^https:\/\/[^\s/?#]+[^\s]*$/i, hint: "an https:// URL" },
  email: { pattern: /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/, hint: "an email address" },
  "email-json": { pattern: /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/, hint: "an email address" },
  sqs: {
    pattern: /^arn:aws(-cn|-us-gov)?:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/,
    hint: "an SQS queue ARN",
  },
};

/**
 * The endpoint fits the protocol (checked before anything is sent). Plain http only on this
 * machine, as everywhere in the component (the emulator's intake).
 */
export const checkEndpoint = (value: string, chosen: (typeof PROTOCOLS)[number]): void => {
  const rule = ENDPOINT_RULES[chosen];
  let fits = rule.pattern.test(value);
  if (!fits && chosen === "https") {
    try {
      const url = new URL(value);
      fits = url.protocol === "http:" && isLoopback(url);
    } catch {
      fits = false;
    }
  }
  if (!fits) {
    throw new InputError(
      `Endpoint must be ${rule.hint} for Protocol ${chosen}; got "${value.slice(0, 200)}".`,
    );
  }
};

export const configurationStatus = input({
  label: "Status",
  type: "string",
  required: false,
  model: [
    { label: "Enabled (1)", value: "1" },
    { label: "Disabled (0)", value: "0" },
  ],
  comments:
    "Bynder's integer status of the configuration, sent through PATCH. 1 enables it; 0 is taken to disable it (Bynder does not document the values). Left empty, it stays as it is.",
  clean: (value: unknown) => {
    const chosen = optionalOneOf("Status", ["0", "1"] as const)(value);
    return chosen === undefined ? undefined : Number(chosen);
  },
});
