/** Workflow jobs: the jobs of campaigns, their media, and the presets they are created from. */
import {
  BynderError,
  bynderDate,
  InputError,
  lists,
  pageWithHeaders,
  path,
  withQuery,
  type BynderClient,
} from "../client";
import {
  createdJob,
  deletedJob,
  job,
  jobList,
  jobMedia,
  jobPreset,
  paginationHeaders,
  finishedJob,
  jobStages,
  updatedJob,
} from "../examplePayloads/jobs";
import { connection, extraParams, page } from "../inputs/common";
import {
  accountableID,
  campaignId,
  campaignID,
  createJobData,
  jobDescription,
  jobId,
  jobName,
  jobPresetId,
  jobsLimit,
  optionalAccountableID,
  optionalCampaignID,
  optionalJobDescription,
  optionalJobName,
  presetID,
  updateJobData,
  jobStageId,
  stageDeadline,
  stageMove,
  stageStatus,
  withNamedFields,
} from "../inputs/workflow";
import { bynderAction } from "./bynderAction";
import { requireScope } from "./requirements";

type Job = (typeof jobList)[number];

/**
 * One page of jobs with Bynder's X-Pagination-* headers (total records and pages, page, limit),
 * returned as `{ data, headers }` like the incumbent component. Extra Parameters carry Bynder's
 * filters (dateModifiedFrom, status, accountableIDs, orderBy, …); Page and Limit win over them.
 */
const pageOfJobs = async (
  bynder: BynderClient,
  params: {
    page?: number;
    limit?: number;
    extraParams: Record<string, string>;
  },
  jobsPath: string,
) => {
  const list = { ...withQuery(lists.jobs, params.extraParams), path: jobsPath };
  return pageWithHeaders<Job>(bynder, list, params.page, params.limit);
};

const listInputs = { page, limit: jobsLimit, extraParams };

export const listJobs = bynderAction({
  display: {
    label: "List Jobs",
    description:
      "Retrieve a page of jobs, with Bynder's pagination headers; Extra Parameters take Bynder's filters",
  },
  inputs: { ...listInputs, connection },
  performSafety: "safe",
  examplePayload: { data: jobList, headers: paginationHeaders },
  runResult: (bynder, params) => pageOfJobs(bynder, params, path`/api/workflow/jobs/`),
});

export const listJobsByCampaign = bynderAction({
  display: {
    label: "List Jobs By Campaign",
    description: "Retrieve a page of the jobs of one campaign, with Bynder's pagination headers",
  },
  inputs: {
    id: campaignId("The ID of the campaign whose jobs to retrieve."),
    ...listInputs,
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: jobList, headers: paginationHeaders },
  runResult: (bynder, params) =>
    pageOfJobs(bynder, params, path`/api/workflow/campaigns/${params.id}/jobs/`),
});

export const getJob = bynderAction({
  display: { label: "Get Job", description: "Retrieve a job by ID" },
  inputs: { id: jobId("The ID of the job to retrieve."), connection },
  performSafety: "safe",
  examplePayload: { data: job },
  run: (bynder, { id }) => bynder.get<Job>(path`/api/workflow/jobs/${id}/`, {}, "object"),
});

export const createJob = bynderAction({
  display: {
    label: "Create Job",
    description: "Create a new job in a campaign from a job preset",
  },
  inputs: {
    name: jobName,
    campaignID,
    accountableID,
    presetID,
    description: jobDescription,
    bodyData: createJobData,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: createdJob },
  run: (bynder, { name, campaignID, accountableID, presetID, description, bodyData }) =>
    bynder.postJson<typeof createdJob>(
      path`/api/workflow/jobs/`,
      withNamedFields(bodyData, { name, campaignID, accountableID, presetID, description }),
    ),
});

export const updateJob = bynderAction({
  display: {
    label: "Update Job",
    description: "Edit an existing job; only the fields given are changed",
  },
  inputs: {
    id: jobId("The ID of the job to update."),
    name: optionalJobName,
    campaignID: optionalCampaignID,
    accountableID: optionalAccountableID,
    description: optionalJobDescription,
    bodyData: updateJobData,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: updatedJob },
  run: (bynder, { id, name, campaignID, accountableID, description, bodyData }) =>
    bynder.putJson<typeof updatedJob>(
      path`/api/workflow/jobs/${id}/`,
      withNamedFields(bodyData, { name, campaignID, accountableID, description }),
    ),
});

export const deleteJob = bynderAction({
  display: { label: "Delete Job", description: "Delete an existing job" },
  inputs: { id: jobId("The ID of the job to delete."), connection },
  performSafety: "notAllowed",
  examplePayload: { data: deletedJob },
  run: (bynder, { id }) => bynder.delete<string>(path`/api/workflow/jobs/${id}/`),
});

export const getJobPreset = bynderAction({
  display: {
    label: "Get Job Preset",
    description: "Retrieve a job preset by ID, with its stages",
  },
  inputs: { id: jobPresetId, connection },
  performSafety: "safe",
  examplePayload: { data: jobPreset },
  run: (bynder, { id }) =>
    bynder.get<typeof jobPreset>(path`/api/workflow/presets/job/${id}/`, {}, "object"),
});

export const getMediaOfJob = bynderAction({
  display: {
    label: "Get Media of Job",
    description: "Retrieve the files attached to an existing job",
  },
  inputs: { id: jobId("The ID of the job whose media to retrieve."), connection },
  performSafety: "safe",
  examplePayload: { data: jobMedia },
  run: (bynder, { id }) => bynder.get<typeof jobMedia>(path`/api/workflow/jobs/${id}/media/`),
});

export const listJobStages = bynderAction({
  display: {
    label: "List Job Stages",
    description: "Retrieve the stages of a job in order, with each one's status and responsible",
  },
  inputs: { id: jobId("The ID of the job whose stages to retrieve."), connection },
  performSafety: "safe",
  examplePayload: { data: jobStages },
  run: (bynder, { id }) => bynder.get<typeof jobStages>(path`/api/workflow/jobs/${id}/stages/`),
});

type StageRef = { id: string; position: number | string; status: string } | null;

/**
 * Moves a job through its stages with Modify job's previousStage/activeStage/nextStage, the way
 * the jobs API documents it: the target becomes active, the stage before it approved, the stage
 * after it idle. The job is read first, so the target is one of its own stages.
 */
export const updateJobStage = bynderAction({
  display: {
    label: "Update Job Stage",
    description:
      "Move a job to its next or previous stage, or to one of its stages, as Bynder's jobs API does it (the stage before becomes approved, the one after idle)",
  },
  inputs: {
    jobId: jobId("The ID of the job to move."),
    moveTo: stageMove,
    stageId: jobStageId,
    status: stageStatus,
    deadline: stageDeadline,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: updatedJob },
  run: async (bynder, { jobId, moveTo, stageId, status, deadline }) => {
    if (moveTo === "stage" && !stageId) {
      throw new InputError("Stage ID is required when Move To is The stage in Stage ID.");
    }
    if (moveTo !== "stage" && stageId) {
      throw new InputError("Stage ID applies only when Move To is The stage in Stage ID.");
    }
    const current = await bynder.get<{ job_stages?: StageRef[]; job_active_stage?: StageRef }>(
      path`/api/workflow/jobs/${jobId}/`,
    );
    const stages = (current.job_stages ?? [])
      .filter((stage): stage is NonNullable<StageRef> => Boolean(stage?.id))
      .sort((a, b) => Number(a.position) - Number(b.position));
    const active = stages.findIndex((stage) => stage.id === current.job_active_stage?.id);
    let target: number;
    if (moveTo === "stage") {
      target = stages.findIndex((stage) => stage.id.toLowerCase() === stageId!.toLowerCase());
      if (target < 0) {
        throw new InputError(`Stage ID ${stageId} is not a stage of job ${jobId}.`);
      }
    } else {
      target = active + (moveTo === "next" ? 1 : -1);
      if (active < 0 || target < 0 || target >= stages.length) {
        throw new BynderError(
          moveTo === "next"
            ? `Job ${jobId} is on its last stage: there is no next stage. Finish it with Finish Job.`
            : `Job ${jobId} is on its first stage: there is no previous stage.`,
        );
      }
    }
    const body: Record<string, unknown> = {
      activeStage: {
        id: stages[target].id,
        status,
        ...(deadline ? { deadline: bynderDate(deadline) } : {}),
      },
    };
    if (target > 0) body.previousStage = { id: stages[target - 1].id, status: "Approved" };
    if (target < stages.length - 1) body.nextStage = { id: stages[target + 1].id, status: "Idle" };
    return bynder.putJson<typeof updatedJob>(path`/api/workflow/jobs/${jobId}/`, body);
  },
});

export const finishJob = bynderAction({
  display: {
    label: "Finish Job",
    description:
      "Finish a job that is on its last stage. Needs the workflow.job:approve scope on the connection, which the default Scopes do not include.",
  },
  inputs: { id: jobId("The ID of the job to finish."), connection },
  performSafety: "notAllowed",
  examplePayload: { data: finishedJob },
  run: async (bynder, { id, connection }) => {
    requireScope(connection, "workflow.job:approve", "Finish Job");
    try {
      return await bynder
        .request<typeof finishedJob>({
          method: "PATCH",
          path: path`/api/workflow/jobs/${id}/finish/`,
          json: {},
        })
        .then((response) => response.data);
    } catch (error) {
      if (error instanceof BynderError && error.status === 409) {
        const refusal = (error.body as { status?: unknown } | undefined)?.status;
        throw new BynderError(
          `${error.message}${typeof refusal === "string" ? ` (${refusal})` : ""}. Bynder finishes a job only once, and only from its last stage: move it there with Update Job Stage.`,
          409,
          error.method,
          error.path,
          error.body,
        );
      }
      throw error;
    }
  },
});

export const jobActions = {
  listJobs,
  listJobsByCampaign,
  getJob,
  createJob,
  updateJob,
  deleteJob,
  getJobPreset,
  getMediaOfJob,
  listJobStages,
  updateJobStage,
  finishJob,
};
