/** Workflow campaigns (`/api/workflow/campaigns`): list, get, create, update, delete, close. */
import { route, type Handler, type Route } from "../context";
import { json, noContent } from "../http";
import type { Campaign, Portal } from "../portal";
import { isoNoZone, isoOffset } from "../util";
import {
  actingUser,
  bad,
  booleanField,
  dashless,
  dateField,
  derivedId,
  findCampaign,
  jsonBody,
  metapropertiesField,
  offsetOrNull,
  required,
  requiredText,
  workflowUserRef,
  type Body,
} from "../workflow";

const READ = "workflow.campaign:read";
const WRITE = "workflow.campaign:write";
const BASE = "/api/workflow/campaigns";

const campaignView = (portal: Portal, c: Campaign) => ({
  ID: c.ID,
  name: c.name,
  key: c.key,
  closed: c.closed,
  description: c.description,
  dateStart: offsetOrNull(c.dateStart),
  deadline: c.deadline == null ? null : isoNoZone(c.deadline),
  accountID: derivedId("account", portal.account.name),
  presetID: c.presetID || null,
  createdByID: c.createdByID,
  responsibleID: c.responsibleID,
  dateCreated: isoOffset(c.dateCreated),
  dateModified: isoOffset(c.dateModified),
  thumbnailURL: `https://acme-cdn.example/workflow/campaign/${c.ID}/500x500.jpg`,
  campaignMetaproperties: { ...c.campaignMetaproperties },
});

const campaignFields = (portal: Portal, body: Body) => {
  const key = requiredText(body, "key");
  if ([...key].length !== 4) throw bad(`key must be exactly 4 characters; got "${key}".`);
  return {
    name: requiredText(body, "name"),
    key,
    description: requiredText(body, "description"),
    responsibleID: required(workflowUserRef(portal, body, "responsibleID"), "responsibleID"),
    dateStart: dateField(body, "dateStart"),
    deadline: dateField(body, "deadline"),
    closed: booleanField(body, "closed"),
    campaignMetaproperties: metapropertiesField(body, "campaignMetaproperties"),
  };
};

const listCampaigns: Handler = (_req, { portal }) =>
  json(
    200,
    [...portal.campaigns.values()]
      .sort((a, b) => a.dateCreated - b.dateCreated || (a.ID < b.ID ? -1 : 1))
      .map((c) => campaignView(portal, c)),
  );

const getCampaign: Handler = (req, { portal }) =>
  json(200, campaignView(portal, findCampaign(portal, req.params.id)));

const createCampaign: Handler = (req, { portal }) => {
  const fields = campaignFields(portal, jsonBody(req));
  const now = portal.now();
  const ID = portal.uuid();
  portal.campaigns.set(ID, {
    ID,
    name: fields.name,
    key: fields.key,
    description: fields.description,
    responsibleID: fields.responsibleID,
    createdByID: actingUser(req, portal),
    presetID: "",
    dateStart: fields.dateStart ?? null,
    deadline: fields.deadline ?? null,
    dateCreated: now,
    dateModified: now,
    closed: fields.closed ?? false,
    campaignMetaproperties: fields.campaignMetaproperties ?? {},
  });
  return json(
    201,
    { id: dashless(ID) },
    { Location: `${req.baseUrl}/api/workflow/campaigns/${ID}/` },
  );
};

const updateCampaign: Handler = (req, { portal }) => {
  const campaign = findCampaign(portal, req.params.id);
  // Like Bynder's SDKs, an update sends the campaign's name, key, description and
  // responsibleID every time; the optional fields change only when present.
  const fields = campaignFields(portal, jsonBody(req));
  campaign.name = fields.name;
  campaign.key = fields.key;
  campaign.description = fields.description;
  campaign.responsibleID = fields.responsibleID;
  if (fields.dateStart !== undefined) campaign.dateStart = fields.dateStart;
  if (fields.deadline !== undefined) campaign.deadline = fields.deadline;
  if (fields.closed !== undefined) campaign.closed = fields.closed;
  if (fields.campaignMetaproperties) {
    campaign.campaignMetaproperties = fields.campaignMetaproperties;
  }
  portal.touch(campaign);
  return json(201, { id: dashless(campaign.ID) });
};

const deleteCampaign: Handler = (req, { portal }) => {
  const campaign = findCampaign(portal, req.params.id);
  portal.campaigns.delete(campaign.ID);
  // A job cannot outlive its campaign (assumption: Bynder removes them together).
  for (const job of [...portal.jobs.values()]) {
    if (job.campaignID === campaign.ID) portal.jobs.delete(job.id);
  }
  return noContent();
};

/**
 * Close: Bynder's reference documents POST /campaigns/{id}; Prismatic's component (and older
 * clients) use POST /campaigns/{id}/close. Both close the campaign; neither takes a body.
 */
const closeCampaign: Handler = (req, { portal }) => {
  const campaign = findCampaign(portal, req.params.id);
  campaign.closed = true;
  portal.touch(campaign);
  return noContent();
};

export const campaignRoutes: Route[] = [
  route("GET", BASE, READ, listCampaigns),
  route("GET", `${BASE}/:id`, READ, getCampaign),
  route("POST", BASE, WRITE, createCampaign),
  route("PUT", `${BASE}/:id`, WRITE, updateCampaign),
  route("DELETE", `${BASE}/:id`, WRITE, deleteCampaign),
  route("POST", `${BASE}/:id`, WRITE, closeCampaign),
  route("POST", `${BASE}/:id/close`, WRITE, closeCampaign),
];
