import { batchedChangesTrigger } from "./batchedChangesTrigger";
import { pollChangesTrigger } from "./pollChangesTrigger";

export const triggers = { pollChangesTrigger, batchedChangesTrigger };
