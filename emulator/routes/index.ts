/**
 * Every route the emulator serves: one line per route file. The router ranks literal path
 * segments above parameters, so the order of this list does not matter.
 */
import type { Route } from "../context";
import { accountRoutes } from "./account";
import { analyticsRoutes } from "./analytics";
import { assetOptionRoutes } from "./assetOptions";
import { assetServiceRoutes } from "./assetServices";
import { campaignRoutes } from "./campaigns";
import { collectionRoutes } from "./collections";
import { downloadRoutes } from "./downloads";
import { fileRoutes } from "./files";
import { jobFileRoutes } from "./jobFiles";
import { jobRoutes } from "./jobs";
import { jobStageRoutes } from "./jobStages";
import { mediaRoutes } from "./media";
import { metapropertyAdminRoutes } from "./metapropertyAdmin";
import { metapropertyRoutes } from "./metaproperties";
import { oauthRoutes } from "./oauth";
import { orderRoutes } from "./orders";
import { presetRoutes } from "./presets";
import { quarantineRoutes } from "./quarantine";
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
  ...analyticsRoutes,
  ...assetOptionRoutes,
  ...assetServiceRoutes,
  ...campaignRoutes,
  ...collectionRoutes,
  ...downloadRoutes,
  ...fileRoutes,
  ...jobFileRoutes,
  ...jobRoutes,
  ...jobStageRoutes,
  ...mediaRoutes,
  ...metapropertyRoutes,
  ...metapropertyAdminRoutes,
  ...oauthRoutes,
  ...orderRoutes,
  ...presetRoutes,
  ...quarantineRoutes,
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
