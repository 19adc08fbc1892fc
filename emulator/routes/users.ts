import type { Route } from "../router";
import type { BynderEmulator } from "../server";

export const userRoutes = (_emulator: BynderEmulator): Route[] => [];
