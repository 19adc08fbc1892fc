import { errorOf, expectExampleShape, harness, useEmulator } from "../../test/support";
import { campaignActions } from "./campaigns";

const env = useEmulator();

const run = (key: keyof typeof campaignActions, params: Record<string, unknown> = {}) =>
  harness.action(key, { connection: env.connection, ...params }) as Promise<{ data: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

const failure = (key: keyof typeof campaignActions, params: Record<string, unknown>) =>
  errorOf(run(key, params));

const portal = () => env.emulator.portal;
const wfUsers = () => portal().workflowUsers.map((u) => u.ID);
const campaigns = () => [...portal().campaigns.values()];
const dashless = (id: string) => id.replace(/-/g, "");
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

const createParams = () => ({
  name: "Autumn push",
  key: "AUTU",
  description: "Autumn campaign",
  responsibleID: wfUsers()[1],
});

describe("listCampaigns", () => {
  it("returns Bynder's campaign array", async () => {
    const result = await run("listCampaigns");
    const [request] = env.emulator.requestsTo("/api/workflow/campaigns");
    expect(request).toMatchObject({ method: "GET", path: "/api/workflow/campaigns" });
    expect(result.data.map((c: { ID: string }) => c.ID)).toEqual(
      [...campaigns()].sort((a, b) => a.dateCreated - b.dateCreated).map((c) => c.ID),
    );
    expectExampleShape("listCampaigns", result);
  });
});

describe("getCampaign", () => {
  it("gets one campaign by id", async () => {
    const { ID, name } = campaigns()[0];
    const result = await run("getCampaign", { id: ID });
    expect(env.emulator.requestsTo(`/api/workflow/campaigns/${ID}`, "GET")).toHaveLength(1);
    expect(result.data).toMatchObject({ ID, name });
    expectExampleShape("getCampaign", result);
  });

  it("accepts the 32-hex id that Create Campaign returns", async () => {
    const { ID } = campaigns()[0];
    const result = await run("getCampaign", { id: dashless(ID) });
    expect(result.data.ID).toBe(ID);
  });

  it("passes Bynder's 404 message on", async () => {
    const error = await failure("getCampaign", { id: UNKNOWN });
    expect(error.message).toBe(
      `Bynder GET /api/workflow/campaigns/${UNKNOWN}/ failed with HTTP 404: Campaign not found`,
    );
  });

  it("refuses a malformed id before any request", async () => {
    const error = await failure("getCampaign", { id: "12345" });
    expect(error.message).toMatch(/^Campaign ID must be a Bynder workflow id/);
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("createCampaign", () => {
  it("posts JSON with the named inputs overriding Data, and returns the new id", async () => {
    const result = await run("createCampaign", {
      ...createParams(),
      bodyData: JSON.stringify({
        name: "Overridden by the Name input",
        dateStart: "2025-09-01T00:00:00",
        deadline: "2025-11-30T00:00:00",
        campaignMetaproperties: { [UNKNOWN]: "Europe" },
      }),
    });
    const [request] = env.emulator.requestsTo("/api/workflow/campaigns", "POST");
    expect(request.path).toBe("/api/workflow/campaigns");
    expect(request.contentType).toMatch(/^application\/json/);
    expect(request.json).toEqual({
      ...createParams(),
      dateStart: "2025-09-01T00:00:00",
      deadline: "2025-11-30T00:00:00",
      campaignMetaproperties: { [UNKNOWN]: "Europe" },
    });
    expect(result.data).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const stored = campaigns().find((c) => dashless(c.ID) === result.data.id)!;
    expect(stored).toMatchObject({ name: "Autumn push", key: "AUTU", responsibleID: wfUsers()[1] });
    expectExampleShape("createCampaign", result);
  });

  it("sends just the named inputs when Data is empty", async () => {
    await run("createCampaign", { ...createParams(), bodyData: "" });
    const [request] = env.emulator.requestsTo("/api/workflow/campaigns", "POST");
    expect(request.json).toEqual(createParams());
  });

  it.each([
    [{ name: "" }, /^Name is required/],
    [{ key: "ABC" }, /^Key must be exactly 4 characters; got "ABC"/],
    [{ description: "  " }, /^Description is required/],
    [{ responsibleID: "ada" }, /^Responsible ID must be a Bynder workflow id/],
    [{ bodyData: "{not json" }, /^Data must be valid JSON/],
    [{ bodyData: "[1,2]" }, /^Data must be a JSON object/],
  ])("refuses bad input %p before any request", async (override, message) => {
    const error = await failure("createCampaign", { ...createParams(), ...override });
    expect(error.message).toMatch(message);
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("passes Bynder's 400 on when the responsible user is not a workflow user", async () => {
    const error = await failure("createCampaign", { ...createParams(), responsibleID: UNKNOWN });
    expect(error.message).toMatch(
      /HTTP 400: responsibleID "0{8}-0000-4000-8000-0{12}" is not the ID of a workflow user/,
    );
  });
});

describe("updateCampaign", () => {
  it("puts the campaign's fields as JSON and returns Bynder's {id}", async () => {
    const { ID } = campaigns()[1];
    const result = await run("updateCampaign", {
      id: ID,
      ...createParams(),
      name: "Holiday Season 2",
      bodyData: JSON.stringify({ closed: false, deadline: "2025-12-24T00:00:00" }),
    });
    const [request] = env.emulator.requestsTo(`/api/workflow/campaigns/${ID}`, "PUT");
    expect(request.json).toEqual({
      ...createParams(),
      name: "Holiday Season 2",
      closed: false,
      deadline: "2025-12-24T00:00:00",
    });
    expect(result.data).toEqual({ id: dashless(ID) });
    expect(portal().campaigns.get(ID)).toMatchObject({
      name: "Holiday Season 2",
      deadline: Date.UTC(2025, 11, 24),
    });
    expectExampleShape("updateCampaign", result);
  });

  it("passes Bynder's 404 on", async () => {
    const error = await failure("updateCampaign", { id: UNKNOWN, ...createParams() });
    expect(error.message).toMatch(/HTTP 404: Campaign not found$/);
  });

  it("refuses a missing Key before any request", async () => {
    const { ID } = campaigns()[1];
    const error = await failure("updateCampaign", { id: ID, ...createParams(), key: undefined });
    expect(error.message).toMatch(/^Key is required/);
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("closeCampaign", () => {
  it("closes (not deletes) through the documented POST /campaigns/{id}/ without a body", async () => {
    const created = await run("createCampaign", createParams());
    const id = created.data.id as string;
    env.emulator.clearLog();
    const result = await run("closeCampaign", { id });
    const [request] = env.emulator.requests;
    expect(request).toMatchObject({ method: "POST", path: `/api/workflow/campaigns/${id}` });
    expect(request.bodyBytes).toBe(0);
    expect(result.data).toBe("");
    const stored = campaigns().find((c) => dashless(c.ID) === id)!;
    expect(stored.closed).toBe(true);
    expectExampleShape("closeCampaign", result);
  });

  it("passes Bynder's 404 on", async () => {
    const error = await failure("closeCampaign", { id: UNKNOWN });
    expect(error.message).toMatch(/HTTP 404: Campaign not found$/);
  });
});

describe("deleteCampaign", () => {
  it("deletes the campaign", async () => {
    const created = await run("createCampaign", createParams());
    const id = created.data.id as string;
    const result = await run("deleteCampaign", { id });
    expect(env.emulator.requestsTo(`/api/workflow/campaigns/${id}`, "DELETE")).toHaveLength(1);
    expect(result.data).toBe("");
    expect(campaigns().some((c) => dashless(c.ID) === id)).toBe(false);
    expectExampleShape("deleteCampaign", result);
  });

  it("passes Bynder's 404 on", async () => {
    const error = await failure("deleteCampaign", { id: UNKNOWN });
    expect(error.message).toMatch(/HTTP 404: Campaign not found$/);
  });
});

describe("listWorkflowUsers", () => {
  it("returns the workflow users whose IDs campaigns and jobs take", async () => {
    const result = await run("listWorkflowUsers");
    const [request] = env.emulator.requestsTo("/api/workflow/users", "GET");
    expect(request.path).toBe("/api/workflow/users");
    expect(result.data.map((u: { ID: string }) => u.ID)).toEqual(wfUsers());
    const first = portal().users.get(portal().workflowUsers[0].userId)!;
    expect(result.data[0].BynderUser).toMatchObject({ id: first.id, email: first.email });
    expectExampleShape("listWorkflowUsers", result);
  });
});

describe("inputs", () => {
  it("link responsible users to the workflow-user picklist and campaigns to selectCampaign", () => {
    expect(campaignActions.createCampaign.inputs.responsibleID).toMatchObject({
      dataSource: "selectWorkflowUser",
      required: true,
    });
    expect(campaignActions.getCampaign.inputs.id).toMatchObject({
      label: "Campaign ID",
      dataSource: "selectCampaign",
    });
  });
});
