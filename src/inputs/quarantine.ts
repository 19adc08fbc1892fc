/** Inputs of the antivirus quarantine actions (`/v7/quarantine`). */
import { input } from "@prismatic-io/spectral";
import { idList, oneOf, requiredId } from "./clean";
import { PLACEHOLDERS, UUID_EXAMPLE } from "./common";

const ENTRY_NOTE =
  "The id of a quarantine entry (its id in List Quarantined Assets, 8-4-4-4-12), not the asset's v4 id.";

export const quarantinedAssetId = (comments: string) =>
  input({
    label: "Quarantined Asset ID",
    type: "string",
    required: true,
    comments: `${comments} ${ENTRY_NOTE}`,
    example: UUID_EXAMPLE,
    placeholder: PLACEHOLDERS.uuid,
    dataSource: "selectQuarantinedAsset",
    clean: requiredId("Quarantined Asset ID", "uuid"),
  });

export const quarantinedAssetIds = input({
  label: "Quarantined Asset IDs",
  type: "string",
  collection: "valuelist",
  required: true,
  comments: `The uploads to review: one id reviews one entry, several are reviewed in one call. ${ENTRY_NOTE}`,
  example: UUID_EXAMPLE,
  placeholder: PLACEHOLDERS.uuid,
  dataSource: "selectQuarantinedAsset",
  clean: idList("Quarantined Asset IDs", "uuid", { required: true }),
});

export const REVIEW_STATUSES = ["APPROVED", "DENIED"] as const;

export const reviewStatus = input({
  label: "Review Status",
  type: "string",
  required: true,
  comments:
    "APPROVED releases the uploads into the asset bank; DENIED keeps them out (Bynder then reports them as REJECTED).",
  default: "APPROVED",
  example: "APPROVED",
  model: [
    { label: "Approve", value: "APPROVED" },
    { label: "Deny", value: "DENIED" },
  ],
  clean: oneOf("Review Status", REVIEW_STATUSES),
});
