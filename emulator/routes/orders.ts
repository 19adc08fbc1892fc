import type { Route } from "../router";
import type { BynderEmulator } from "../server";

export const orderRoutes = (_emulator: BynderEmulator): Route[] => [];
