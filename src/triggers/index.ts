import { pollChangesTrigger } from "./pollChangesTrigger";
import { webhookEventsTrigger } from "./webhook/trigger";

export const triggers = { pollChangesTrigger, webhookEventsTrigger };
