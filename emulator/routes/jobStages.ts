/**
 * A job's stages (`GET /api/workflow/jobs/{id}/stages`) and finishing a job
 * (`PATCH /api/workflow/jobs/{id}/finish`, scope workflow.job:approve, role JOBAPPROVE): only a
 * job on its last stage can be finished, and only once; otherwise 409 with workflow's
 * `{status, message}`. Moving a job between stages is Modify job's activeStage/nextStage/
 * previousStage (`jobs.ts`).
 */
import { route, type Handler, type Route } from "../context";
import { json } from "../http";
import type { Job, JobStage } from "../portal";
import { isoOffset } from "../util";
import { activeIndex, byPosition, failure, findJob, offsetOrNull } from "../workflow";

const stageView = (job: Job, stage: JobStage) => ({
  id: stage.id,
  name: stage.name,
  description: "",
  deadline: offsetOrNull(stage.deadline),
  dateCreated: isoOffset(job.dateCreated),
  createdByID: job.createdByID,
  status: stage.status,
  position: stage.position,
  responsible: stage.responsibleID ? { id: stage.responsibleID, type: "user" } : null,
});

const listStages: Handler = (req, { portal }) => {
  const job = findJob(portal, req.params.id);
  return json(
    200,
    byPosition(job.stages).map((stage) => stageView(job, stage)),
  );
};

/**
 * The reference declares a JSON body shaped like the answer ({status, job_id}); what it is for is
 * not said, so any body (or none) is accepted. UNCONFIRMED.
 */
const finishJob: Handler = (req, { portal }) => {
  const job = findJob(portal, req.params.id);
  if (job.dateFinished != null) {
    throw failure(409, "Job already finished.", "Re-open the job to finish again.");
  }
  const stages = byPosition(job.stages);
  if (stages.length && activeIndex(stages) !== stages.length - 1) {
    throw failure(
      409,
      "Job not on last stage.",
      `Advance the job ${job.id} to the last stage to finish.`,
    );
  }
  const last = stages[stages.length - 1];
  if (last) last.status = "Approved";
  job.dateFinished = portal.now();
  portal.touch(job);
  return json(200, { status: "Finished", job_id: job.id });
};

export const jobStageRoutes: Route[] = [
  route("GET", "/api/workflow/jobs/:id/stages", "workflow.job:read", listStages),
  route("PATCH", "/api/workflow/jobs/:id/finish", "workflow.job:approve", finishJob),
];
