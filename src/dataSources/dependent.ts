/**
 * Picklists of records inside another record or behind a newer service: a job's stages (the job
 * chosen in Job ID), an order's lines (the order chosen in Order ID) and the quarantined uploads. Built on the helpers of picklist.ts.
 */
import { input } from "@prismatic-io/spectral";
import { path, readAll } from "../client";
import { picklist, sortByLabel, str } from "./picklist";
import { requiredId } from "../inputs/clean";
import { connection, PLACEHOLDERS, UUID_EXAMPLE } from "../inputs/common";
import * as examples from "../examplePayloads/picklists";

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
    const stages = await readAll(bynder, {
      what: "job stages",
      path: path`/api/workflow/jobs/${String(params.jobId)}/stages/`,
    });
    // Stages keep their order: by position, not by the alphabet.
    return [...stages]
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((stage) => ({
        key: str(stage.id),
        label: `${str(stage.position)}. ${str(stage.name)} (${str(stage.status)})`,
      }));
  },
});

const orderId = input({
  label: "Order ID",
  type: "string",
  required: true,
  comments: "The order whose lines are listed.",
  example: "8c1f3e52-7a4d-4b9e-9c2a-5d6e7f8a9b0c",
  dataSource: "selectOrder",
  clean: requiredId("Order ID", "segment"),
});

export const selectOrderLine = picklist({
  label: "Select Order Line",
  description:
    "Select a line (product) of the order chosen in Order ID, labelled with its product and quantity.",
  inputs: { connection, orderId },
  example: examples.selectOrderLine,
  read: async (bynder, params) => {
    const lines = await readAll(bynder, {
      what: "order lines",
      path: path`/api/store/order/${String(params.orderId)}/products/`,
    });
    return lines.map((line) => {
      const product = (line.product ?? {}) as Record<string, unknown>;
      const name = str(line.name) || str(product.name) || str(line.id);
      return { key: str(line.id), label: `${name} × ${str(line.quantity)}` };
    });
  },
});

export const selectQuarantinedAsset = picklist({
  label: "Select Quarantined Asset",
  description:
    "Select an upload held in Bynder's antivirus quarantine, by file name and scan status. Needs the antivirus.asset.audit:read scope.",
  inputs: { connection },
  example: examples.selectQuarantinedAsset,
  read: async (bynder) => {
    const entries = await readAll(bynder, {
      what: "quarantined assets",
      path: "/v7/quarantine/v1/assets",
      records: "assets",
    });
    return sortByLabel(
      entries.map((entry) => ({
        key: str(entry.id),
        label: `${str(entry.assetName)} (${[str(entry.scanStatus), str(entry.reviewStatus)].filter(Boolean).join(", ")})`,
      })),
    );
  },
});

export const dependentPicklists = { selectJobStage, selectOrderLine, selectQuarantinedAsset };
