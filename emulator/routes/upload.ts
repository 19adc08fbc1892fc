import type { Route } from "../router";
import type { BynderEmulator } from "../server";

export const uploadRoutes = (_emulator: BynderEmulator): Route[] => [];
