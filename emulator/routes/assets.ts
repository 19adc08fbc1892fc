import type { Route } from "../router";
import type { BynderEmulator } from "../server";

export const assetRoutes = (_emulator: BynderEmulator): Route[] => [];
