/**
 * What the trigger keeps about its Bynder configuration. Lifecycle handlers have no flow-scoped
 * state, so it lives in crossFlowState under the flow's stable id (webhooks.md §4.1), and every
 * write returns the whole crossFlowState with only this flow's entry changed.
 */

export interface WebhookState {
  v: 1;
  configId: string;
  endpoint: string;
  name: string;
  events: string[];
  preArchivedNotificationDays?: number;
  /** When `create` made the configuration (ISO 8601). */
  createdAt: string;
  /** The SNS topic of the first confirmation after `create`; every later message must match. */
  topicArn?: string;
  /** The newest MessageIds delivered to the flow, to recognise SNS's re-deliveries. */
  seen: string[];
}

/** How many MessageIds are remembered: SNS retries within about a minute, a few per message. */
export const SEEN_LIMIT = 200;

export const readWebhookState = (
  crossFlowState: Record<string, unknown> | undefined,
  stableId: string,
): WebhookState | undefined => {
  const value = crossFlowState?.[stableId] as Partial<WebhookState> | null | undefined;
  if (
    !value ||
    value.v !== 1 ||
    typeof value.configId !== "string" ||
    typeof value.endpoint !== "string"
  ) {
    return undefined;
  }
  return {
    ...(value as WebhookState),
    events: Array.isArray(value.events) ? value.events : [],
    seen: Array.isArray(value.seen) ? value.seen.filter((id) => typeof id === "string") : [],
  };
};

/** The crossFlowState to return: everything as it was, this flow's entry replaced (or cleared). */
export const withWebhookState = (
  crossFlowState: Record<string, unknown> | undefined,
  stableId: string,
  state: WebhookState | null,
): Record<string, unknown> => ({ ...crossFlowState, [stableId]: state });

/** The state with one more delivered MessageId (the oldest dropped past the limit). */
export const remember = (state: WebhookState, messageId: string): WebhookState => ({
  ...state,
  seen: [...state.seen.filter((id) => id !== messageId), messageId].slice(-SEEN_LIMIT),
});
