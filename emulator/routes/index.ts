import type { Route } from "../router";
import type { BynderEmulator } from "../server";
import { analyticsRoutes } from "./analytics";
import { assetRoutes } from "./assets";
import { assetServiceRoutes } from "./assetServices";
import { collectionRoutes } from "./collections";
import { metadataRoutes } from "./metadata";
import { oauthRoutes } from "./oauth";
import { orderRoutes } from "./orders";
import { quarantineRoutes } from "./quarantine";
import { uploadRoutes } from "./upload";
import { userRoutes } from "./users";
import { workflowRoutes } from "./workflow";

/** Every route the emulator serves, by Bynder API family. */
export const allRoutes = (emulator: BynderEmulator): Route[] => [
  ...oauthRoutes(emulator),
  ...metadataRoutes(emulator),
  // Before the asset routes: POST /api/v4/media/save must not be taken for "modify asset `save`".
  ...uploadRoutes(emulator),
  ...assetRoutes(emulator),
  ...collectionRoutes(emulator),
  ...userRoutes(emulator),
  ...orderRoutes(emulator),
  ...workflowRoutes(emulator),
  ...analyticsRoutes(emulator),
  ...quarantineRoutes(emulator),
  ...assetServiceRoutes(emulator),
];
