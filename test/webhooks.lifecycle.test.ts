/**
 * The Webhook Events trigger's lifecycle against the emulator's configuration API: what Bynder
 * received and what the flow keeps in crossFlowState.
 */
import { isConnectionError } from "@prismatic-io/spectral";
import { DEFAULT_SCOPES } from "../src/connections";
import { DEFAULT_EVENTS } from "../src/triggers/webhook/events";
import { MANAGE_WEBHOOKS_ROLE } from "../emulator/webhooks";
import { connectionTo, errorOf, useEmulator } from "./support";
import { Flow, WEBHOOK_SCOPES } from "./webhooks.support";

const env = useEmulator();
const BASE = "/v7/webhooks/public/api/subscriptions";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// Nothing listens there: the confirmations SNS sends in these tests are refused at once.
const ENDPOINT_A = "http://127.0.0.1:9/trigger/flow-a";
const ENDPOINT_B = "http://127.0.0.1:9/trigger/flow-b";

const connection = (scopes = WEBHOOK_SCOPES) => connectionTo(env.emulator, scopes);
const webhooks = () => env.emulator.portal.webhooks;
const configs = () => [...webhooks().configs.values()];
const calls = () => env.emulator.requestsTo(BASE).map((r) => `${r.method} ${r.path}`);

beforeAll(() => {
  webhooks().sns.deliverer.policy = { retries: 0, delayMs: 10, timeoutMs: 500 };
});
beforeEach(() => {
  for (const config of configs()) webhooks().remove(config);
  webhooks().createForm = "both";
  webhooks().listSupported = true;
});

describe("create", () => {
  it("registers a configuration for the flow's URL and keeps its id under the flow's stable id", async () => {
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    const [config] = configs();
    expect(config).toMatchObject({
      name: "Prismatic: Acme DAM sync / Asset changes",
      endpoint: ENDPOINT_A,
      protocol: "https",
      events: DEFAULT_EVENTS,
      preArchivedNotificationDays: null,
    });
    const post = env.emulator.requestsTo(BASE, "POST")[0];
    expect(post.path).toBe(`${BASE}/${config.id}`);
    expect(config.id).toMatch(UUID);
    expect(post.headers["content-type"]).toBe("application/json");
    expect(flow.state).toEqual({
      v: 1,
      configId: config.id,
      endpoint: ENDPOINT_A,
      name: "Prismatic: Acme DAM sync / Asset changes",
      events: DEFAULT_EVENTS,
      createdAt: expect.any(String),
      seen: [],
    });
    expect(flow.crossFlowState.otherFlow).toEqual({ kept: true });
  });

  it("sends the chosen events, the pre-archive notice and the name given", async () => {
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection(), {
      events: ["asset_bank.media.pre_archived", "workflow.job.create"],
      preArchiveDays: "14",
      configurationName: "ERP sync",
    });
    const [post] = env.emulator.requestsTo(BASE, "POST");
    expect(post.json).toEqual({
      name: "ERP sync",
      endpoint: ENDPOINT_A,
      protocol: "https",
      events: ["asset_bank.media.pre_archived", "workflow.job.create"],
      preArchivedNotificationDays: 14,
    });
  });

  it("on a redeploy to the same URL updates the events (PUT) and keeps the configuration and its pin", async () => {
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    const { configId } = flow.state as { configId: string };
    flow.crossFlowState = {
      ...flow.crossFlowState,
      [flow.stableId]: { ...flow.state, topicArn: "arn:aws:sns:eu-west-1:123456789012:t" },
    };
    env.emulator.clearLog();
    await flow.create(connection(), { events: ["asset_bank.media.deleted"] });
    expect(calls()).toEqual([`GET ${BASE}/${configId}`, `PUT ${BASE}/${configId}`, `GET ${BASE}`]);
    expect(env.emulator.requestsTo(BASE, "PUT")[0].json).toEqual({
      events: ["asset_bank.media.deleted"],
    });
    expect(configs()).toHaveLength(1);
    expect(configs()[0].events).toEqual(["asset_bank.media.deleted"]);
    expect(flow.state).toMatchObject({
      configId,
      events: ["asset_bank.media.deleted"],
      topicArn: "arn:aws:sns:eu-west-1:123456789012:t",
    });
  });

  it("renames the configuration (PATCH) when the name changes", async () => {
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    env.emulator.clearLog();
    await flow.create(connection(), { configurationName: "Renamed" });
    expect(env.emulator.requestsTo(BASE, "PATCH")[0].json).toEqual({ name: "Renamed" });
    expect(configs()[0].name).toBe("Renamed");
  });

  it("on a changed URL deletes the old configuration and creates a new one, with no pin", async () => {
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    const old = (flow.state as { configId: string }).configId;
    flow.crossFlowState[flow.stableId] = {
      ...flow.state,
      topicArn: "arn:aws:sns:eu-west-1:123456789012:t",
    };
    flow.endpoint = ENDPOINT_B;
    env.emulator.clearLog();
    await flow.create(connection());
    const [config] = configs();
    expect(configs()).toHaveLength(1);
    expect(config.endpoint).toBe(ENDPOINT_B);
    expect(calls()).toEqual([
      `GET ${BASE}/${old}`,
      `DELETE ${BASE}/${old}`,
      `GET ${BASE}`,
      `POST ${BASE}/${config.id}`,
    ]);
    expect(flow.state).toMatchObject({ configId: config.id, endpoint: ENDPOINT_B });
    expect(flow.state?.topicArn).toBeUndefined();
  });

  it("creates a new configuration when the saved one is gone from Bynder", async () => {
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    webhooks().remove(configs()[0]);
    await flow.create(connection());
    expect(configs()).toHaveLength(1);
    expect(flow.state?.configId).toBe(configs()[0].id);
  });

  it("removes strays with the flow's URL (a lost state, an old listening session)", async () => {
    const stray = new Flow(ENDPOINT_A, "lost-state");
    await stray.create(connection());
    await new Flow(ENDPOINT_B, "other-flow").create(connection());
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    expect(
      configs()
        .map((c) => c.endpoint)
        .sort(),
    ).toEqual([ENDPOINT_A, ENDPOINT_B]);
    expect(configs().find((c) => c.endpoint === ENDPOINT_A)?.id).toBe(flow.state?.configId);
  });

  it("still works where the portal has no list endpoint", async () => {
    webhooks().listSupported = false;
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    expect(configs()).toHaveLength(1);
  });

  it.each([
    ["404", "collection" as const, undefined],
    ["405", "both" as const, 405],
  ])(
    "falls back to POST without an id when POST with an id answers %s",
    async (_status, form, injected) => {
      webhooks().createForm = form;
      if (injected) {
        env.emulator.faults.inject({
          method: "POST",
          path: new RegExp(`^${BASE}/.+`),
          steps: [injected],
        });
      }
      const flow = new Flow(ENDPOINT_A);
      await flow.create(connection());
      const posts = env.emulator.requestsTo(BASE, "POST").map((r) => r.path);
      // An injected fault answers before the request is logged.
      if (injected) expect(env.emulator.faults.hits()).toEqual([1]);
      expect(posts).toEqual([...(injected ? [] : [expect.stringMatching(`^${BASE}/.+`)]), BASE]);
      const [config] = configs();
      expect(flow.state?.configId).toBe(config.id);
      expect(env.emulator.requestsTo(BASE, "POST").at(-1)?.json).toMatchObject({
        endpoint: ENDPOINT_A,
      });
    },
  );

  it("refuses before sending when the connection's Scopes leave out the webhook scopes", async () => {
    const error = await errorOf(new Flow(ENDPOINT_A).create(connection(DEFAULT_SCOPES)));
    expect(isConnectionError(error)).toBe(true);
    expect(error.message).toBe(
      'The Webhook Events trigger needs the webhooks.config:read and webhooks.config:write scopes, which this Bynder connection does not request. Add "webhooks.config:read webhooks.config:write" to the connection\'s Scopes and connect again; the connection\'s Bynder user also needs the security role "Manage Webhooks configurations".',
    );
    expect(env.emulator.requests).toEqual([]);
  });

  it("names the missing role when Bynder answers 403", async () => {
    const admin = env.emulator.portal.profiles[0];
    admin.roles = admin.roles.filter((role) => role !== MANAGE_WEBHOOKS_ROLE);
    try {
      const error = await errorOf(new Flow(ENDPOINT_A).create(connection()));
      expect(isConnectionError(error)).toBe(true);
      expect(error.message).toMatch(
        /HTTP 403: Forbidden\. .*security role "Manage Webhooks configurations"/,
      );
      expect(configs()).toEqual([]);
    } finally {
      admin.roles.push(MANAGE_WEBHOOKS_ROLE);
    }
  });

  it("explains the ten-configuration limit", async () => {
    for (let i = 0; i < 10; i++) {
      await new Flow(`http://127.0.0.1:9/trigger/${i}`, `flow-${i}`).create(connection());
    }
    const error = await errorOf(new Flow(ENDPOINT_A).create(connection()));
    expect(error.message).toContain(
      "The maximum number of webhook configurations (10) has been reached. A Bynder portal holds ten webhook configurations by default",
    );
  });

  it("refuses a pre-archive notice without the pre-archive event, before sending", async () => {
    const error = await errorOf(
      new Flow(ENDPOINT_A).create(connection(), {
        events: ["asset_bank.media.create"],
        preArchiveDays: "5",
      }),
    );
    expect(error.message).toMatch(
      /^Pre-Archive Notice \(Days\) applies only to the asset_bank.media.pre_archived event/,
    );
    expect(env.emulator.requests).toEqual([]);
  });
});

describe("delete", () => {
  it("deletes the configuration and clears the flow's state, leaving other flows' state", async () => {
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    const { configId } = flow.state as { configId: string };
    env.emulator.clearLog();
    await flow.delete(connection());
    expect(calls()).toEqual([`DELETE ${BASE}/${configId}`, `GET ${BASE}`]);
    expect(configs()).toEqual([]);
    expect(flow.crossFlowState).toEqual({ otherFlow: { kept: true }, [flow.stableId]: null });
  });

  it("treats a configuration already gone as deleted", async () => {
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    webhooks().remove(configs()[0]);
    await flow.delete(connection());
    expect(flow.state).toBeNull();
  });

  it("removes strays with the flow's URL even without saved state", async () => {
    await new Flow(ENDPOINT_A, "lost").create(connection());
    const flow = new Flow(ENDPOINT_A);
    await flow.delete(connection());
    expect(configs()).toEqual([]);
  });

  it("keeps the state (to try again) when Bynder fails, and says why", async () => {
    const flow = new Flow(ENDPOINT_A);
    await flow.create(connection());
    env.emulator.faults.inject({
      method: "DELETE",
      path: BASE,
      steps: [500, 500, 500, 500, 500, 500],
    });
    const error = await errorOf(flow.delete(connection()));
    expect(error.message).toContain("failed with HTTP 500");
    expect(flow.state?.configId).toBe(configs()[0].id);
  });
});
