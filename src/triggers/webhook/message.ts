/**
 * The Amazon SNS envelope Bynder's webhooks arrive in (webhooks.md §3.2), read strictly: a body that
 * is not a complete SNS message of one of the three types is refused, never guessed at.
 */

export const MESSAGE_TYPES = [
  "SubscriptionConfirmation",
  "Notification",
  "UnsubscribeConfirmation",
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export interface SnsMessage {
  Type: MessageType;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: "1" | "2";
  Signature: string;
  SigningCertURL: string;
  /** Notification only, and only when the publisher gave one (Bynder: the event name). */
  Subject?: string;
  /** Subscription and unsubscribe confirmations. */
  SubscribeURL?: string;
  Token?: string;
  /** Notification only. */
  UnsubscribeURL?: string;
}

/**
 * Why a request is refused. `status` is the HTTP answer SNS should get: 4xx for a message that is
 * wrong and will stay wrong (SNS does not retry those), 5xx for a passing problem (it retries).
 */
export class WebhookRefusal extends Error {
  override name = "WebhookRefusal";
  constructor(
    message: string,
    readonly status = 403,
  ) {
    super(`Webhook refused: ${message}`);
  }
}

/**
 * The fields each type signs, in the order they enter the canonical string (AWS's documented,
 * byte-sorted order). A Notification's Subject is signed only when present.
 */
const CONFIRMATION_FIELDS: (keyof SnsMessage)[] = [
  "Message",
  "MessageId",
  "SubscribeURL",
  "Timestamp",
  "Token",
  "TopicArn",
  "Type",
];
const SIGNED_FIELDS: Record<MessageType, (keyof SnsMessage)[]> = {
  Notification: ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
  SubscriptionConfirmation: CONFIRMATION_FIELDS,
  UnsubscribeConfirmation: CONFIRMATION_FIELDS,
};

/** The text SNS signs: each signed field's name and value, each followed by a newline. */
export const canonicalString = (message: SnsMessage): string =>
  SIGNED_FIELDS[message.Type]
    .filter((field) => !(field === "Subject" && message.Subject === undefined))
    .map((field) => `${field}\n${message[field]!}\n`)
    .join("");

const ALWAYS: (keyof SnsMessage)[] = [
  "MessageId",
  "TopicArn",
  "Message",
  "Timestamp",
  "Signature",
  "SigningCertURL",
];
const REQUIRED: Record<MessageType, (keyof SnsMessage)[]> = {
  Notification: ALWAYS,
  SubscriptionConfirmation: [...ALWAYS, "SubscribeURL", "Token"],
  UnsubscribeConfirmation: [...ALWAYS, "SubscribeURL", "Token"],
};

const TOPIC_ARN = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/**
 * Parses a request body as an SNS message. The body is parsed with a real JSON parser, as AWS
 * requires, so escaped characters in Message and Subject are signed in their original form.
 */
export const parseSnsMessage = (body: string): SnsMessage => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new WebhookRefusal("the body is not an Amazon SNS message (not JSON).", 400);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new WebhookRefusal("the body is not an Amazon SNS message (not a JSON object).", 400);
  }
  const record = parsed as Record<string, unknown>;
  const type = record.Type;
  if (!MESSAGE_TYPES.includes(type as MessageType)) {
    throw new WebhookRefusal(
      `unknown SNS message Type ${JSON.stringify(type)}; expected one of ${MESSAGE_TYPES.join(", ")}.`,
      400,
    );
  }
  for (const field of REQUIRED[type as MessageType]) {
    if (typeof record[field] !== "string" || !record[field]) {
      throw new WebhookRefusal(`the SNS ${String(type)} has no ${field}.`, 400);
    }
  }
  for (const field of ["Subject", "UnsubscribeURL"]) {
    if (record[field] !== undefined && typeof record[field] !== "string") {
      throw new WebhookRefusal(`the SNS message's ${field} is not text.`, 400);
    }
  }
  if (record.SignatureVersion !== "1" && record.SignatureVersion !== "2") {
    throw new WebhookRefusal(
      `unsupported SignatureVersion ${JSON.stringify(record.SignatureVersion)}; only "1" (SHA1) and "2" (SHA256) exist.`,
    );
  }
  if (!TOPIC_ARN.test(record.TopicArn as string)) {
    throw new WebhookRefusal(`"${String(record.TopicArn).slice(0, 300)}" is not an SNS topic ARN.`);
  }
  return record as unknown as SnsMessage;
};
