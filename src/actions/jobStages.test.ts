/** The job stage actions of jobs.ts (List Job Stages, Update Job Stage, Finish Job) and their picklist. */
import { isConnectionError } from "@prismatic-io/spectral";
import type { Job } from "../../emulator/portal";
import { DEFAULT_SCOPES } from "../connections";
import * as examples from "../examplePayloads/picklists";
import {
  errorOf,
  expectExampleShape,
  harness,
  type Loose,
  runWithScopes,
  useEmulator,
} from "../../test/support";

const env = useEmulator();
const APPROVE_SCOPES = `${DEFAULT_SCOPES} workflow.job:approve`;
const run = runWithScopes(env, APPROVE_SCOPES);
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/** A fresh job of three stages, the first one active. */
const newJob = (): Job => {
  const portal = env.emulator.portal;
  const template = [...portal.jobs.values()][0];
  const id = portal.uuid();
  const job: Job = {
    ...template,
    id,
    dateFinished: null,
    stages: ["Briefing", "Design", "Sign-off"].map((name, i) => ({
      id: portal.uuid(),
      position: i + 1,
      name,
      status: i === 0 ? "Active" : "Idle",
      responsibleID: portal.workflowUsers[i % portal.workflowUsers.length].ID,
      deadline: Date.UTC(2025, 5, 30 + i, 17),
    })),
  };
  portal.jobs.set(id, job);
  return job;
};
const statuses = (job: Job) => job.stages.map((s) => s.status);

describe("listJobStages", () => {
  it("returns the job's stages in order", async () => {
    const job = newJob();
    const result = await run("listJobStages", { id: job.id });
    expect(env.emulator.requestsTo("/api/workflow/jobs")[0].path).toBe(
      `/api/workflow/jobs/${job.id}/stages`,
    );
    expect(result.data.map((s: Loose) => [s.id, s.position, s.name, s.status])).toEqual(
      job.stages.map((s) => [s.id, s.position, s.name, s.status]),
    );
    expectExampleShape("listJobStages", result);
  });

  it("passes Bynder's 404 message on", async () => {
    await expect(run("listJobStages", { id: UNKNOWN })).rejects.toThrow(
      `Bynder GET /api/workflow/jobs/${UNKNOWN}/stages/ failed with HTTP 404: Job not found`,
    );
  });
});

describe("updateJobStage", () => {
  it("moves the job to its next stage: the one before approved, the one after idle", async () => {
    const job = newJob();
    const [s1, s2, s3] = job.stages.map((s) => s.id);
    const result = await run("updateJobStage", {
      jobId: job.id,
      moveTo: "next",
      deadline: "2025-06-30T17:00:00Z",
    });
    const [read] = env.emulator.requestsTo(`/api/workflow/jobs/${job.id}`, "GET");
    expect(read.path).toBe(`/api/workflow/jobs/${job.id}`);
    const [write] = env.emulator.requestsTo(`/api/workflow/jobs/${job.id}`, "PUT");
    expect(write.json).toEqual({
      previousStage: { id: s1, status: "Approved" },
      activeStage: { id: s2, status: "Active", deadline: "2025-06-30T17:00:00Z" },
      nextStage: { id: s3, status: "Idle" },
    });
    expect(result.data).toEqual({ status: "Updated", job_id: job.id });
    expect(statuses(job)).toEqual(["Approved", "Active", "Idle"]);
    expect(job.stages[1].deadline).toBe(Date.parse("2025-06-30T17:00:00Z")); // was July 1st
    expectExampleShape("updateJobStage", result);
  });

  it("sends the job back to its previous stage, or to a chosen stage", async () => {
    const job = newJob();
    await run("updateJobStage", { jobId: job.id, moveTo: "stage", stageId: job.stages[2].id });
    expect(statuses(job)).toEqual(["Approved", "Approved", "Active"]);
    await run("updateJobStage", { jobId: job.id, moveTo: "previous", status: "NeedsChanges" });
    expect(statuses(job)).toEqual(["Approved", "NeedsChanges", "Idle"]);
    const writes = env.emulator.requestsTo(`/api/workflow/jobs/${job.id}`, "PUT");
    expect(writes[1].json).toEqual({
      previousStage: { id: job.stages[0].id, status: "Approved" },
      activeStage: { id: job.stages[1].id, status: "NeedsChanges" },
      nextStage: { id: job.stages[2].id, status: "Idle" },
    });
  });

  it("refuses a stage that is not the job's, or a move past either end, without writing", async () => {
    const job = newJob();
    await expect(
      run("updateJobStage", { jobId: job.id, moveTo: "stage", stageId: UNKNOWN }),
    ).rejects.toThrow(`Stage ID ${UNKNOWN} is not a stage of job ${job.id}.`);
    await expect(run("updateJobStage", { jobId: job.id, moveTo: "previous" })).rejects.toThrow(
      `Job ${job.id} is on its first stage: there is no previous stage.`,
    );
    job.stages.forEach((s, i) => (s.status = i === 2 ? "Active" : "Approved"));
    await expect(run("updateJobStage", { jobId: job.id, moveTo: "next" })).rejects.toThrow(
      `Job ${job.id} is on its last stage: there is no next stage. Finish it with Finish Job.`,
    );
    expect(env.emulator.requestsTo("/api/workflow/jobs", "PUT")).toEqual([]);
  });

  it("rejects bad input before calling Bynder", async () => {
    const job = newJob();
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [
        { jobId: job.id, moveTo: "stage" },
        "Stage ID is required when Move To is The stage in Stage ID.",
      ],
      [
        { jobId: job.id, moveTo: "next", stageId: job.stages[1].id },
        "Stage ID applies only when Move To is The stage in Stage ID.",
      ],
      [{ jobId: job.id, moveTo: "sideways" }, /^Move To must be one of next, previous, stage/],
      [{ jobId: job.id, status: "Done" }, /^Stage Status must be one of Active, NeedsChanges/],
      [{ jobId: "job-1" }, /^Job ID must be a Bynder workflow id/],
    ];
    for (const [params, message] of cases) {
      await expect(run("updateJobStage", params)).rejects.toThrow(message);
    }
    expect(env.emulator.requests).toEqual([]);
  });

  it("passes Bynder's 404 message on", async () => {
    await expect(run("updateJobStage", { jobId: UNKNOWN, moveTo: "next" })).rejects.toThrow(
      `Bynder GET /api/workflow/jobs/${UNKNOWN}/ failed with HTTP 404: Job not found`,
    );
  });
});

describe("finishJob", () => {
  it("finishes a job on its last stage, once", async () => {
    const job = newJob();
    job.stages.forEach((s, i) => (s.status = i === 2 ? "Active" : "Approved"));
    const result = await run("finishJob", { id: job.id });
    const [request] = env.emulator.requestsTo(`/api/workflow/jobs/${job.id}/finish`, "PATCH");
    expect(request.contentType).toBe("application/json");
    expect(result.data).toEqual({ status: "Finished", job_id: job.id });
    expect(job.dateFinished).not.toBeNull();
    expectExampleShape("finishJob", result);

    await expect(run("finishJob", { id: job.id })).rejects.toThrow(
      `Bynder PATCH /api/workflow/jobs/${job.id}/finish/ failed with HTTP 409: Re-open the job to finish again. (Job already finished.). Bynder finishes a job only once, and only from its last stage: move it there with Update Job Stage.`,
    );
  });

  it("says why Bynder refuses a job that is not on its last stage", async () => {
    const job = newJob();
    await expect(run("finishJob", { id: job.id })).rejects.toThrow(
      `Bynder PATCH /api/workflow/jobs/${job.id}/finish/ failed with HTTP 409: Advance the job ${job.id} to the last stage to finish. (Job not on last stage.). Bynder finishes a job only once, and only from its last stage: move it there with Update Job Stage.`,
    );
    expect(job.dateFinished).toBeNull();
  });

  it("says which scope the connection lacks, without calling Bynder", async () => {
    const error = await errorOf(run("finishJob", { id: newJob().id }, DEFAULT_SCOPES));
    expect(isConnectionError(error)).toBe(true);
    expect(error.message).toBe(
      "Finish Job needs the workflow.job:approve scope, which this Bynder connection does not request. Add \"workflow.job:approve\" to the connection's Scopes and connect again; the connection's Bynder user also needs the JOBAPPROVE role.",
    );
    expect(env.emulator.requests).toEqual([]);
  });
});

describe("selectJobStage", () => {
  it("lists the stages of the job in Job ID, in order", async () => {
    const job = newJob();
    const { result } = (await harness.dataSource("selectJobStage", {
      connection: env.connection,
      jobId: job.id,
    })) as { result: { key: string; label: string }[] };
    expect(result).toEqual([
      { key: job.stages[0].id, label: "1. Briefing (Active)" },
      { key: job.stages[1].id, label: "2. Design (Idle)" },
      { key: job.stages[2].id, label: "3. Sign-off (Idle)" },
    ]);
    expect(examples.selectJobStage).toHaveLength(2);
  });
});
