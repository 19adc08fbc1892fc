/** Inputs the change triggers share. */
import { input } from "@prismatic-io/spectral";
import { oneOf } from "../inputs/clean";
import { booleanInput } from "../inputs/common";
import { RESOURCE_TYPES } from "./readers";

export const resourceType = input({
  label: "Resource Type",
  type: "string",
  required: true,
  default: "assets",
  model: [
    { label: "Assets", value: "assets" },
    { label: "Collections", value: "collections" },
    { label: "Campaigns", value: "campaigns" },
    { label: "Jobs", value: "jobs" },
    { label: "Orders", value: "orders" },
  ],
  comments:
    "The type of resource to poll for new and updated records. Orders have no modification date, so only new orders are reported.",
  example: "assets",
  clean: oneOf("Resource Type", RESOURCE_TYPES),
});

export const showNewRecords = booleanInput(
  "Show New Records",
  "Include newly created records (dateCreated after the previous poll) in `created`.",
  true,
);
export const showUpdatedRecords = booleanInput(
  "Show Updated Records",
  "Include records modified since the previous poll (created earlier) in `updated`. Orders are never reported as updated.",
  true,
);
export const showDeletedRecords = booleanInput(
  "Show Deleted Records",
  "Assets only: also report assets moved to Bynder's trash since the previous poll, in `deleted` (Bynder keeps them 30 days). Costs one more request per poll.",
  false,
);
