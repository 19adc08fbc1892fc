/** Workflow campaigns, and the workflow users that campaigns and jobs refer to. */
import type { ActionInputParameters } from "@prismatic-io/spectral";
import { path } from "../client";
import {
  campaign,
  campaignList,
  closedCampaign,
  createdCampaign,
  deletedCampaign,
  updatedCampaign,
  workflowUsers,
} from "../examplePayloads/campaigns";
import { connection } from "../inputs/common";
import {
  campaignData,
  campaignDescription,
  campaignId,
  campaignKey,
  campaignName,
  responsibleID,
  withNamedFields,
} from "../inputs/workflow";
import { bynderAction } from "./bynderAction";

export const listCampaigns = bynderAction({
  display: { label: "List Campaigns", description: "Retrieve all campaigns" },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: campaignList },
  run: (bynder) => bynder.get<typeof campaignList>(path`/api/workflow/campaigns/`),
});

export const getCampaign = bynderAction({
  display: { label: "Get Campaign", description: "Retrieve a specific campaign" },
  inputs: { id: campaignId("The ID of the campaign to retrieve."), connection },
  performSafety: "safe",
  examplePayload: { data: campaign },
  run: (bynder, { id }) =>
    bynder.get<typeof campaign>(path`/api/workflow/campaigns/${id}/`, {}, "object"),
});

/** The fields Create Campaign and Update Campaign both take. */
const campaignFields = {
  name: campaignName,
  key: campaignKey,
  description: campaignDescription,
  responsibleID,
  bodyData: campaignData,
};

/** The JSON body both send: Data, with the named fields that are set over it. */
const campaignBody = ({
  name,
  key,
  description,
  responsibleID,
  bodyData,
}: ActionInputParameters<typeof campaignFields>) =>
  withNamedFields(bodyData, { name, key, description, responsibleID });

export const createCampaign = bynderAction({
  display: {
    label: "Create Campaign",
    description: "Create a new campaign; Bynder returns its ID (32 hex digits, without dashes)",
  },
  inputs: { ...campaignFields, connection },
  performSafety: "notAllowed",
  examplePayload: { data: createdCampaign },
  run: (bynder, fields) =>
    bynder.postJson<typeof createdCampaign>(path`/api/workflow/campaigns/`, campaignBody(fields)),
});

export const updateCampaign = bynderAction({
  display: {
    label: "Update Campaign",
    description:
      "Edit an existing campaign; Bynder expects its name, key, description and responsible user every time",
  },
  inputs: { id: campaignId("The ID of the campaign to update."), ...campaignFields, connection },
  performSafety: "notAllowed",
  examplePayload: { data: updatedCampaign },
  run: (bynder, { id, ...fields }) =>
    bynder.putJson<typeof updatedCampaign>(
      path`/api/workflow/campaigns/${id}/`,
      campaignBody(fields),
    ),
});

export const deleteCampaign = bynderAction({
  display: { label: "Delete Campaign", description: "Delete an existing campaign" },
  inputs: { id: campaignId("The ID of the campaign to delete."), connection },
  performSafety: "notAllowed",
  examplePayload: { data: deletedCampaign },
  run: (bynder, { id }) => bynder.delete<string>(path`/api/workflow/campaigns/${id}/`),
});

/**
 * Closing keeps the campaign (and its jobs) but marks it closed. Bynder's API reference documents
 * it as POST /api/workflow/campaigns/{id} with no body (bynder-api.md §4.4, §9 item 1); Prismatic's
 * component posts to …/{id}/close instead, a path the reference does not list. Where the two
 * disagree we follow Bynder's documentation.
 */
export const closeCampaign = bynderAction({
  display: {
    label: "Close Campaign",
    description: "Close an existing campaign (it is kept, marked closed; nothing is deleted)",
  },
  inputs: { id: campaignId("The ID of the campaign to close."), connection },
  performSafety: "notAllowed",
  examplePayload: { data: closedCampaign },
  run: async (bynder, { id }) =>
    (await bynder.request<string>({ method: "POST", path: path`/api/workflow/campaigns/${id}/` }))
      .data,
});

export const listWorkflowUsers = bynderAction({
  display: {
    label: "List Workflow Users",
    description:
      "The ids that campaigns and jobs take as responsible or accountable users, with each user's name and email",
  },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: workflowUsers },
  run: (bynder) => bynder.get<typeof workflowUsers>(path`/api/workflow/users/`),
});

export const campaignActions = {
  listCampaigns,
  getCampaign,
  createCampaign,
  updateCampaign,
  deleteCampaign,
  closeCampaign,
  listWorkflowUsers,
};
