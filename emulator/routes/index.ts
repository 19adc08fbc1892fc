/**
 * Every route the emulator serves: one line per route file. The router ranks literal path
 * segments above parameters, so the order of this list does not matter.
 */
import type { Route } from "../context";
import { accountRoutes } from "./account";
import { assetOptionRoutes } from "./assetOptions";
import { campaignRoutes } from "./campaigns";
import { collectionRoutes } from "./collections";
import { downloadRoutes } from "./downloads";
import { fileRoutes } from "./files";
import { jobRoutes } from "./jobs";
import { mediaRoutes } from "./media";
import { metapropertyAdminRoutes } from "./metapropertyAdmin";
import { metapropertyRoutes } from "./metaproperties";
import { oauthRoutes } from "./oauth";
import { orderRoutes } from "./orders";
import { presetRoutes } from "./presets";
import { saveRoutes } from "./save";
import { tagRoutes } from "./tags";
import { transformRoutes } from "./transform";
import { trashRoutes } from "./trash";
import { uploadRoutes } from "./upload";
import { usageRoutes } from "./usage";
import { userRoutes } from "./users";
import { webhookRoutes } from "./webhooks";
import { workflowUserRoutes } from "./workflowUsers";

export const allRoutes: readonly Route[] = [
  ...accountRoutes,
  ...assetOptionRoutes,
  ...campaignRoutes,
  ...collectionRoutes,
  ...downloadRoutes,
  ...fileRoutes,
  ...jobRoutes,
  ...mediaRoutes,
  ...metapropertyRoutes,
  ...metapropertyAdminRoutes,
  ...oauthRoutes,
  ...orderRoutes,
  ...presetRoutes,
  ...saveRoutes,
  ...tagRoutes,
  ...transformRoutes,
  ...trashRoutes,
  ...uploadRoutes,
  ...usageRoutes,
  ...userRoutes,
  ...webhookRoutes,
  ...workflowUserRoutes,
];
