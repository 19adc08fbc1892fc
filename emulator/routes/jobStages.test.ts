import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;

/** A seeded job with at least two stages, reset to its first stage. */
const jobAtStart = () => {
  const job = [...env.emulator.portal.jobs.values()].find((j) => j.stages.length >= 2)!;
  job.dateFinished = null;
  job.stages.forEach((s, i) => (s.status = i === 0 ? "Active" : "Idle"));
  return job;
};

describe("job stages and finish", () => {
  it("lists the stages in order with Bynder's fields", async () => {
    const job = jobAtStart();
    const reply = await call("GET", `/api/workflow/jobs/${job.id}/stages`);
    expect(reply.status).toBe(200);
    expect(reply.body.map((s: { position: number }) => s.position)).toEqual(
      job.stages.map((_s, i) => i + 1),
    );
    expect(Object.keys(reply.body[0]).sort()).toEqual([
      "createdByID",
      "dateCreated",
      "deadline",
      "description",
      "id",
      "name",
      "position",
      "responsible",
      "status",
    ]);
  });

  it("finishes only a job on its last stage, only once (409 otherwise)", async () => {
    const job = jobAtStart();
    const early = await call("PATCH", `/api/workflow/jobs/${job.id}/finish`, { json: {} });
    expect(early).toMatchObject({ status: 409, body: { status: "Job not on last stage." } });
    job.stages.forEach((s, i) => (s.status = i === job.stages.length - 1 ? "Active" : "Approved"));
    const done = await call("PATCH", `/api/workflow/jobs/${job.id}/finish`);
    expect(done).toMatchObject({ status: 200, body: { status: "Finished", job_id: job.id } });
    const again = await call("PATCH", `/api/workflow/jobs/${job.id}/finish`);
    expect(again).toMatchObject({ status: 409, body: { status: "Job already finished." } });
  });

  it("needs workflow.job:approve to finish", async () => {
    const token = env.emulator.issueToken(["workflow.job:read", "workflow.job:write"]);
    const reply = await call("PATCH", `/api/workflow/jobs/${jobAtStart().id}/finish`, { token });
    expect(reply.status).toBe(403);
  });
});
