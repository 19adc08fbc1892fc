/**
 * Picklists of records behind the newer services: the quarantined uploads. Built on the helpers of
 * dataSources.ts.
 */
import { list, picklist, sortByLabel, str } from "./dataSources";
import { connection } from "./inputs/common";
import * as examples from "./examplePayloads/picklists";

export const selectQuarantinedAsset = picklist({
  label: "Select Quarantined Asset",
  description:
    "Select an upload held in Bynder's antivirus quarantine, by file name and scan status. Needs the antivirus.asset.audit:read scope.",
  inputs: { connection },
  example: examples.selectQuarantinedAsset,
  read: async (bynder) => {
    const entries = list(
      await bynder.get("/v7/quarantine/v1/assets"),
      "assets",
      "quarantined assets",
    );
    return sortByLabel(
      entries.map((entry) => ({
        key: str(entry.id),
        label: `${str(entry.assetName)} (${[str(entry.scanStatus), str(entry.reviewStatus)].filter(Boolean).join(", ")})`,
      })),
    );
  },
});

export const picklists = { selectQuarantinedAsset };
