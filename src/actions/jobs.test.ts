import { errorOf, expectExampleShape, harness, useEmulator } from "../../test/support";
import { jobActions } from "./jobs";

const env = useEmulator();

interface Result {
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers?: Record<string, string>;
}
const run = (key: keyof typeof jobActions, params: Record<string, unknown> = {}) =>
  harness.action(key, { connection: env.connection, ...params }) as Promise<Result>;

const failure = (key: keyof typeof jobActions, params: Record<string, unknown>) =>
  errorOf(run(key, params));

const portal = () => env.emulator.portal;
const wfUsers = () => portal().workflowUsers.map((u) => u.ID);
const campaigns = () => [...portal().campaigns.values()];
const jobs = () => [...portal().jobs.values()];
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

const createParams = () => ({
  name: "Spring flyer",
  campaignID: campaigns()[0].ID,
  accountableID: wfUsers()[2],
  presetID: portal().presets[1].ID,
});

describe("listJobs", () => {
  it("returns one page of jobs and only the X-Pagination headers", async () => {
    const result = await run("listJobs", { page: "2", limit: "5" });
    const [request] = env.emulator.requestsTo("/api/workflow/jobs", "GET");
    expect(request.path).toBe("/api/workflow/jobs");
    expect(request.query).toEqual({ page: ["2"], limit: ["5"] });
    expect(result.data).toHaveLength(5);
    const total = portal().jobs.size;
    expect(result.headers).toEqual({
      "x-pagination-totalrecords": String(total),
      "x-pagination-totalpages": String(Math.ceil(total / 5)),
      "x-pagination-page": "2",
      "x-pagination-limit": "5",
    });
    expectExampleShape("listJobs", result);
  });

  it("sends Extra Parameters as Bynder's filters; Page and Limit win over them", async () => {
    const job = jobs()[0];
    const result = await run("listJobs", {
      limit: "3",
      extraParams: [
        { key: "accountableIDs", value: job.accountableID },
        { key: "orderBy", value: "dateModified desc" },
        { key: "limit", value: "999" },
      ],
    });
    const [request] = env.emulator.requestsTo("/api/workflow/jobs", "GET");
    expect(request.query).toEqual({
      accountableIDs: [job.accountableID],
      orderBy: ["dateModified desc"],
      limit: ["3"],
    });
    expect(result.data.length).toBeGreaterThan(0);
    expect(
      result.data.every((j: { accountableID: string }) => j.accountableID === job.accountableID),
    ).toBe(true);
  });

  it("passes Bynder's 400 on for a bad filter", async () => {
    const error = await failure("listJobs", {
      extraParams: [{ key: "status", value: "Done" }],
    });
    expect(error.message).toMatch(/HTTP 400: status must be one of/);
  });

  it.each([
    [{ limit: "0" }, /^Limit must be between 1 and 1000; got 0/],
    [{ limit: "5000" }, /^Limit must be between 1 and 1000; got 5000/],
    [{ page: "one" }, /^Page must be a whole number/],
    [{ extraParams: [{ key: "", value: "x" }] }, /^Extra Parameters: every entry needs a key/],
  ])("refuses %p before any request", async (params, message) => {
    const error = await failure("listJobs", params);
    expect(error.message).toMatch(message);
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("listJobsByCampaign", () => {
  it("lists the campaign's jobs with the pagination headers", async () => {
    const campaign = campaigns()[1];
    const result = await run("listJobsByCampaign", { id: campaign.ID, limit: "2" });
    const [request] = env.emulator.requestsTo(`/api/workflow/campaigns/${campaign.ID}/jobs`);
    expect(request).toMatchObject({ method: "GET", query: { limit: ["2"] } });
    const expected = jobs().filter((j) => j.campaignID === campaign.ID);
    expect(result.headers?.["x-pagination-totalrecords"]).toBe(String(expected.length));
    expect(result.data.every((j: { campaignID: string }) => j.campaignID === campaign.ID)).toBe(
      true,
    );
    expectExampleShape("listJobsByCampaign", result);
  });

  it("passes Bynder's 404 on for an unknown campaign", async () => {
    const error = await failure("listJobsByCampaign", { id: UNKNOWN });
    expect(error.message).toBe(
      `Bynder GET /api/workflow/campaigns/${UNKNOWN}/jobs/ failed with HTTP 404: Campaign not found`,
    );
  });

  it("refuses a malformed Campaign ID before any request", async () => {
    const error = await failure("listJobsByCampaign", { id: "campaign-1" });
    expect(error.message).toMatch(/^Campaign ID must be a Bynder workflow id/);
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("getJob", () => {
  it("gets one job", async () => {
    const job = jobs()[0];
    const result = await run("getJob", { id: job.id });
    expect(env.emulator.requestsTo(`/api/workflow/jobs/${job.id}`, "GET")).toHaveLength(1);
    expect(result.data).toMatchObject({ id: job.id, name: job.name, campaignID: job.campaignID });
    expectExampleShape("getJob", result);
  });

  it("passes Bynder's 404 on", async () => {
    const error = await failure("getJob", { id: UNKNOWN });
    expect(error.message).toBe(
      `Bynder GET /api/workflow/jobs/${UNKNOWN}/ failed with HTTP 404: Job not found`,
    );
  });
});

describe("createJob", () => {
  it("posts JSON with the named inputs overriding Data and returns {status, job_id}", async () => {
    const result = await run("createJob", {
      ...createParams(),
      description: "A5 flyer",
      bodyData: JSON.stringify({
        name: "Overridden",
        deadline: "2025-12-31",
        stages: [{ name: "Stage 1" }, { name: "Stage 2" }],
      }),
    });
    const [request] = env.emulator.requestsTo("/api/workflow/jobs", "POST");
    expect(request.contentType).toMatch(/^application\/json/);
    expect(request.json).toEqual({
      ...createParams(),
      description: "A5 flyer",
      deadline: "2025-12-31",
      stages: [{ name: "Stage 1" }, { name: "Stage 2" }],
    });
    expect(result.data).toEqual({ status: "Created", job_id: expect.any(String) });
    const stored = portal().jobs.get(result.data.job_id)!;
    expect(stored).toMatchObject({ name: "Spring flyer", description: "A5 flyer" });
    expect(stored.stages.map((s) => s.name)).toEqual(["Stage 1", "Stage 2"]);
    expectExampleShape("createJob", result);
  });

  it("leaves an empty Description out of the request", async () => {
    await run("createJob", { ...createParams(), description: "" });
    const [request] = env.emulator.requestsTo("/api/workflow/jobs", "POST");
    expect(request.json).toEqual(createParams());
  });

  it.each([
    [{ name: "" }, /^Name is required/],
    [{ campaignID: "" }, /^Campaign ID is required/],
    [{ accountableID: "bob" }, /^Accountable ID must be a Bynder workflow id/],
    [
      { presetID: "00B627BB-8054-44C0-A343FCF40BC790CD" },
      /^Preset ID must be a Bynder workflow id/,
    ],
    [{ bodyData: '{"deadline": ' }, /^Data must be valid JSON/],
  ])("refuses bad input %p before any request", async (override, message) => {
    const error = await failure("createJob", { ...createParams(), ...override });
    expect(error.message).toMatch(message);
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("passes Bynder's 400 on for a preset that does not exist", async () => {
    const error = await failure("createJob", { ...createParams(), presetID: UNKNOWN });
    expect(error.message).toMatch(/HTTP 400: presetID ".*" is not the ID of a job preset/);
  });
});

describe("updateJob", () => {
  it("puts only the fields given; Data's fields stay when the named input is empty", async () => {
    const job = jobs()[3];
    const stage = [...job.stages].sort((a, b) => a.position - b.position)[1];
    const result = await run("updateJob", {
      id: job.id,
      name: "",
      accountableID: wfUsers()[6],
      bodyData: JSON.stringify({
        name: "Named in Data",
        activeStage: { id: stage.id, status: "Active" },
      }),
    });
    const [request] = env.emulator.requestsTo(`/api/workflow/jobs/${job.id}`, "PUT");
    expect(request.json).toEqual({
      name: "Named in Data",
      accountableID: wfUsers()[6],
      activeStage: { id: stage.id, status: "Active" },
    });
    expect(result.data).toEqual({ status: "Updated", job_id: job.id });
    expect(portal().jobs.get(job.id)).toMatchObject({
      name: "Named in Data",
      accountableID: wfUsers()[6],
    });
    expect(stage.status).toBe("Active");
    expectExampleShape("updateJob", result);
  });

  it("moves a job to another campaign with the Campaign ID input", async () => {
    const job = jobs()[4];
    const target = campaigns().find((c) => c.ID !== job.campaignID)!;
    await run("updateJob", { id: job.id, campaignID: target.ID });
    const [request] = env.emulator.requestsTo(`/api/workflow/jobs/${job.id}`, "PUT");
    expect(request.json).toEqual({ campaignID: target.ID });
    expect(portal().jobs.get(job.id)!.campaignID).toBe(target.ID);
  });

  it("passes Bynder's 404 on", async () => {
    const error = await failure("updateJob", { id: UNKNOWN, name: "X" });
    expect(error.message).toMatch(/HTTP 404: Job not found$/);
  });

  it("refuses a malformed Accountable ID before any request", async () => {
    const error = await failure("updateJob", { id: jobs()[0].id, accountableID: "12" });
    expect(error.message).toMatch(/^Accountable ID must be a Bynder workflow id/);
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("deleteJob", () => {
  it("deletes the job", async () => {
    const created = await run("createJob", createParams());
    const id = created.data.job_id as string;
    const result = await run("deleteJob", { id });
    expect(env.emulator.requestsTo(`/api/workflow/jobs/${id}`, "DELETE")).toHaveLength(1);
    expect(result.data).toBe("");
    expect(portal().jobs.has(id)).toBe(false);
    expectExampleShape("deleteJob", result);
  });

  it("passes Bynder's 404 on", async () => {
    const error = await failure("deleteJob", { id: UNKNOWN });
    expect(error.message).toMatch(/HTTP 404: Job not found$/);
  });
});

describe("getJobPreset", () => {
  it("returns the preset wrapped in {preset}", async () => {
    const preset = portal().presets[0];
    const result = await run("getJobPreset", { id: preset.ID });
    expect(env.emulator.requestsTo(`/api/workflow/presets/job/${preset.ID}`, "GET")).toHaveLength(
      1,
    );
    expect(result.data.preset).toMatchObject({ ID: preset.ID, name: preset.name });
    expect(result.data.preset.presetstages).toHaveLength(preset.stages.length);
    expectExampleShape("getJobPreset", result);
  });

  it("passes Bynder's 404 on and names the input on bad input", async () => {
    const error = await failure("getJobPreset", { id: UNKNOWN });
    expect(error.message).toMatch(/HTTP 404: Preset not found$/);
    env.emulator.clearLog();
    const bad = await failure("getJobPreset", { id: "" });
    expect(bad.message).toMatch(/^Job preset ID is required/);
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("getMediaOfJob", () => {
  it("returns the files on the job", async () => {
    const job = jobs()[0];
    const result = await run("getMediaOfJob", { id: job.id });
    expect(env.emulator.requestsTo(`/api/workflow/jobs/${job.id}/media`, "GET")).toHaveLength(1);
    expect(result.data).toHaveLength(job.mediaIds.length);
    expectExampleShape("getMediaOfJob", result);
  });

  it("passes Bynder's 404 on", async () => {
    const error = await failure("getMediaOfJob", { id: UNKNOWN });
    expect(error.message).toMatch(/HTTP 404: Job not found$/);
  });
});

describe("inputs", () => {
  it("use the incumbent's keys and link ids to their picklists", () => {
    const { inputs } = jobActions.createJob;
    expect(Object.keys(inputs)).toEqual([
      "name",
      "campaignID",
      "accountableID",
      "presetID",
      "description",
      "bodyData",
      "connection",
    ]);
    expect(inputs.accountableID).toMatchObject({ dataSource: "selectWorkflowUser" });
    expect(inputs.campaignID).toMatchObject({ dataSource: "selectCampaign" });
    expect(jobActions.getJob.inputs.id).toMatchObject({ label: "Job ID", dataSource: "selectJob" });
    expect(jobActions.getJobPreset.inputs.id).toMatchObject({ label: "Job preset ID" });
  });
});
