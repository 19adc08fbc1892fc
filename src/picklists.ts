/**
 * Picklists of records inside another record or behind a newer service: a job's stages (the job
 * chosen in Job ID) and the quarantined uploads. Built on the helpers of dataSources.ts.
 */
import { input } from "@prismatic-io/spectral";
import { path } from "./client";
import { list, picklist, sortByLabel, str } from "./dataSources";
import { requiredId } from "./inputs/clean";
import { connection, PLACEHOLDERS, UUID_EXAMPLE } from "./inputs/common";
import * as examples from "./examplePayloads/picklists";

const jobId = input({
  label: "Job ID",
  type: "string",
  required: true,
  comments: "The job whose stages are listed.",
  example: UUID_EXAMPLE,
  placeholder: PLACEHOLDERS.uuid,
  dataSource: "selectJob",
  clean: requiredId("Job ID", "uuid"),
});

export const selectJobStage = picklist({
  label: "Select Job Stage",
  description:
    "Select a stage of the job chosen in Job ID, labelled with its position, name and status.",
  inputs: { connection, jobId },
  example: examples.selectJobStage,
  read: async (bynder, params) => {
    const stages = list(
      await bynder.get(path`/api/workflow/jobs/${String(params.jobId)}/stages/`),
      "stages",
      "job stages",
    );
    // Stages keep their order: by position, not by the alphabet.
    return [...stages]
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((stage) => ({
        key: str(stage.id),
        label: `${str(stage.position)}. ${str(stage.name)} (${str(stage.status)})`,
      }));
  },
});

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

export const picklists = { selectJobStage, selectQuarantinedAsset };
