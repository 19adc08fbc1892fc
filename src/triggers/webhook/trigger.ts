/**
 * "Webhook Events": Bynder pushes events through Amazon SNS to the flow's webhook URL. The trigger
 * registers its own Bynder webhook configuration (lifecycle.ts) and trusts only messages SNS signed
 * on the topic it subscribed to (perform.ts).
 */
import { trigger, type TriggerPayload } from "@prismatic-io/spectral";
import { connection } from "../../inputs/common";
import { configurationName, preArchiveDays, webhookEvents } from "../../inputs/webhooks";
import { webhookEventsExample, webhookNotification } from "../../examplePayloads/webhooks";
import { BRANCHES, branchOfEvent } from "./events";
import { parseSnsMessage } from "./message";
import { createWebhook, deleteWebhook } from "./lifecycle";
import { handleWebhookRequest, notificationData } from "./perform";

/**
 * A designer's test run with sample data: nothing to verify (the platform, not a request, sets
 * the flag). A sample SNS notification is read as one; anything else gives the example.
 */
const simulated = (payload: TriggerPayload) => {
  try {
    const raw = payload.rawBody?.data ?? payload.body?.data;
    const message = parseSnsMessage(
      Buffer.isBuffer(raw)
        ? raw.toString("utf8")
        : typeof raw === "string"
          ? raw
          : JSON.stringify(raw),
    );
    if (message.Type === "Notification") {
      const data = notificationData(message);
      return { payload: { ...payload, body: { data } }, branch: branchOfEvent(data.event) };
    }
  } catch {
    /* not an SNS sample: the example below */
  }
  return { payload: { ...payload, body: { data: webhookNotification } }, branch: BRANCHES.created };
};

export const webhookEventsTrigger = trigger({
  display: {
    label: "Webhook Events",
    description:
      "Runs the flow seconds after an asset changes in Bynder. Registers its own Bynder webhook configuration on deploy and removes it on delete; accepts only messages signed by Amazon SNS from the topic it subscribed to.",
  },
  inputs: { connection, events: webhookEvents, preArchiveDays, configurationName },
  allowsBranching: true,
  staticBranchNames: Object.values(BRANCHES),
  scheduleSupport: "invalid",
  // SNS waits 15 s for an answer; nobody can hold it open for a whole flow.
  synchronousResponseSupport: "invalid",
  examplePayload: webhookEventsExample,
  perform: async (context, payload, params) =>
    context.isSimulatedTestExecution
      ? simulated(payload)
      : handleWebhookRequest(context, payload, params),
  webhookLifecycleHandlers: {
    create: (context, params) => createWebhook(context, params),
    delete: (context, params) => deleteWebhook(context, params),
  },
});
