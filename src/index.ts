import { component } from "@prismatic-io/spectral";
import { accountActions } from "./actions/account";
import { analyticsActions } from "./actions/analytics";
import { assetActions } from "./actions/assets";
import { assetServiceActions } from "./actions/assetServices";
import { campaignActions } from "./actions/campaigns";
import { collectionActions } from "./actions/collections";
import { downloadActions } from "./actions/downloads";
import { jobFileActions } from "./actions/jobFiles";
import { jobActions } from "./actions/jobs";
import { assetMetapropertyActions } from "./actions/assetMetaproperties";
import { metapropertyActions } from "./actions/metaproperties";
import { metapropertyManagementActions } from "./actions/metapropertyManagement";
import { miscActions } from "./actions/misc";
import { orderActions } from "./actions/orders";
import { tagActions } from "./actions/tags";
import { quarantineActions } from "./actions/quarantine";
import { uploadActions } from "./actions/upload";
import { usageActions } from "./actions/usage";
import { userActions } from "./actions/users";
import { webhookActions } from "./actions/webhooks";
import { handleBynderErrors } from "./client/hooks";
import { connections } from "./connections";
import { dataSources } from "./dataSources";
import { triggers } from "./triggers";

export default component({
  key: "bynder",
  public: false,
  display: {
    label: "Bynder",
    description:
      "Manage assets, collections, campaigns, jobs, users and orders in Bynder, upload files in one step, and react to changes.",
    iconPath: "icon.png",
    category: "Asset Management",
  },
  connections,
  triggers,
  dataSources,
  actions: {
    ...accountActions,
    ...assetActions,
    ...downloadActions,
    ...tagActions,
    ...metapropertyActions,
    ...metapropertyManagementActions,
    ...assetMetapropertyActions,
    ...usageActions,
    ...collectionActions,
    ...campaignActions,
    ...jobActions,
    ...jobFileActions,
    ...userActions,
    ...orderActions,
    ...uploadActions,
    ...assetServiceActions,
    ...analyticsActions,
    ...quarantineActions,
    ...webhookActions,
    ...miscActions,
  },
  hooks: { error: handleBynderErrors },
});
