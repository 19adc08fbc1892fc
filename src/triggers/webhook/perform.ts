/**
 * One webhook request: verified first (verify.ts), then handled by type. Nothing reaches the flow's
 * steps unless Amazon SNS signed it and it comes from the topic this flow subscribed to.
 */
import type { ActionContext, Connection, TriggerPayload } from "@prismatic-io/spectral";
import { fetchSigningCertificate, followSubscribeUrl, portalIsLoopback } from "../../client";
import { BRANCHES, branchOfEvent } from "./events";
import { WebhookRefusal, type SnsMessage } from "./message";
import { checkSubscribeUrl } from "./snsUrls";
import { readWebhookState, remember, withWebhookState, type WebhookState } from "./state";
import { verifySnsRequest } from "./verify";

/** SNS's confirmation tokens live three days; a first confirmation later than that is not ours. */
const CONFIRMATION_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

/** What a notification hands to the flow. */
export interface WebhookNotification {
  event: string;
  mediaId: string | null;
  message: unknown;
  messageId: string;
  timestamp: string;
  topicArn: string;
  subject: string | null;
}

/** What a subscription or unsubscribe confirmation hands to the flow. */
export interface WebhookConfirmation {
  type: "SubscriptionConfirmation" | "UnsubscribeConfirmation";
  confirmed: boolean;
  messageId: string;
  timestamp: string;
  topicArn: string;
  message: string;
}

const bodyText = (payload: TriggerPayload): string => {
  for (const data of [payload.rawBody?.data, payload.body?.data]) {
    if (Buffer.isBuffer(data)) return data.toString("utf8");
    if (typeof data === "string") return data;
  }
  // Already parsed by the platform: the signature covers field values, not bytes, so this is exact.
  return JSON.stringify(payload.body?.data ?? null);
};

/** Bynder's Message is JSON text ({"media_id": …}); anything else is passed on as text. */
const parseMessage = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export const notificationData = (message: SnsMessage): WebhookNotification => {
  const parsed = parseMessage(message.Message);
  const fields = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  const mediaId = fields.media_id;
  return {
    event: message.Subject?.trim() ?? "",
    mediaId: typeof mediaId === "string" || typeof mediaId === "number" ? String(mediaId) : null,
    message: parsed,
    messageId: message.MessageId,
    timestamp: message.Timestamp,
    topicArn: message.TopicArn,
    subject: message.Subject ?? null,
  };
};

const confirmationData = (message: SnsMessage, confirmed: boolean): WebhookConfirmation => ({
  type: message.Type as WebhookConfirmation["type"],
  confirmed,
  messageId: message.MessageId,
  timestamp: message.Timestamp,
  topicArn: message.TopicArn,
  message: message.Message,
});

const ok = { statusCode: 200, contentType: "text/plain", body: "" };

/** Every message after the first confirmation must come from the pinned topic. */
const requirePinnedTopic = (state: WebhookState | undefined, message: SnsMessage): WebhookState => {
  if (!state?.topicArn) {
    throw new WebhookRefusal(
      `this flow has no confirmed Bynder subscription, so a ${message.Type} from ${message.TopicArn} cannot be trusted. Redeploy the instance to subscribe again.`,
    );
  }
  if (state.topicArn !== message.TopicArn) {
    throw new WebhookRefusal(
      `the message comes from SNS topic ${message.TopicArn}, not from ${state.topicArn}, the topic this flow subscribed to.`,
    );
  }
  return state;
};

export const handleWebhookRequest = async (
  context: ActionContext,
  payload: TriggerPayload,
  params: { connection: Connection },
) => {
  const allowLoopback = portalIsLoopback(params.connection);
  const message = await verifySnsRequest(payload.headers, bodyText(payload), {
    allowLoopback,
    fetchCertificate: (url) => fetchSigningCertificate(url, context),
  });
  const { stableId } = context.flow;
  const state = readWebhookState(context.crossFlowState, stableId);

  if (message.Type === "SubscriptionConfirmation") {
    const respond = (statusCode: number, confirmed: boolean, saved?: WebhookState) => ({
      payload: { ...payload, body: { data: confirmationData(message, confirmed) } },
      branch: BRANCHES.subscribed,
      response: { ...ok, statusCode },
      ...(saved
        ? { crossFlowState: withWebhookState(context.crossFlowState, stableId, saved) }
        : {}),
    });
    if (!state) {
      // SNS sent it before `create` saved its state: a 5xx makes SNS send it again shortly.
      context.logger.warn?.(
        "A subscription confirmation arrived before the trigger saved its configuration; SNS will retry.",
      );
      return respond(503, false);
    }
    if (state.topicArn) {
      requirePinnedTopic(state, message);
    } else if (Date.now() - Date.parse(state.createdAt) > CONFIRMATION_WINDOW_MS) {
      throw new WebhookRefusal(
        "a first subscription confirmation more than three days after the configuration was created. Redeploy the instance to subscribe again.",
      );
    }
    const subscribeUrl = checkSubscribeUrl(message.SubscribeURL!, message.TopicArn, {
      allowLoopback,
    });
    try {
      await followSubscribeUrl(subscribeUrl.toString(), context);
    } catch (error) {
      context.logger.warn?.(`Confirming the SNS subscription failed: ${(error as Error).message}`);
      return respond(503, false);
    }
    return respond(200, true, { ...state, topicArn: message.TopicArn });
  }

  if (message.Type === "UnsubscribeConfirmation") {
    // Never follow its SubscribeURL: that would subscribe again. The pin stays: only a new
    // `create` starts a new one, so an unsubscribe cannot open the door to another topic.
    requirePinnedTopic(state, message);
    return {
      payload: { ...payload, body: { data: confirmationData(message, false) } },
      branch: BRANCHES.unsubscribed,
      response: ok,
    };
  }

  const pinned = requirePinnedTopic(state, message);
  const data = notificationData(message);
  const duplicate = pinned.seen.includes(message.MessageId);
  return {
    payload: { ...payload, body: { data } },
    branch: duplicate ? BRANCHES.duplicate : branchOfEvent(data.event),
    response: ok,
    crossFlowState: withWebhookState(
      context.crossFlowState,
      stableId,
      remember(pinned, message.MessageId),
    ),
  };
};
