/**
 * Workflow jobs (`/api/workflow/jobs`): the list (also per campaign) with X-Pagination headers,
 * get, create from a preset, update with stage changes, delete, and a job's media.
 */
import { route, type Handler, type Route } from "../context";
import { json, noContent, second, type EmulatorRequest, type EmulatorResponse } from "../http";
import { orientationOf } from "../fileTypes";
import type { Campaign, Job, JobPreset, JobStage, Portal } from "../portal";
import { isoOffset, parseFilterDate, uuid } from "../util";
import {
  actingUser,
  bad,
  dateField,
  findCampaign,
  findJob,
  jsonBody,
  metapropertiesField,
  normaliseId,
  offsetOrNull,
  optionalText,
  present,
  reference,
  required,
  requiredText,
  workflowUserRef,
  type Body,
} from "../workflow";

const READ = "workflow.job:read";
const WRITE = "workflow.job:write";

const byPosition = (stages: JobStage[]) => [...stages].sort((a, b) => a.position - b.position);

/**
 * The job's current stage: the one being worked on (Active, NeedsChanges or Cancelled); failing
 * that the first stage not yet approved; when all are approved, the last one.
 */
const activeIndex = (stages: JobStage[]): number => {
  const working = stages.findIndex((s) =>
    ["Active", "NeedsChanges", "Cancelled"].includes(s.status),
  );
  if (working >= 0) return working;
  const open = stages.findIndex((s) => s.status !== "Approved");
  return open >= 0 ? open : stages.length - 1;
};

const stageRef = (stage: JobStage | undefined) =>
  stage ? { position: stage.position, status: stage.status, id: stage.id } : null;

const jobView = (job: Job) => {
  const stages = byPosition(job.stages);
  const active = activeIndex(stages);
  return {
    id: job.id,
    name: job.name,
    description: job.description,
    deadline: offsetOrNull(job.deadline),
    createdByID: job.createdByID,
    accountableID: job.accountableID,
    dateCreated: isoOffset(job.dateCreated),
    dateModified: isoOffset(job.dateModified),
    basedOnPreset: Boolean(job.presetID),
    presetID: job.presetID || null,
    campaignID: job.campaignID,
    bookedMinutes: 0,
    jobKey: job.jobKey,
    dateFinished: offsetOrNull(job.dateFinished),
    jobFinishedHistory:
      job.dateFinished == null
        ? null
        : [{ userId: job.createdByID, date: isoOffset(job.dateFinished) }],
    job_stages: stages.map((s) => stageRef(s)!),
    job_previous_stage: active > 0 ? stageRef(stages[active - 1]) : null,
    job_active_stage: active >= 0 ? stageRef(stages[active]) : null,
    job_next_stage: active >= 0 ? stageRef(stages[active + 1]) : null,
    jobMetaproperties: { ...job.jobMetaproperties },
  };
};

const fullName = (portal: Portal, workflowUserId: string) => {
  const wfUser = portal.workflowUsers.find((u) => u.ID === workflowUserId);
  const user = wfUser && portal.users.get(wfUser.userId);
  return user ? `${user.firstname} ${user.lastname}` : "";
};

/** The files on a job: the emulator attaches asset-bank media to seeded jobs. */
const jobMediaView = (portal: Portal, job: Job) =>
  job.mediaIds.flatMap((mediaId) => {
    const media = portal.media.get(mediaId);
    if (!media) return [];
    const id = uuid(media.id.replace(/-/g, "")); // workflow's own RFC id for the file
    const extension = media.extension[0] ?? "bin";
    const base = `https://acme-cdn.example/workflow/media/${id}`;
    const uploader = [...portal.users.values()].find((u) => u.username === media.userCreated);
    return [
      {
        id,
        filename: `${media.name}.${extension}`,
        uploader_name: uploader ? `${uploader.firstname} ${uploader.lastname}` : "",
        responsible_name: fullName(portal, job.accountableID),
        dateCreated: isoOffset(media.dateCreated),
        dateModified: isoOffset(media.dateModified),
        orientation: orientationOf(media),
        original_url: `${base}/original.${extension}`,
        status: job.dateFinished == null ? "AwaitingApproval" : "Approved",
        versionParentID: null,
        version: 1,
        previews: ["thumbnail", "preview"].map((type) => ({ type, url: `${base}/${type}.png` })),
        sub_versions: [],
      },
    ];
  });

// ---------------------------------------------------------------- job lists

const STATUSES = ["Idle", "Active", "Cancelled", "Approved", "NeedsChanges"] as const;
const ORDER_FIELDS = ["dateCreated", "dateModified", "deadline", "name"] as const;
type OrderField = (typeof ORDER_FIELDS)[number];

const dateParam = (req: EmulatorRequest, name: string): number | undefined => {
  const raw = req.query.get(name);
  if (raw === undefined || raw.trim() === "") return undefined;
  const ms = parseFilterDate(raw.trim());
  if (ms === undefined) {
    throw bad(`${name} must be an ISO 8601 date-time such as 2020-01-01T12:00:00Z; got "${raw}".`);
  }
  return ms;
};

const idsParam = (req: EmulatorRequest, ...names: string[]): Set<string> | undefined => {
  const raw = names.flatMap((name) => req.query.list(name));
  if (raw.length === 0) return undefined;
  return new Set(
    raw.map((value) => {
      const id = normaliseId(value);
      if (!id) throw bad(`${names[0]} must be workflow user IDs; got "${value}".`);
      return id;
    }),
  );
};

const positiveInt = (req: EmulatorRequest, name: string, fallback: number): number => {
  const value = req.query.int(name);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw bad(`${name} must be a positive whole number; got "${req.query.get(name)}".`);
  }
  return value;
};

/** Sort key; jobs without a deadline sort last either way. */
const sortValue = (job: Job, field: OrderField): number | string | null =>
  field === "name" ? job.name.toLowerCase() : field === "deadline" ? job.deadline : job[field];

const listJobs = (req: EmulatorRequest, portal: Portal, campaignId?: string): EmulatorResponse => {
  const range = (name: string) => ({
    from: dateParam(req, `${name}From`),
    to: dateParam(req, `${name}To`),
  });
  const created = range("dateCreated");
  const modified = range("dateModified");
  const deadline = range("deadline");
  // The OpenAPI document spells it "resonsibleIDs"; the SDKs send "responsibleIDs". Both count.
  const responsible = idsParam(req, "responsibleIDs", "resonsibleIDs");
  const accountable = idsParam(req, "accountableIDs");
  const statuses = req.query.list("status").map((value) => {
    const status = STATUSES.find((s) => s.toLowerCase() === value.toLowerCase());
    if (!status) throw bad(`status must be one of ${STATUSES.join(", ")}; got "${value}".`);
    return status;
  });
  const orderBy = (req.query.get("orderBy") ?? "").trim();
  const order = /^(\w+)(?:\s+(asc|desc))?$/i.exec(orderBy);
  const field = order && ORDER_FIELDS.find((f) => f.toLowerCase() === order[1].toLowerCase());
  if (orderBy && !field) {
    throw bad(
      `orderBy must be one of ${ORDER_FIELDS.join(", ")} followed by asc or desc; got "${orderBy}".`,
    );
  }
  const sortField: OrderField = field ?? "dateCreated";
  const descending = field ? order?.[2]?.toLowerCase() === "desc" : true;
  const limit = positiveInt(req, "limit", 100);
  const page = positiveInt(req, "page", 1);

  // Both bounds are inclusive and compared in whole seconds, the precision Bynder reports:
  // a poller that passes the last dateModified it saw gets that second again (and dedupes by
  // id) instead of losing a record changed in the same second. Bynder's docs say "after".
  const within = (ms: number | null, { from, to }: { from?: number; to?: number }) => {
    if (from === undefined && to === undefined) return true;
    if (ms == null) return false;
    const value = second(ms);
    return (from === undefined || value >= second(from)) && (to === undefined || value <= to);
  };
  const matches = [...portal.jobs.values()].filter((job) => {
    const stages = byPosition(job.stages);
    const current = stages[activeIndex(stages)];
    return (
      (campaignId === undefined || job.campaignID === campaignId) &&
      within(job.dateCreated, created) &&
      within(job.dateModified, modified) &&
      within(job.deadline, deadline) &&
      (!responsible || stages.some((s) => s.responsibleID && responsible.has(s.responsibleID))) &&
      (!accountable || accountable.has(job.accountableID)) &&
      (statuses.length === 0 || (current !== undefined && statuses.includes(current.status)))
    );
  });
  matches.sort((a, b) => {
    const x = sortValue(a, sortField);
    const y = sortValue(b, sortField);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const cmp = x < y ? -1 : 1;
      return descending ? -cmp : cmp;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; // stable: ties by id
  });
  const items = matches.slice((page - 1) * limit, page * limit);
  return json(200, items.map(jobView), {
    "X-Pagination-TotalRecords": String(matches.length),
    "X-Pagination-TotalPages": String(Math.ceil(matches.length / limit)),
    "X-Pagination-Page": String(page),
    "X-Pagination-Limit": String(limit),
  });
};

// ---------------------------------------------------------------- job writes

const stagesFromBody = (portal: Portal, body: Body, preset: JobPreset): JobStage[] => {
  const presetStages = [...preset.stages].sort((a, b) => a.position - b.position);
  const raw = body.stages;
  if (raw === undefined || raw === null) {
    return presetStages.map((stage, i) => ({
      id: portal.uuid(),
      position: i + 1,
      name: stage.name,
      status: i === 0 ? "Active" : "Idle",
      responsibleID: stage.responsibleID,
      deadline: null,
    }));
  }
  if (!Array.isArray(raw) || raw.length === 0) throw bad("stages must be a non-empty array.");
  return raw.map((item: unknown, i): JobStage => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw bad(`stages[${i}] must be an object.`);
    }
    const stage = item as Body;
    const fromPreset = reference(
      stage,
      "preset_stage_id",
      (id) => preset.stages.find((s) => s.ID === id),
      `a stage of preset ${preset.ID}`,
    );
    const name = optionalText(stage, "name") ?? fromPreset?.name;
    if (!name?.trim()) throw bad(`stages[${i}].name is required.`);
    if (present(stage, "responsibleGroupID") && stage.responsibleGroupID !== null) {
      if (!normaliseId(stage.responsibleGroupID)) {
        throw bad(`stages[${i}].responsibleGroupID must be a workflow group ID.`);
      }
    }
    return {
      id: portal.uuid(),
      position: i + 1,
      name,
      status: i === 0 ? "Active" : "Idle",
      responsibleID: workflowUserRef(portal, stage, "responsibleID") ?? fromPreset?.responsibleID,
      deadline: dateField(stage, "deadline") ?? null,
    };
  });
};

/** `activeStage` / `nextStage` / `previousStage` of a job update: `{id, status, deadline}`. */
const applyStageChange = (job: Job, body: Body, field: string, demoteOthers: boolean) => {
  const value = body[field];
  if (value === undefined || value === null) return;
  if (typeof value !== "object" || Array.isArray(value)) throw bad(`${field} must be an object.`);
  const change = value as Body;
  const id = normaliseId(change.id);
  const stage = job.stages.find((s) => s.id === id);
  if (!stage) throw bad(`${field}.id ${JSON.stringify(change.id)} is not a stage of this job.`);
  let status: JobStage["status"] | undefined;
  if (change.status !== undefined && change.status !== null) {
    status = STATUSES.find((s) => s === change.status);
    if (!status) throw bad(`${field}.status must be one of ${STATUSES.join(", ")}.`);
  }
  const deadline = dateField(change, "deadline");
  return () => {
    if (demoteOthers && status && status !== "Idle" && status !== "Approved") {
      // A new current stage: earlier working stages count as approved, later ones wait.
      for (const other of job.stages) {
        if (other === stage || !["Active", "NeedsChanges", "Cancelled"].includes(other.status)) {
          continue;
        }
        other.status = other.position < stage.position ? "Approved" : "Idle";
      }
    }
    if (status) stage.status = status;
    if (deadline !== undefined) stage.deadline = deadline;
  };
};

const jobKeyFor = (portal: Portal, campaign: Campaign) => {
  const prefix = `${campaign.key.toUpperCase()}-`;
  const used = [...portal.jobs.values()]
    .filter((j) => j.jobKey.startsWith(prefix))
    .map((j) => Number(j.jobKey.slice(prefix.length)) || 0);
  return `${prefix}${Math.max(0, ...used) + 1}`;
};

const listAllJobs: Handler = (req, { portal }) => listJobs(req, portal);

const listCampaignJobs: Handler = (req, { portal }) =>
  listJobs(req, portal, findCampaign(portal, req.params.id).ID);

const getJob: Handler = (req, { portal }) => json(200, jobView(findJob(portal, req.params.id)));

const createJob: Handler = (req, { portal }) => {
  const body = jsonBody(req);
  const name = requiredText(body, "name");
  const campaign = required(
    reference(body, "campaignID", (id) => portal.campaigns.get(id), "a campaign"),
    "campaignID",
  );
  const accountableID = required(workflowUserRef(portal, body, "accountableID"), "accountableID");
  const preset = required(
    reference(body, "presetID", (id) => portal.presets.find((p) => p.ID === id), "a job preset"),
    "presetID",
  );
  const description = optionalText(body, "description") ?? "";
  const deadline = dateField(body, "deadline") ?? null;
  const jobMetaproperties = metapropertiesField(body, "jobMetaproperties") ?? {};
  const stages = stagesFromBody(portal, body, preset);
  const now = portal.now();
  const id = portal.uuid();
  portal.jobs.set(id, {
    id,
    name,
    description,
    campaignID: campaign.ID,
    accountableID,
    presetID: preset.ID,
    createdByID: actingUser(req, portal),
    deadline,
    dateCreated: now,
    dateModified: now,
    dateFinished: null,
    jobKey: jobKeyFor(portal, campaign),
    stages,
    jobMetaproperties,
    mediaIds: [],
  });
  // The message of workflow.job.create is not documented; the job's id is the likely content.
  portal.webhooks.notify("workflow.job.create", { job_id: id });
  return json(201, { status: "Created", job_id: id });
};

const updateJob: Handler = (req, { portal }) => {
  const job = findJob(portal, req.params.id);
  const body = jsonBody(req);
  // Validate everything before changing anything.
  const name = present(body, "name") ? requiredText(body, "name") : undefined;
  const description = optionalText(body, "description");
  const deadline = dateField(body, "deadline");
  const campaign = reference(body, "campaignID", (id) => portal.campaigns.get(id), "a campaign");
  const accountableID = workflowUserRef(portal, body, "accountableID");
  const jobMetaproperties = metapropertiesField(body, "jobMetaproperties");
  const stageChanges = [
    applyStageChange(job, body, "activeStage", true),
    applyStageChange(job, body, "previousStage", false),
    applyStageChange(job, body, "nextStage", false),
  ];
  if (name !== undefined) job.name = name;
  if (description !== undefined) job.description = description;
  if (deadline !== undefined) job.deadline = deadline;
  if (campaign) job.campaignID = campaign.ID;
  if (accountableID) job.accountableID = accountableID;
  if (jobMetaproperties) job.jobMetaproperties = jobMetaproperties;
  for (const change of stageChanges) change?.();
  portal.touch(job);
  return json(200, { status: "Updated", job_id: job.id });
};

const deleteJob: Handler = (req, { portal }) => {
  portal.jobs.delete(findJob(portal, req.params.id).id);
  return noContent();
};

const jobMedia: Handler = (req, { portal }) =>
  json(200, jobMediaView(portal, findJob(portal, req.params.id)));

export const jobRoutes: Route[] = [
  route("GET", "/api/workflow/jobs", READ, listAllJobs),
  route("GET", "/api/workflow/campaigns/:id/jobs", READ, listCampaignJobs),
  route("GET", "/api/workflow/jobs/:id", READ, getJob),
  route("POST", "/api/workflow/jobs", WRITE, createJob),
  route("PUT", "/api/workflow/jobs/:id", WRITE, updateJob),
  route("DELETE", "/api/workflow/jobs/:id", WRITE, deleteJob),
  route("GET", "/api/workflow/jobs/:id/media", READ, jobMedia),
];
