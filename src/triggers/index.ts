import { batchedChangesTrigger } from "./batchedChangesTrigger";
import { pollChangesTrigger } from "./pollChangesTrigger";
import { webhookEventsTrigger } from "./webhook/trigger";

export const triggers = { pollChangesTrigger, batchedChangesTrigger, webhookEventsTrigger };
