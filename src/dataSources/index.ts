/** Every picklist of the component: the portal's records, and records inside a chosen one. */
import { dependentPicklists } from "./dependent";
import { recordPicklists } from "./records";

export const dataSources = { ...recordPicklists, ...dependentPicklists };
