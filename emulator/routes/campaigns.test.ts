import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;

const OFFSET_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
const NO_ZONE_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;
const RFC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const portal = () => env.emulator.portal;
const dashless = (id: string) => id.replace(/-/g, "");
const workflowUserIds = () => portal().workflowUsers.map((u) => u.ID);
const firstCampaign = () => [...portal().campaigns.values()][0];

const newCampaign = async (extra: Record<string, unknown> = {}) => {
  const reply = await call("POST", "/api/workflow/campaigns/", {
    json: {
      name: "Autumn push",
      key: "AUTU",
      description: "Autumn campaign",
      responsibleID: workflowUserIds()[1],
      ...extra,
    },
  });
  expect(reply.status).toBe(201);
  return reply;
};

describe("campaigns", () => {
  it("lists campaigns with an upper-case ID and workflow date formats", async () => {
    const reply = await call("GET", "/api/workflow/campaigns/");
    expect(reply.status).toBe(200);
    expect(Array.isArray(reply.body)).toBe(true);
    expect(reply.body.length).toBe(portal().campaigns.size);
    const [campaign] = reply.body;
    expect(Object.keys(campaign).sort()).toEqual(
      [
        "ID",
        "name",
        "key",
        "closed",
        "description",
        "dateStart",
        "deadline",
        "accountID",
        "presetID",
        "createdByID",
        "responsibleID",
        "dateCreated",
        "dateModified",
        "thumbnailURL",
        "campaignMetaproperties",
      ].sort(),
    );
    expect(campaign.ID).toMatch(RFC_ID);
    expect(campaign.id).toBeUndefined();
    expect(campaign.dateCreated).toMatch(OFFSET_DATE);
    expect(campaign.dateModified).toMatch(OFFSET_DATE);
    expect(campaign.dateStart).toMatch(OFFSET_DATE);
    expect(campaign.deadline).toMatch(NO_ZONE_DATE);
    expect(campaign.closed).toBe(false);
    expect(workflowUserIds()).toContain(campaign.responsibleID);
  });

  it("gets one campaign by its dashed, dashless or upper-case id, with or without a slash", async () => {
    const { ID, name } = firstCampaign();
    for (const id of [ID, dashless(ID), ID.toUpperCase()]) {
      for (const slash of ["", "/"]) {
        const reply = await call("GET", `/api/workflow/campaigns/${id}${slash}`);
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ ID, name });
      }
    }
  });

  it("answers 404 with a message for unknown and malformed ids", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      const reply = await call("GET", `/api/workflow/campaigns/${id}`);
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ status: "Not Found", message: "Campaign not found" });
    }
  });

  it("creates a campaign: 201 with a dashless id and a Location header", async () => {
    const responsible = workflowUserIds()[2];
    const reply = await newCampaign({
      responsibleID: dashless(responsible).toUpperCase(),
      dateStart: "2025-01-01T00:00:00",
      deadline: "2025-03-31T00:00:00Z",
      closed: false,
      campaignMetaproperties: { "00000000-0000-4000-8000-000000000001": "Europe" },
    });
    expect(reply.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const stored = [...portal().campaigns.values()].find((c) => dashless(c.ID) === reply.body.id)!;
    expect(reply.headers.get("location")).toBe(
      `${env.emulator.url}/api/workflow/campaigns/${stored.ID}/`,
    );
    const fetched = await call("GET", `/api/workflow/campaigns/${reply.body.id}`);
    expect(fetched.body).toMatchObject({
      ID: stored.ID,
      name: "Autumn push",
      key: "AUTU",
      description: "Autumn campaign",
      responsibleID: responsible,
      dateStart: "2025-01-01T00:00:00+00:00",
      deadline: "2025-03-31T00:00:00",
      closed: false,
      campaignMetaproperties: { "00000000-0000-4000-8000-000000000001": "Europe" },
    });
    // The token's user is the OAuth app's assigned user.
    const creator = portal().workflowUsers.find((u) => u.userId === portal().defaultUserId())!;
    expect(fetched.body.createdByID).toBe(creator.ID);
  });

  it("refuses a campaign without its required fields, naming the field", async () => {
    const valid = {
      name: "X",
      key: "ABCD",
      description: "Y",
      responsibleID: workflowUserIds()[0],
    };
    for (const field of ["name", "key", "description", "responsibleID"]) {
      const body: Record<string, unknown> = { ...valid };
      delete body[field];
      const reply = await call("POST", "/api/workflow/campaigns", { json: body });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toBe(`${field} is required.`);
    }
    const badKey = await call("POST", "/api/workflow/campaigns", {
      json: { ...valid, key: "ABC" },
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toMatch(/key must be exactly 4 characters/);
    // A v4 (asset-bank) user id is not a workflow user id.
    const v4User = [...portal().users.keys()][0];
    const notWorkflow = await call("POST", "/api/workflow/campaigns", {
      json: { ...valid, responsibleID: v4User },
    });
    expect(notWorkflow.status).toBe(400);
    expect(notWorkflow.body.message).toMatch(/responsibleID .* is not the ID of a workflow user/);
    const badDate = await call("POST", "/api/workflow/campaigns", {
      json: { ...valid, deadline: "next week" },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.message).toMatch(/deadline must be an ISO 8601 date/);
  });

  it("takes JSON only: form bodies get 415, empty or broken bodies 400", async () => {
    const form = await call("POST", "/api/workflow/campaigns", {
      body: "name=X&key=ABCD&description=Y",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect(form.body.message).toMatch(/application\/json/);
    const empty = await call("POST", "/api/workflow/campaigns", {
      contentType: "application/json",
    });
    expect(empty.status).toBe(400);
    const broken = await call("POST", "/api/workflow/campaigns", {
      body: "{not json",
      contentType: "application/json",
    });
    expect(broken.status).toBe(400);
    const array = await call("POST", "/api/workflow/campaigns", { json: [1, 2] });
    expect(array.status).toBe(400);
  });

  it("updates a campaign (PUT → 201 {id}) and stamps dateModified with the portal clock", async () => {
    const created = await newCampaign();
    const at = Date.UTC(2025, 5, 1, 12, 30, 45);
    const realNow = portal().now;
    portal().now = () => at;
    try {
      const reply = await call("PUT", `/api/workflow/campaigns/${created.body.id}/`, {
        json: {
          name: "Autumn push v2",
          key: "AUT2",
          description: "Changed",
          responsibleID: workflowUserIds()[3],
          closed: true,
        },
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({ id: created.body.id });
    } finally {
      portal().now = realNow;
    }
    const fetched = await call("GET", `/api/workflow/campaigns/${created.body.id}`);
    expect(fetched.body).toMatchObject({
      name: "Autumn push v2",
      key: "AUT2",
      description: "Changed",
      responsibleID: workflowUserIds()[3],
      closed: true,
      dateModified: "2025-06-01T12:30:45+00:00",
      // Not sent, so unchanged.
      campaignMetaproperties: {},
    });
    const missing = await call("PUT", `/api/workflow/campaigns/${created.body.id}`, {
      json: { name: "Only a name" },
    });
    expect(missing.status).toBe(400);
    const unknown = await call("PUT", "/api/workflow/campaigns/00000000000040008000000000000000", {
      json: { name: "X", key: "ABCD", description: "Y", responsibleID: workflowUserIds()[0] },
    });
    expect(unknown.status).toBe(404);
  });

  it("closes a campaign on both the documented and the /close path (204)", async () => {
    for (const suffix of ["", "/close"]) {
      const created = await newCampaign();
      const reply = await call("POST", `/api/workflow/campaigns/${created.body.id}${suffix}`);
      expect(reply.status).toBe(204);
      expect(reply.text).toBe("");
      const fetched = await call("GET", `/api/workflow/campaigns/${created.body.id}`);
      expect(fetched.body.closed).toBe(true);
    }
    const unknown = await call(
      "POST",
      "/api/workflow/campaigns/00000000-0000-4000-8000-000000000000/close",
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe("Campaign not found");
  });

  it("deletes a campaign (204) and its jobs", async () => {
    const created = await newCampaign();
    const job = await call("POST", "/api/workflow/jobs", {
      json: {
        name: "Doomed",
        campaignID: created.body.id,
        accountableID: workflowUserIds()[0],
        presetID: portal().presets[0].ID,
      },
    });
    expect(job.status).toBe(201);
    const reply = await call("DELETE", `/api/workflow/campaigns/${created.body.id}`);
    expect(reply.status).toBe(204);
    expect((await call("GET", `/api/workflow/campaigns/${created.body.id}`)).status).toBe(404);
    expect((await call("GET", `/api/workflow/jobs/${job.body.job_id}`)).status).toBe(404);
    expect((await call("DELETE", `/api/workflow/campaigns/${created.body.id}`)).status).toBe(404);
  });

  it("checks the workflow.campaign scopes and the token", async () => {
    const readOnly = env.emulator.issueToken(["workflow.campaign:read"]);
    expect((await call("GET", "/api/workflow/campaigns", { token: readOnly })).status).toBe(200);
    const write = await call("POST", "/api/workflow/campaigns", {
      token: readOnly,
      json: { name: "X", key: "ABCD", description: "Y", responsibleID: workflowUserIds()[0] },
    });
    expect(write.status).toBe(403);
    const close = await call("POST", `/api/workflow/campaigns/${firstCampaign().ID}/close`, {
      token: readOnly,
    });
    expect(close.status).toBe(403);
    const anonymous = await call("GET", "/api/workflow/campaigns", { token: "nope" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toBe("Invalid or expired token.");
  });
});
