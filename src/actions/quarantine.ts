/**
 * Antivirus quarantine (`/v7/quarantine/v1`): uploads Bynder's virus scan held back, and their
 * review. Not on every Bynder plan; needs the antivirus.asset.audit:read / :write scopes, which the
 * default Scopes do not include, and a user with the "Audit quarantined assets" permission. Paths
 * are exactly as documented (no trailing slash): the /v7 services are not known to accept one.
 */
import { path } from "../client";
import { quarantinedAsset, quarantinedAssets, reviewed } from "../examplePayloads/quarantine";
import { connection } from "../inputs/common";
import { quarantinedAssetId, quarantinedAssetIds, reviewStatus } from "../inputs/quarantine";
import { bynderAction } from "./bynderAction";
import { onPlanFeature, requireScope } from "./requirements";

const FEATURE = "Antivirus quarantine";
const SCOPE_NOTE =
  "Needs the antivirus.asset.audit:read scope on the connection, which the default Scopes do not include.";

export const listQuarantinedAssets = bynderAction({
  display: {
    label: "List Quarantined Assets",
    description: `Retrieve the uploads Bynder's antivirus scan holds in quarantine, with their scan and review status. ${SCOPE_NOTE}`,
  },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: quarantinedAssets },
  run: (bynder, { connection }) => {
    requireScope(connection, "antivirus.asset.audit:read", "List Quarantined Assets");
    return onPlanFeature("List Quarantined Assets", FEATURE, () =>
      bynder.get<typeof quarantinedAssets>(path`/v7/quarantine/v1/assets`),
    );
  },
});

export const getQuarantinedAsset = bynderAction({
  display: {
    label: "Get Quarantined Asset",
    description: `Retrieve one quarantined upload with its scan and review status. ${SCOPE_NOTE}`,
  },
  inputs: { id: quarantinedAssetId("The quarantined upload to retrieve."), connection },
  performSafety: "safe",
  examplePayload: { data: quarantinedAsset },
  run: (bynder, { id, connection }) => {
    requireScope(connection, "antivirus.asset.audit:read", "Get Quarantined Asset");
    return onPlanFeature("Get Quarantined Asset", FEATURE, () =>
      bynder.get<typeof quarantinedAsset>(path`/v7/quarantine/v1/assets/${id}`),
    );
  },
});

export const reviewQuarantinedAssets = bynderAction({
  display: {
    label: "Review Quarantined Assets",
    description:
      "Approve or deny quarantined uploads: one entry, or many in one call. Needs the antivirus.asset.audit:write scope on the connection, which the default Scopes do not include.",
  },
  inputs: { ids: quarantinedAssetIds, reviewStatus, connection },
  performSafety: "notAllowed",
  examplePayload: { data: reviewed },
  run: (bynder, { ids, reviewStatus, connection }) => {
    requireScope(connection, "antivirus.asset.audit:write", "Review Quarantined Assets");
    return onPlanFeature("Review Quarantined Assets", FEATURE, () =>
      ids.length === 1
        ? bynder.putJson<typeof reviewed>(path`/v7/quarantine/v1/assets/${ids[0]}`, {
            data: { review_status: reviewStatus },
          })
        : bynder.postJson<typeof reviewed>(path`/v7/quarantine/v1/antivirus-audit`, {
            data: { antivirus_asset_ids: ids, review_status: reviewStatus },
          }),
    );
  },
});

export const quarantineActions = {
  listQuarantinedAssets,
  getQuarantinedAsset,
  reviewQuarantinedAssets,
};
