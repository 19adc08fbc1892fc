/** Workflow jobs: the jobs of campaigns, their media, and the presets they are created from. */
import { lists, pageWithHeaders, path, withQuery, type BynderClient } from "../client";
import {
  createdJob,
  deletedJob,
  job,
  jobList,
  jobMedia,
  jobPreset,
  paginationHeaders,
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
  withNamedFields,
} from "../inputs/workflow";
import { bynderAction } from "./bynderAction";

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

export const jobActions = {
  listJobs,
  listJobsByCampaign,
  getJob,
  createJob,
  updateJob,
  deleteJob,
  getJobPreset,
  getMediaOfJob,
};
