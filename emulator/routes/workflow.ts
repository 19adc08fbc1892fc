import type { Route } from "../router";
import type { BynderEmulator } from "../server";

export const workflowRoutes = (_emulator: BynderEmulator): Route[] => [];
