import type { Route } from "../router";
import type { BynderEmulator } from "../server";
import { assetRoutes } from "./assets";
import { collectionRoutes } from "./collections";
import { metadataRoutes } from "./metadata";
import { metapropertyAdminRoutes } from "./metapropertyAdmin";
import { oauthRoutes } from "./oauth";
import { orderRoutes } from "./orders";
import { uploadRoutes } from "./upload";
import { userRoutes } from "./users";
import { workflowRoutes } from "./workflow";

/** Every route the emulator serves, by Bynder API family. */
export const allRoutes = (emulator: BynderEmulator): Route[] => [
  ...oauthRoutes(emulator),
  ...metadataRoutes(emulator),
  ...metapropertyAdminRoutes,
  // Before the asset routes: POST /api/v4/media/save must not be taken for "modify asset `save`".
  ...uploadRoutes(emulator),
  ...assetRoutes(emulator),
  ...collectionRoutes(emulator),
  ...userRoutes(emulator),
  ...orderRoutes(emulator),
  ...workflowRoutes(emulator),
];
