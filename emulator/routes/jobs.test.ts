import { useEmulatorHttp, type Reply } from "../testing";

const env = useEmulatorHttp();
const { call } = env;

const OFFSET_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
const RFC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const portal = () => env.emulator.portal;
const dashless = (id: string) => id.replace(/-/g, "");
const workflowUserIds = () => portal().workflowUsers.map((u) => u.ID);
const firstCampaign = () => [...portal().campaigns.values()][0];
const firstJob = () => [...portal().jobs.values()][0];

describe("job lists", () => {
  const pagination = (reply: Reply) => ({
    total: reply.headers.get("x-pagination-totalrecords"),
    pages: reply.headers.get("x-pagination-totalpages"),
    page: reply.headers.get("x-pagination-page"),
    limit: reply.headers.get("x-pagination-limit"),
  });

  it("returns an array of jobs in Bynder's shape with X-Pagination headers", async () => {
    const reply = await call("GET", "/api/workflow/jobs/");
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(portal().jobs.size);
    expect(pagination(reply)).toEqual({
      total: String(portal().jobs.size),
      pages: "1",
      page: "1",
      limit: "100",
    });
    const job = reply.body[0];
    expect(job.id).toMatch(RFC_ID);
    expect(job.dateCreated).toMatch(OFFSET_DATE);
    expect(job.dateModified).toMatch(OFFSET_DATE);
    expect(job.deadline).toMatch(OFFSET_DATE);
    expect(job).toMatchObject({
      basedOnPreset: true,
      bookedMinutes: 0,
      dateFinished: null,
      jobFinishedHistory: null,
      jobMetaproperties: {},
    });
    expect(job.job_stages[0]).toEqual({
      position: 1,
      status: "Active",
      id: expect.stringMatching(RFC_ID),
    });
    expect(job.job_previous_stage).toBeNull();
    expect(job.job_active_stage).toEqual(job.job_stages[0]);
    expect(job.job_next_stage).toEqual(job.job_stages[1]);
  });

  it("pages with limit and page, in a stable order", async () => {
    const all = (await call("GET", "/api/workflow/jobs?orderBy=name%20asc")).body;
    const first = await call("GET", "/api/workflow/jobs?orderBy=name+asc&limit=5&page=1");
    const second = await call("GET", "/api/workflow/jobs?orderBy=name%20asc&limit=5&page=2");
    const far = await call("GET", "/api/workflow/jobs?orderBy=name%20asc&limit=5&page=99");
    expect(pagination(first)).toEqual({
      total: String(all.length),
      pages: String(Math.ceil(all.length / 5)),
      page: "1",
      limit: "5",
    });
    expect([...first.body, ...second.body].map((j: { id: string }) => j.id)).toEqual(
      all.slice(0, 10).map((j: { id: string }) => j.id),
    );
    expect(far.body).toEqual([]);
    const names = all.map((j: { name: string }) => j.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it("orders by each documented field and breaks ties by id", async () => {
    const job = firstJob();
    const twin = [...portal().jobs.values()][1];
    const saved = twin.dateModified;
    twin.dateModified = job.dateModified;
    try {
      for (const direction of ["asc", "desc"]) {
        const reply = await call("GET", `/api/workflow/jobs?orderBy=dateModified%20${direction}`);
        const times = reply.body.map((j: { dateModified: string }) => Date.parse(j.dateModified));
        const sorted = [...times].sort((a, b) => (direction === "asc" ? a - b : b - a));
        expect(times).toEqual(sorted);
        const tied = reply.body
          .filter((j: { dateModified: string }) => Date.parse(j.dateModified) === job.dateModified)
          .map((j: { id: string }) => j.id);
        expect(tied).toEqual([...tied].sort());
      }
      expect((await call("GET", "/api/workflow/jobs?orderBy=deadline")).status).toBe(200);
      expect((await call("GET", "/api/workflow/jobs?orderBy=dateCreated%20DESC")).status).toBe(200);
    } finally {
      twin.dateModified = saved;
    }
    const bad = await call("GET", "/api/workflow/jobs?orderBy=colour%20asc");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/orderBy must be one of/);
  });

  it("filters by date ranges with inclusive bounds (whole seconds)", async () => {
    const job = firstJob();
    const saved = job.dateModified;
    job.dateModified = Date.UTC(2030, 0, 2, 3, 4, 5, 600); // reported as 03:04:05
    try {
      const at = "2030-01-02T03:04:05Z";
      const from = await call("GET", `/api/workflow/jobs?dateModifiedFrom=${at}`);
      expect(from.body.map((j: { id: string }) => j.id)).toEqual([job.id]);
      const to = await call(
        "GET",
        `/api/workflow/jobs?dateModifiedFrom=${at}&dateModifiedTo=${at}`,
      );
      expect(to.body.map((j: { id: string }) => j.id)).toEqual([job.id]);
      const after = await call("GET", "/api/workflow/jobs?dateModifiedFrom=2030-01-02T03:04:06Z");
      expect(after.body).toEqual([]);
      const offset = await call(
        "GET",
        `/api/workflow/jobs?dateModifiedFrom=${encodeURIComponent("2030-01-02T04:04:05+01:00")}`,
      );
      expect(offset.body.map((j: { id: string }) => j.id)).toEqual([job.id]);
    } finally {
      job.dateModified = saved;
    }
    const created = await call(
      "GET",
      "/api/workflow/jobs?dateCreatedFrom=2024-01-04T00:00:00Z&dateCreatedTo=2024-01-07T00:00:00Z",
    );
    const expected = [...portal().jobs.values()].filter(
      (j) => j.dateCreated >= Date.UTC(2024, 0, 4) && j.dateCreated <= Date.UTC(2024, 0, 7),
    );
    expect(created.body.length).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    const deadline = await call("GET", "/api/workflow/jobs?deadlineTo=2024-01-15T00:00:00Z");
    expect(
      deadline.body.every(
        (j: { deadline: string }) => Date.parse(j.deadline) <= Date.UTC(2024, 0, 15),
      ),
    ).toBe(true);
    const bad = await call("GET", "/api/workflow/jobs?dateCreatedFrom=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/dateCreatedFrom must be an ISO 8601 date-time/);
  });

  it("filters by accountable and responsible users (csv, repeated, dashless, both spellings)", async () => {
    const [a, b] = workflowUserIds();
    const accountable = await call("GET", `/api/workflow/jobs?accountableIDs=${dashless(a)},${b}`);
    const expected = [...portal().jobs.values()].filter((j) => [a, b].includes(j.accountableID));
    expect(accountable.body.length).toBe(expected.length);
    const repeated = await call(
      "GET",
      `/api/workflow/jobs?accountableIDs=${a}&accountableIDs=${b}`,
    );
    expect(repeated.body.length).toBe(expected.length);

    const responsibleOf = (id: string) =>
      [...portal().jobs.values()].filter((j) => j.stages.some((s) => s.responsibleID === id));
    const stageUser = [...portal().jobs.values()][0].stages[2].responsibleID!;
    for (const name of ["responsibleIDs", "resonsibleIDs"]) {
      const reply = await call("GET", `/api/workflow/jobs?${name}=${stageUser}`);
      expect(reply.body.length).toBe(responsibleOf(stageUser).length);
    }
    const bad = await call("GET", "/api/workflow/jobs?accountableIDs=bob");
    expect(bad.status).toBe(400);
  });

  it("filters by the current stage's status (csv) and ignores unknown parameters", async () => {
    const job = firstJob();
    const saved = job.stages.map((s) => s.status);
    job.stages[0].status = "NeedsChanges";
    try {
      const reply = await call("GET", "/api/workflow/jobs?status=Approved,NeedsChanges&colour=red");
      expect(reply.status).toBe(200);
      expect(reply.body.map((j: { id: string }) => j.id)).toEqual([job.id]);
      expect(reply.body[0].job_active_stage.status).toBe("NeedsChanges");
      const active = await call("GET", "/api/workflow/jobs?status=Active");
      expect(active.body.length).toBe(portal().jobs.size - 1);
    } finally {
      job.stages.forEach((s, i) => (s.status = saved[i]));
    }
    const bad = await call("GET", "/api/workflow/jobs?status=Done");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/status must be one of/);
  });

  it("rejects bad limit and page values", async () => {
    for (const query of ["limit=0", "limit=abc", "page=0", "page=-1"]) {
      expect((await call("GET", `/api/workflow/jobs?${query}`)).status).toBe(400);
    }
  });

  it("lists a campaign's jobs with the same filters and headers", async () => {
    const campaign = firstCampaign();
    const expected = [...portal().jobs.values()].filter((j) => j.campaignID === campaign.ID);
    const reply = await call(
      "GET",
      `/api/workflow/campaigns/${dashless(campaign.ID)}/jobs/?limit=2`,
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get("x-pagination-totalrecords")).toBe(String(expected.length));
    expect(reply.body.length).toBe(2);
    expect(reply.body.every((j: { campaignID: string }) => j.campaignID === campaign.ID)).toBe(
      true,
    );
    const unknown = await call(
      "GET",
      "/api/workflow/campaigns/00000000-0000-4000-8000-000000000000/jobs",
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe("Campaign not found");
  });
});

describe("jobs", () => {
  const validJob = () => ({
    name: "Flyer",
    campaignID: firstCampaign().ID,
    accountableID: workflowUserIds()[1],
    presetID: portal().presets[0].ID,
  });

  it("gets one job by id; unknown ids are 404", async () => {
    const job = firstJob();
    const reply = await call("GET", `/api/workflow/jobs/${dashless(job.id).toUpperCase()}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: job.id, name: job.name, jobKey: job.jobKey });
    const unknown = await call("GET", "/api/workflow/jobs/00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ status: "Not Found", message: "Job not found" });
  });

  it("creates a job from a preset: 201 {status: Created, job_id}", async () => {
    const at = Date.UTC(2025, 1, 3, 4, 5, 6);
    const realNow = portal().now;
    portal().now = () => at;
    let reply: Reply;
    try {
      reply = await call("POST", "/api/workflow/jobs/", {
        json: {
          ...validJob(),
          campaignID: dashless(firstCampaign().ID),
          description: "Print flyer",
          deadline: "2025-02-28",
          jobMetaproperties: { "00000000-0000-4000-8000-000000000002": "Country" },
        },
      });
    } finally {
      portal().now = realNow;
    }
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ status: "Created", job_id: expect.stringMatching(RFC_ID) });
    const job = (await call("GET", `/api/workflow/jobs/${reply.body.job_id}`)).body;
    const preset = portal().presets[0];
    expect(job).toMatchObject({
      id: reply.body.job_id,
      name: "Flyer",
      description: "Print flyer",
      campaignID: firstCampaign().ID,
      accountableID: workflowUserIds()[1],
      presetID: preset.ID,
      basedOnPreset: true,
      deadline: "2025-02-28T00:00:00+00:00",
      dateCreated: "2025-02-03T04:05:06+00:00",
      dateModified: "2025-02-03T04:05:06+00:00",
      jobKey: `${firstCampaign().key}-1`,
      jobMetaproperties: { "00000000-0000-4000-8000-000000000002": "Country" },
    });
    expect(job.job_stages.map((s: { status: string }) => s.status)).toEqual(
      preset.stages.map((_, i) => (i === 0 ? "Active" : "Idle")),
    );
  });

  it("creates a job with its own stages", async () => {
    const reply = await call("POST", "/api/workflow/jobs", {
      json: {
        ...validJob(),
        stages: [
          { name: "Stage 1", responsibleID: workflowUserIds()[4] },
          { preset_stage_id: portal().presets[0].stages[3].ID, deadline: "2025-05-01" },
        ],
      },
    });
    expect(reply.status).toBe(201);
    const stored = portal().jobs.get(reply.body.job_id)!;
    expect(stored.stages.map((s) => [s.position, s.name, s.status, s.responsibleID])).toEqual([
      [1, "Stage 1", "Active", workflowUserIds()[4]],
      [2, portal().presets[0].stages[3].name, "Idle", portal().presets[0].stages[3].responsibleID],
    ]);
    const badStage = await call("POST", "/api/workflow/jobs", {
      json: { ...validJob(), stages: [{ description: "no name" }] },
    });
    expect(badStage.status).toBe(400);
    expect(badStage.body.message).toBe("stages[0].name is required.");
  });

  it("refuses a job without its required fields or with references that do not exist", async () => {
    for (const field of ["name", "campaignID", "accountableID", "presetID"]) {
      const body: Record<string, unknown> = validJob();
      delete body[field];
      const reply = await call("POST", "/api/workflow/jobs", { json: body });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toBe(`${field} is required.`);
    }
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const field of ["campaignID", "accountableID", "presetID"]) {
      const reply = await call("POST", "/api/workflow/jobs", {
        json: { ...validJob(), [field]: unknown },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toMatch(new RegExp(`^${field} "${unknown}" is not the ID of`));
    }
    const form = await call("POST", "/api/workflow/jobs", {
      body: "name=Flyer",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
  });

  it("updates a job (PUT → 200 {status: Updated}) field by field", async () => {
    const created = await call("POST", "/api/workflow/jobs", { json: validJob() });
    const id = created.body.job_id as string;
    const stages = portal().jobs.get(id)!.stages;
    const at = Date.UTC(2025, 6, 7, 8, 9, 10);
    const realNow = portal().now;
    portal().now = () => at;
    try {
      const reply = await call("PUT", `/api/workflow/jobs/${dashless(id)}/`, {
        json: {
          name: "Flyer v2",
          accountableID: workflowUserIds()[5],
          previousStage: { id: stages[0].id, status: "Approved" },
          activeStage: {
            id: stages[1].id,
            status: "Active",
            deadline: "2025-08-01T00:00:00+00:00",
          },
        },
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ status: "Updated", job_id: id });
    } finally {
      portal().now = realNow;
    }
    const job = (await call("GET", `/api/workflow/jobs/${id}`)).body;
    expect(job).toMatchObject({
      name: "Flyer v2",
      description: "",
      accountableID: workflowUserIds()[5],
      campaignID: firstCampaign().ID,
      dateModified: "2025-07-07T08:09:10+00:00",
      job_previous_stage: { id: stages[0].id, status: "Approved", position: 1 },
      job_active_stage: { id: stages[1].id, status: "Active", position: 2 },
      job_next_stage: { id: stages[2].id, status: "Idle", position: 3 },
    });
    expect(portal().jobs.get(id)!.stages[1].deadline).toBe(Date.UTC(2025, 7, 1));

    const badCampaign = await call("PUT", `/api/workflow/jobs/${id}`, {
      json: { campaignID: "00000000-0000-4000-8000-000000000000", name: "Not applied" },
    });
    expect(badCampaign.status).toBe(400);
    expect(portal().jobs.get(id)!.name).toBe("Flyer v2"); // nothing changed
    const badStage = await call("PUT", `/api/workflow/jobs/${id}`, {
      json: { activeStage: { id: "00000000-0000-4000-8000-000000000000", status: "Active" } },
    });
    expect(badStage.status).toBe(400);
    const emptyName = await call("PUT", `/api/workflow/jobs/${id}`, { json: { name: "" } });
    expect(emptyName.status).toBe(400);
    const unknown = await call("PUT", "/api/workflow/jobs/00000000-0000-4000-8000-000000000000", {
      json: { name: "X" },
    });
    expect(unknown.status).toBe(404);
  });

  it("deletes a job (204); deleting again is 404", async () => {
    const created = await call("POST", "/api/workflow/jobs", { json: validJob() });
    const id = created.body.job_id as string;
    const reply = await call("DELETE", `/api/workflow/jobs/${id}/`);
    expect(reply.status).toBe(204);
    expect(portal().jobs.has(id)).toBe(false);
    expect((await call("DELETE", `/api/workflow/jobs/${id}`)).status).toBe(404);
  });

  it("lists a job's media in Bynder's shape", async () => {
    const job = firstJob();
    const reply = await call("GET", `/api/workflow/jobs/${job.id}/media/`);
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(job.mediaIds.length);
    const media = portal().media.get(job.mediaIds[0])!;
    expect(reply.body[0]).toEqual({
      id: expect.stringMatching(RFC_ID),
      filename: `${media.name}.${media.extension[0]}`,
      uploader_name: expect.any(String),
      responsible_name: expect.any(String),
      dateCreated: expect.stringMatching(OFFSET_DATE),
      dateModified: expect.stringMatching(OFFSET_DATE),
      orientation: expect.stringMatching(/^(landscape|portrait|square)$/),
      original_url: expect.stringMatching(/^https:\/\//),
      status: "AwaitingApproval",
      versionParentID: null,
      version: 1,
      previews: [
        { type: "thumbnail", url: expect.any(String) },
        { type: "preview", url: expect.any(String) },
      ],
      sub_versions: [],
    });
    expect(
      (await call("GET", "/api/workflow/jobs/00000000-0000-4000-8000-000000000000/media")).status,
    ).toBe(404);
  });

  it("checks the workflow.job scopes", async () => {
    const readOnly = env.emulator.issueToken(["workflow.job:read"]);
    expect((await call("GET", "/api/workflow/jobs", { token: readOnly })).status).toBe(200);
    expect(
      (await call("POST", "/api/workflow/jobs", { token: readOnly, json: validJob() })).status,
    ).toBe(403);
    const campaignOnly = env.emulator.issueToken(["workflow.campaign:read"]);
    expect((await call("GET", "/api/workflow/jobs", { token: campaignOnly })).status).toBe(403);
  });
});
