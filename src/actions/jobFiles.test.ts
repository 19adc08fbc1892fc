import { createHash } from "node:crypto";
import {
  errorOf,
  expectExampleShape,
  harness,
  useEmulator,
  type ActionResult,
} from "../../test/support";

const env = useEmulator();
const run = (params: Record<string, unknown>) =>
  harness.action("uploadFileToJob", {
    connection: env.connection,
    chunkSizeMiB: "5",
    ...params,
  }) as Promise<ActionResult>;
const job = () => [...env.emulator.portal.jobs.values()][0];

describe("uploadFileToJob", () => {
  it("uploads through the files service and attaches the file to the job", async () => {
    const bytes = Buffer.alloc(6 * 1024 * 1024 + 123, 7); // two chunks of 5 MiB
    const result = await run({
      jobId: job().id,
      file: { data: bytes, contentType: "application/pdf" },
      fileName: "Brief.pdf",
    });
    expect(env.emulator.requestsTo("/v7/file_cmds/upload", "POST").map((r) => r.path)).toEqual([
      "/v7/file_cmds/upload/prepare",
      expect.stringMatching(/\/chunk\/[01]$/),
      expect.stringMatching(/\/chunk\/[01]$/),
      expect.stringMatching(/\/finalise_api$/),
    ]);
    const finalise = env.emulator.requestsTo(/finalise_api$/)[0];
    expect(finalise.form?.sha256).toEqual([createHash("sha256").update(bytes).digest("hex")]);
    expect(env.emulator.requestsTo("/api/workflow/jobs", "GET")[0].path).toBe(
      `/api/workflow/jobs/${job().id}`,
    );
    const [attach] = env.emulator.requestsTo("/workflow-jobs", "POST");
    expect(attach.path).toBe(`/workflow-jobs/${job().id}/upload`);
    expect(attach.json).toEqual({
      fileId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Brief.pdf",
      fileSize: bytes.length,
    });
    expect(result.data).toEqual({ mediaId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(job().files?.at(-1)).toMatchObject({
      mediaId: result.data.mediaId,
      name: "Brief.pdf",
      fileSize: bytes.length,
    });
    expectExampleShape("uploadFileToJob", result);
  });

  it("checks the job before uploading, passing Bynder's message on", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const error = await errorOf(
      run({ jobId: unknown, file: { data: Buffer.from("hi") }, fileName: "a.txt" }),
    );
    expect(error.message).toBe(
      `Bynder GET /api/workflow/jobs/${unknown}/ failed with HTTP 404: Job not found`,
    );
    expect(env.emulator.requestsTo("/v7")).toEqual([]);
  });

  it("passes the files service's refusal of the attach on", async () => {
    env.emulator.faults.inject({
      path: `/workflow-jobs/${job().id}/upload`,
      steps: [{ status: 403, body: { message: "Only available for Files-Service portals" } }],
    });
    await expect(
      run({ jobId: job().id, file: { data: Buffer.from("hi") }, fileName: "a.txt" }),
    ).rejects.toThrow(
      `Bynder POST /workflow-jobs/${job().id}/upload failed with HTTP 403: Only available for Files-Service portals`,
    );
  });

  it("rejects bad input before calling Bynder", async () => {
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ jobId: job().id }, "File or Source URL: give exactly one of them (neither was given)."],
      [
        { jobId: job().id, file: { data: Buffer.from("x") } },
        "File Name is required with File (file data carries no name).",
      ],
      [
        { jobId: job().id, file: { data: Buffer.from("x") }, fileName: "a.txt", assetId: "v2" },
        /^Parent Asset ID must be an asset id/,
      ],
    ];
    for (const [params, message] of cases) {
      await expect(run(params)).rejects.toThrow(message);
    }
    expect(env.emulator.requests).toEqual([]);
  });
});
