import type { Route } from "../router";
import type { BynderEmulator } from "../server";

export const collectionRoutes = (_emulator: BynderEmulator): Route[] => [];
