/**
 * Inputs of the workflow actions (campaigns, jobs, presets). Keys follow the incumbent component
 * (`responsibleID`, `campaignID`, `accountableID`, `presetID`); workflow ids are 8-4-4-4-12 (the
 * 32-hex form Bynder returns when it creates a campaign is accepted too).
 */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import { oneOf, optionalDate, requiredString, quoted } from "./clean";
import {
  dataInput,
  idInput,
  limitInput,
  optionalIdInput,
  PLACEHOLDERS,
  textInput,
  UUID_EXAMPLE,
} from "./common";

const requiredText = (label: string, comments: string, example: string) =>
  input({
    label,
    type: "string",
    required: true,
    comments,
    example,
    clean: requiredString(label),
  });

// ---------------------------------------------------------------- ids

export const campaignId = (comments: string) =>
  idInput({ label: "Campaign ID", comments, format: "uuid", dataSource: "selectCampaign" });

export const jobId = (comments: string) =>
  idInput({ label: "Job ID", comments, format: "uuid", dataSource: "selectJob" });

export const jobPresetId = idInput({
  label: "Job preset ID",
  comments: "The ID of the job preset (a job template with its stages) to retrieve.",
  format: "uuid",
});

const WORKFLOW_USER_NOTE =
  "This is a workflow user ID (see List Workflow Users), not an asset-bank user ID.";

export const responsibleID = idInput({
  label: "Responsible ID",
  comments: `The workflow user responsible for the campaign. ${WORKFLOW_USER_NOTE}`,
  format: "uuid",
  dataSource: "selectWorkflowUser",
});

const accountableComments = `The workflow user accountable for the job. ${WORKFLOW_USER_NOTE}`;
export const accountableID = idInput({
  label: "Accountable ID",
  comments: accountableComments,
  format: "uuid",
  dataSource: "selectWorkflowUser",
});
export const optionalAccountableID = optionalIdInput({
  label: "Accountable ID",
  comments: `${accountableComments} Leave empty to keep the current one.`,
  format: "uuid",
  dataSource: "selectWorkflowUser",
});

const campaignOfJobComments = "The campaign the job belongs to.";
export const campaignID = idInput({
  label: "Campaign ID",
  comments: campaignOfJobComments,
  format: "uuid",
  dataSource: "selectCampaign",
});
export const optionalCampaignID = optionalIdInput({
  label: "Campaign ID",
  comments: `${campaignOfJobComments} Leave empty to keep the current one; give another campaign's ID to move the job.`,
  format: "uuid",
  dataSource: "selectCampaign",
});

export const presetID = idInput({
  label: "Preset ID",
  comments:
    "The job preset the job is created from; the job gets the preset's stages unless Data gives its own stages.",
  format: "uuid",
});

// ---------------------------------------------------------------- campaign fields

export const campaignName = requiredText("Name", "The name of the campaign.", "Spring Launch");

export const campaignKey = input({
  label: "Key",
  type: "string",
  required: true,
  comments: "The campaign's short code: exactly 4 characters, e.g. SPRI.",
  example: "SPRI",
  clean: (value: unknown): string => {
    const key = requiredString("Key")(value);
    if ([...key].length !== 4) {
      throw new InputError(`Key must be exactly 4 characters; got ${quoted(key)}.`);
    }
    return key;
  },
});

export const campaignDescription = requiredText(
  "Description",
  "The description of the campaign.",
  "Launch of the spring collection across web, print and social.",
);

export const campaignData = dataInput(
  "More campaign fields as Bynder names them: dateStart and deadline (ISO 8601 dates), closed (true/false) and campaignMetaproperties ({metapropertyId: value}). The named inputs above take precedence over the same fields here.",
  { dateStart: "2025-03-01T00:00:00", deadline: "2025-05-31T00:00:00" },
);

// ---------------------------------------------------------------- job fields

export const jobName = requiredText("Name", "The name of the job.", "Spring flyer");
export const optionalJobName = textInput(
  "Name",
  "The new name of the job. Leave empty to keep the current one.",
  "Spring flyer",
);
export const jobDescription = textInput(
  "Description",
  "The description of the job. Leave empty to send none.",
  "A5 flyer for the spring launch",
);
export const optionalJobDescription = textInput(
  "Description",
  "The new description of the job. Leave empty to keep the current one.",
  "A5 flyer for the spring launch",
);

export const createJobData = dataInput(
  "More job fields as Bynder names them: deadline (ISO 8601 date), jobMetaproperties ({metapropertyId: value}) and stages ([{name, description, responsibleID, deadline, preset_stage_id}], replacing the preset's stages). The named inputs above take precedence over the same fields here.",
  { deadline: "2025-12-31", stages: [{ name: "Stage 1" }, { name: "Stage 2" }] },
);

export const updateJobData = dataInput(
  "More job fields as Bynder names them: deadline, jobMetaproperties, and activeStage, nextStage or previousStage ({id, status, deadline}) to move the job through its stages. The named inputs above take precedence over the same fields here.",
  { deadline: "2025-12-31", activeStage: { id: UUID_EXAMPLE, status: "Active" } },
);

/** Bynder does not document a maximum page size for jobs; 1,000 keeps a page reasonable. */
export const jobsLimit = limitInput(
  1000,
  "Jobs per page, at most 1,000; empty uses Bynder's default page size.",
);

/**
 * The request body: the Data JSON first, then each named input that has a value, so a named input
 * overrides the same field in Data (as the incumbent component did) while empty ones leave Data's
 * value alone.
 */
export const withNamedFields = (
  data: Record<string, unknown>,
  named: Record<string, unknown>,
): Record<string, unknown> => ({
  ...data,
  ...Object.fromEntries(Object.entries(named).filter(([, value]) => value !== undefined)),
});

// ---------------------------------------------------------------- job stages

export const STAGE_MOVES = ["next", "previous", "stage"] as const;

export const stageMove = input({
  label: "Move To",
  type: "string",
  required: true,
  comments:
    "Where the job goes: its next stage (the current one counts as approved), its previous stage (e.g. to rework), or the stage chosen in Stage ID.",
  default: "next",
  example: "next",
  model: [
    { label: "The next stage", value: "next" },
    { label: "The previous stage", value: "previous" },
    { label: "The stage in Stage ID", value: "stage" },
  ],
  clean: oneOf("Move To", STAGE_MOVES),
});

export const jobStageId = optionalIdInput({
  label: "Stage ID",
  comments:
    "The stage to move the job to, one of the job's own stages (the list follows Job ID). Only with Move To: The stage in Stage ID.",
  format: "uuid",
  dataSource: "selectJobStage",
});

export const STAGE_STATUSES = ["Active", "NeedsChanges"] as const;

export const stageStatus = input({
  label: "Stage Status",
  type: "string",
  required: false,
  comments:
    "The status of the stage the job moves to: Active, or NeedsChanges when sending work back.",
  default: "Active",
  example: "Active",
  model: STAGE_STATUSES.map((status) => ({ label: status, value: status })),
  clean: oneOf("Stage Status", STAGE_STATUSES, "Active"),
});

export const stageDeadline = input({
  label: "Stage Deadline",
  type: "string",
  required: false,
  comments: "A deadline for the stage the job moves to (ISO 8601). Empty leaves it as it is.",
  example: "2025-06-30T17:00:00Z",
  placeholder: PLACEHOLDERS.date,
  clean: optionalDate("Stage Deadline"),
});
