import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;

const RFC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const portal = () => env.emulator.portal;
const dashless = (id: string) => id.replace(/-/g, "");

describe("job presets", () => {
  it("returns a job preset wrapped in {preset}", async () => {
    const preset = portal().presets[1];
    const reply = await call("GET", `/api/workflow/presets/job/${dashless(preset.ID)}/`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      preset: {
        ID: preset.ID,
        name: preset.name,
        wf_uuid: expect.stringMatching(RFC_ID),
        ftp_settings: {},
        presetstages: preset.stages.map((stage) => ({
          ID: stage.ID,
          name: stage.name,
          description: stage.description,
          position: `${stage.position}.0`,
          editableBy: "all",
          restrictToGroupID: null,
          type: expect.any(String),
          responsibleID: stage.responsibleID,
          responsibleGroupID: null,
        })),
      },
    });
    const unknown = await call(
      "GET",
      "/api/workflow/presets/job/00000000-0000-4000-8000-000000000000",
    );
    expect(unknown.status).toBe(404);
    const noScope = env.emulator.issueToken(["workflow.job:read"]);
    expect(
      (await call("GET", `/api/workflow/presets/job/${preset.ID}`, { token: noScope })).status,
    ).toBe(403);
  });
});
