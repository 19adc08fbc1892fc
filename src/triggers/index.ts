import { pollChangesTrigger } from "./pollChangesTrigger";

export const triggers = { pollChangesTrigger };
