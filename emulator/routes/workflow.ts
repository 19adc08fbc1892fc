/**
 * Workflow (`/api/workflow`, JSON bodies): campaigns, jobs, job media, job presets and workflow
 * users. Ids are RFC 4122 (8-4-4-4-12, lower case); Bynder hands some out without dashes (the
 * create-campaign response, the jobs filter examples), so every id taken is accepted in both forms.
 * Dates are `2017-01-10T07:43:12+00:00`, except a campaign's deadline (`2017-03-03T00:00:00`).
 */
import { json, noContent, type EmulatorRequest, type EmulatorResponse } from "../http";
import type { Campaign, Job, JobPreset, JobStage, Portal, WorkflowUser } from "../portal";
import { route, type Handler, type Route } from "../router";
import type { BynderEmulator } from "../server";
import { isoNoZone, isoOffset, parseFilterDate, sha256, uuid, UUID } from "../util";

/** A failure the handler reports with workflow's `{status, message}` error body. */
class Failure extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}
const bad = (message: string) => new Failure(400, "Bad Request", message);
const notFound = (what: string) => new Failure(404, "Not Found", `${what} not found`);

const workflowRoute = (method: string, path: string, scope: string, handler: Handler): Route =>
  route(method, path, scope, async (req, portal) => {
    try {
      return await handler(req, portal);
    } catch (error) {
      if (error instanceof Failure) {
        return json(error.status, { status: error.title, message: error.message });
      }
      throw error;
    }
  });

// ---------------------------------------------------------------- ids

const HEX32 = /^[0-9a-f]{32}$/i;

/** `0f…` (32 hex) or `0f……-…` (8-4-4-4-12), any case → the stored 8-4-4-4-12 lower-case form. */
export const normaliseId = (raw: unknown): string | undefined => {
  if (typeof raw !== "string") return undefined;
  const id = raw.trim().toLowerCase();
  if (HEX32.test(id)) {
    return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  }
  return UUID.test(id) ? id : undefined;
};
const dashless = (id: string) => id.replace(/-/g, "");

const findCampaign = (portal: Portal, raw: string): Campaign => {
  const campaign = portal.campaigns.get(normaliseId(raw) ?? "");
  if (!campaign) throw notFound("Campaign");
  return campaign;
};
const findJob = (portal: Portal, raw: string): Job => {
  const job = portal.jobs.get(normaliseId(raw) ?? "");
  if (!job) throw notFound("Job");
  return job;
};
const findPreset = (portal: Portal, raw: string): JobPreset => {
  const id = normaliseId(raw);
  const preset = portal.presets.find((p) => p.ID === id);
  if (!preset) throw notFound("Preset");
  return preset;
};
const findWorkflowUser = (portal: Portal, raw: string): WorkflowUser => {
  const id = normaliseId(raw);
  const user = portal.workflowUsers.find((u) => u.ID === id);
  if (!user) throw notFound("User");
  return user;
};

/** The workflow user behind the token (the OAuth app's assigned user). */
const actingUser = (req: EmulatorRequest, portal: Portal): string =>
  (portal.workflowUsers.find((u) => u.userId === req.auth?.userId) ?? portal.workflowUsers[0])
    ?.ID ?? "";

// ---------------------------------------------------------------- request bodies

type Body = Record<string, unknown>;

/** The JSON object a write sends. Workflow takes JSON only: other content types get 415. */
const jsonBody = (req: EmulatorRequest): Body => {
  if (req.rawBody.length === 0) throw bad("A JSON request body is required.");
  if (!req.contentType.startsWith("application/json")) {
    throw new Failure(
      415,
      "Unsupported Media Type",
      `Content-Type "${req.contentType || "(none)"}" is not supported; send application/json.`,
    );
  }
  if (typeof req.json !== "object" || req.json === null || Array.isArray(req.json)) {
    throw bad("The request body must be a JSON object.");
  }
  return req.json as Body;
};

const present = (body: Body, field: string) => body[field] !== undefined;

const requiredText = (body: Body, field: string): string => {
  const value = body[field];
  if (value === undefined || value === null || value === "") throw bad(`${field} is required.`);
  if (typeof value !== "string") throw bad(`${field} must be a string.`);
  if (!value.trim()) throw bad(`${field} is required.`);
  return value;
};

const optionalText = (body: Body, field: string): string | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw bad(`${field} must be a string.`);
  return value;
};

/** ISO 8601 date or date-time (a missing zone means UTC); null clears the date. */
const dateField = (body: Body, field: string): number | null | undefined => {
  const value = body[field];
  if (value === undefined) return undefined;
  if (value === null || value === "") return null;
  const ms = typeof value === "string" ? parseFilterDate(value) : undefined;
  if (ms === undefined) {
    throw bad(
      `${field} must be an ISO 8601 date such as 2024-12-31T00:00:00; got ${JSON.stringify(value)}.`,
    );
  }
  return ms;
};

const booleanField = (body: Body, field: string): boolean | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string" && /^(true|false|1|0)$/i.test(value)) {
    return /^(true|1)$/i.test(value);
  }
  throw bad(`${field} must be true or false.`);
};

/** `{metapropertyId: value}` maps; values are strings (option ids are comma-separated). */
const metapropertiesField = (body: Body, field: string): Record<string, string> | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw bad(`${field} must be an object of metaproperty ids to values.`);
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value as Body)) {
    if (Array.isArray(item)) out[key] = item.map(String).join(",");
    else if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
      out[key] = String(item);
    } else throw bad(`${field}.${key} must be a string.`);
  }
  return out;
};

/** A reference to another record in the body: it must be a well-formed id of one that exists. */
const reference = <T>(
  body: Body,
  field: string,
  lookup: (id: string) => T | undefined,
  what: string,
): T | undefined => {
  const value = body[field];
  if (value === undefined || value === null || value === "") return undefined;
  const id = normaliseId(value);
  const found = id === undefined ? undefined : lookup(id);
  if (found === undefined) throw bad(`${field} ${JSON.stringify(value)} is not the ID of ${what}.`);
  return found;
};
const required = <T>(value: T | undefined, field: string): T => {
  if (value === undefined) throw bad(`${field} is required.`);
  return value;
};

const workflowUserRef = (portal: Portal, body: Body, field: string) =>
  reference(body, field, (id) => portal.workflowUsers.find((u) => u.ID === id), "a workflow user")
    ?.ID;

// ---------------------------------------------------------------- responses

/** Workflow reports whole seconds. */
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;
const offsetOrNull = (ms: number | null | undefined) => (ms == null ? null : isoOffset(ms));

/** A stable id derived from other data, so it does not consume the portal's PRNG. */
const derivedId = (...parts: string[]) => uuid(sha256(parts.join("\u0000")).slice(0, 32));

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

const workflowUserView = (portal: Portal, wfUser: WorkflowUser) => {
  const user = portal.users.get(wfUser.userId);
  return {
    ID: wfUser.ID,
    fullname: user ? `${user.firstname} ${user.lastname}` : "",
    BynderUser: {
      firstName: user?.firstname ?? "",
      lastName: user?.lastname ?? "",
      infix: "",
      email: user?.email ?? "",
      id: wfUser.userId,
    },
  };
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
        orientation:
          media.width > media.height
            ? "landscape"
            : media.width < media.height
              ? "portrait"
              : "square",
        original_url: `${base}/original.${extension}`,
        status: job.dateFinished == null ? "AwaitingApproval" : "Approved",
        versionParentID: null,
        version: 1,
        previews: ["thumbnail", "preview"].map((type) => ({ type, url: `${base}/${type}.png` })),
        sub_versions: [],
      },
    ];
  });

const STAGE_TYPES = ["download", "upload", "approval", "approval"];

const presetView = (preset: JobPreset) => ({
  preset: {
    ID: preset.ID,
    name: preset.name,
    wf_uuid: derivedId("workflow", preset.ID),
    ftp_settings: {},
    presetstages: [...preset.stages]
      .sort((a, b) => a.position - b.position)
      .map((stage, i) => ({
        ID: stage.ID,
        name: stage.name,
        description: stage.description,
        // Bynder's example sends the position as a decimal string ("1.0").
        position: `${stage.position}.0`,
        editableBy: "all",
        restrictToGroupID: null,
        type: STAGE_TYPES[Math.min(i, STAGE_TYPES.length - 1)],
        responsibleID: stage.responsibleID || null,
        responsibleGroupID: null,
      })),
  },
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
    const value = seconds(ms);
    return (from === undefined || value >= seconds(from)) && (to === undefined || value <= to);
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

// ---------------------------------------------------------------- routes

export const workflowRoutes = (emulator: BynderEmulator): Route[] => {
  const portal = emulator.portal;

  const campaignFields = (body: Body) => {
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

  const closeCampaign: Handler = (req) => {
    const campaign = findCampaign(portal, req.params.id);
    campaign.closed = true;
    portal.touch(campaign);
    return noContent();
  };

  const jobKeyFor = (campaign: Campaign) => {
    const prefix = `${campaign.key.toUpperCase()}-`;
    const used = [...portal.jobs.values()]
      .filter((j) => j.jobKey.startsWith(prefix))
      .map((j) => Number(j.jobKey.slice(prefix.length)) || 0);
    return `${prefix}${Math.max(0, ...used) + 1}`;
  };

  return [
    // Campaigns
    workflowRoute("GET", "/api/workflow/campaigns", "workflow.campaign:read", () =>
      json(
        200,
        [...portal.campaigns.values()]
          .sort((a, b) => a.dateCreated - b.dateCreated || (a.ID < b.ID ? -1 : 1))
          .map((c) => campaignView(portal, c)),
      ),
    ),
    workflowRoute("GET", "/api/workflow/campaigns/:id", "workflow.campaign:read", (req) =>
      json(200, campaignView(portal, findCampaign(portal, req.params.id))),
    ),
    workflowRoute("POST", "/api/workflow/campaigns", "workflow.campaign:write", (req) => {
      const fields = campaignFields(jsonBody(req));
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
    }),
    workflowRoute("PUT", "/api/workflow/campaigns/:id", "workflow.campaign:write", (req) => {
      const campaign = findCampaign(portal, req.params.id);
      // Like Bynder's SDKs, an update sends the campaign's name, key, description and
      // responsibleID every time; the optional fields change only when present.
      const fields = campaignFields(jsonBody(req));
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
    }),
    workflowRoute("DELETE", "/api/workflow/campaigns/:id", "workflow.campaign:write", (req) => {
      const campaign = findCampaign(portal, req.params.id);
      portal.campaigns.delete(campaign.ID);
      // A job cannot outlive its campaign (assumption: Bynder removes them together).
      for (const job of [...portal.jobs.values()]) {
        if (job.campaignID === campaign.ID) portal.jobs.delete(job.id);
      }
      return noContent();
    }),
    // Close: Bynder's reference documents POST /campaigns/{id}; Prismatic's component (and older
    // clients) use POST /campaigns/{id}/close. Both close the campaign; neither takes a body.
    workflowRoute("POST", "/api/workflow/campaigns/:id", "workflow.campaign:write", closeCampaign),
    workflowRoute(
      "POST",
      "/api/workflow/campaigns/:id/close",
      "workflow.campaign:write",
      closeCampaign,
    ),
    workflowRoute("GET", "/api/workflow/campaigns/:id/jobs", "workflow.job:read", (req) =>
      listJobs(req, portal, findCampaign(portal, req.params.id).ID),
    ),

    // Jobs
    workflowRoute("GET", "/api/workflow/jobs", "workflow.job:read", (req) => listJobs(req, portal)),
    workflowRoute("GET", "/api/workflow/jobs/:id", "workflow.job:read", (req) =>
      json(200, jobView(findJob(portal, req.params.id))),
    ),
    workflowRoute("POST", "/api/workflow/jobs", "workflow.job:write", (req) => {
      const body = jsonBody(req);
      const name = requiredText(body, "name");
      const campaign = required(
        reference(body, "campaignID", (id) => portal.campaigns.get(id), "a campaign"),
        "campaignID",
      );
      const accountableID = required(
        workflowUserRef(portal, body, "accountableID"),
        "accountableID",
      );
      const preset = required(
        reference(
          body,
          "presetID",
          (id) => portal.presets.find((p) => p.ID === id),
          "a job preset",
        ),
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
        jobKey: jobKeyFor(campaign),
        stages,
        jobMetaproperties,
        mediaIds: [],
      });
      return json(201, { status: "Created", job_id: id });
    }),
    workflowRoute("PUT", "/api/workflow/jobs/:id", "workflow.job:write", (req) => {
      const job = findJob(portal, req.params.id);
      const body = jsonBody(req);
      // Validate everything before changing anything.
      const name = present(body, "name") ? requiredText(body, "name") : undefined;
      const description = optionalText(body, "description");
      const deadline = dateField(body, "deadline");
      const campaign = reference(
        body,
        "campaignID",
        (id) => portal.campaigns.get(id),
        "a campaign",
      );
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
    }),
    workflowRoute("DELETE", "/api/workflow/jobs/:id", "workflow.job:write", (req) => {
      portal.jobs.delete(findJob(portal, req.params.id).id);
      return noContent();
    }),
    workflowRoute("GET", "/api/workflow/jobs/:id/media", "workflow.job:read", (req) =>
      json(200, jobMediaView(portal, findJob(portal, req.params.id))),
    ),

    // Presets and workflow users
    workflowRoute("GET", "/api/workflow/presets/job/:id", "workflow.preset:read", (req) =>
      json(200, presetView(findPreset(portal, req.params.id))),
    ),
    workflowRoute("GET", "/api/workflow/users", "admin.user:read", () =>
      json(
        200,
        portal.workflowUsers
          .filter((u) => portal.users.has(u.userId))
          .map((u) => workflowUserView(portal, u)),
      ),
    ),
    workflowRoute("GET", "/api/workflow/users/:id", "admin.user:read", (req) =>
      json(200, workflowUserView(portal, findWorkflowUser(portal, req.params.id))),
    ),
  ];
};
