/**
 * The Webhook Events trigger end to end: the emulator plays Bynder and Amazon SNS, a loopback
 * intake plays Prismatic's webhook URL and runs the trigger's perform on every delivery.
 */
import { clearCertificateCache } from "../src/client";
import { startIntake, type Intake } from "../emulator/sns/intake";
import { newMessageId } from "../emulator/sns/signer";
import { connectionTo, harness, useEmulator } from "./support";
import { eventually, Flow, WEBHOOK_SCOPES } from "./webhooks.support";

const env = useEmulator({ processingMs: 50 });
const sns = () => env.emulator.portal.webhooks.sns;
const connection = () => connectionTo(env.emulator, WEBHOOK_SCOPES);
const confirmations = () => sns().requests.filter((r) => r.query.Action === "ConfirmSubscription");
const branches = (flow: Flow) => flow.results.map((r) => (r as { branch: string }).branch);

let intake: Intake | undefined;
let flow: Flow;

beforeAll(() => {
  sns().deliverer.policy = { retries: 3, delayMs: 50, timeoutMs: 2_000 };
});
beforeEach(() => {
  sns().deliverer.policy = { retries: 3, delayMs: 50, timeoutMs: 2_000 };
  clearCertificateCache();
  sns().deliverer.clearFaults();
  sns().signatureVersion = "1";
  sns().requests.length = 0;
  sns().deliverer.attempts.length = 0;
  for (const config of env.emulator.portal.webhooks.configs.values()) {
    env.emulator.portal.webhooks.remove(config);
  }
});
afterEach(async () => {
  await sns().deliverer.settled();
  await intake?.close();
  intake = undefined;
});

/** Deploys a flow whose webhook URL is the intake, and waits for its confirmed subscription. */
const deploy = async () => {
  flow = new Flow("");
  intake = await flow.listen(env.emulator);
  await flow.create(connection());
  await eventually(() => expect(flow.state?.topicArn).toBeDefined());
  return flow;
};

describe.each(["1", "2"] as const)("SignatureVersion %s", (version) => {
  it("subscribes, confirms, and runs the flow on the portal's changes", async () => {
    sns().signatureVersion = version;
    await deploy();
    const [config] = env.emulator.portal.webhooks.configs.values();
    expect(env.emulator.portal.webhooks.confirmed(config)).toBe(true);
    expect(flow.state?.topicArn).toBe(config.topicArn);
    expect(confirmations()).toHaveLength(1);
    expect(branches(flow)).toContain("Subscription Confirmation");

    const asset = [...env.emulator.portal.media.values()][0];
    await harness.action("updateAsset", {
      connection: connection(),
      id: asset.id,
      name: "Renamed",
    });
    await eventually(() => expect(branches(flow)).toContain("Metadata Updated"));
    const result = flow.results.find(
      (r) => (r as { branch: string }).branch === "Metadata Updated",
    );
    expect((result as { payload: { body: { data: unknown } } }).payload.body.data).toEqual({
      event: "asset_bank.media.meta_updated",
      mediaId: asset.id,
      message: { media_id: asset.id },
      messageId: expect.any(String),
      timestamp: expect.any(String),
      topicArn: config.topicArn,
      subject: "asset_bank.media.meta_updated",
    });
    expect((result as { response: unknown }).response).toEqual({
      statusCode: 200,
      contentType: "text/plain",
      body: "",
    });
  });
});

it("runs the flow on Asset Created within moments of an upload", async () => {
  await deploy();
  const brandId = env.emulator.portal.brands[0].id;
  const uploaded = (await harness.action("uploadFile", {
    connection: connection(),
    file: Buffer.from("a small file"),
    fileName: "news.txt",
    saveAs: "newAsset",
    brandId,
  })) as { data: { mediaId: string } };
  await eventually(() => expect(branches(flow)).toContain("Asset Created"));
  const created = flow.results.find((r) => (r as { branch: string }).branch === "Asset Created");
  expect(
    (created as { payload: { body: { data: { mediaId: string } } } }).payload.body.data.mediaId,
  ).toBe(uploaded.data.mediaId);
  // The certificate was fetched once, without the Bynder token.
  const certFetches = sns().requests.filter((r) => r.path.endsWith(".pem"));
  expect(certFetches.length).toBeGreaterThan(0);
  expect(certFetches.every((r) => r.authorization === undefined)).toBe(true);
});

it("answers a confirmation that arrives before create saved its state with 503, and SNS retries", async () => {
  // SNS's retries wide apart (not timing-sensitive: the state is saved long before the first one).
  sns().deliverer.policy = { retries: 3, delayMs: 300, timeoutMs: 2_000 };
  flow = new Flow("");
  intake = await flow.listen(env.emulator);
  const result = await flow.createUnsaved(connection());
  // SNS posts the confirmation as soon as Bynder subscribes; the platform has not saved yet.
  await eventually(() => expect(flow.results).toHaveLength(1));
  const first = flow.results[0] as {
    response: { statusCode: number };
    payload: { body: { data: unknown } };
  };
  expect(first.response.statusCode).toBe(503);
  expect(first.payload.body.data).toMatchObject({
    type: "SubscriptionConfirmation",
    confirmed: false,
  });
  expect(confirmations()).toHaveLength(0);
  flow.save(result);
  await eventually(() => expect(flow.state?.topicArn).toBeDefined());
  await sns().deliverer.settled();
  const attempts = sns().deliverer.attempts.filter((a) => a.type === "SubscriptionConfirmation");
  expect(attempts[0].outcome).toBe(503);
  expect(attempts.at(-1)?.outcome).toBe(200);
  expect(new Set(attempts.map((a) => a.messageId)).size).toBe(1);
  expect(confirmations()).toHaveLength(1);
});

it("takes the Duplicate branch for a message SNS delivers again", async () => {
  await deploy();
  sns().deliverer.inject("duplicate");
  env.emulator.portal.webhooks.notify("asset_bank.media.deleted", { media_id: "X" });
  await eventually(() => expect(branches(flow).slice(-2)).toEqual(["Asset Deleted", "Duplicate"]));
});

it("passes unknown events through on Other Event, and survives reordered, delayed and dropped messages", async () => {
  await deploy();
  const webhooks = env.emulator.portal.webhooks;
  const [config] = webhooks.configs.values();
  config.events.push("asset_bank.media.renamed");
  sns().deliverer.inject("reorder", { delayMs: 100 }, "drop");
  webhooks.notify("asset_bank.media.renamed", { media_id: "A" }); // held, then after the next
  webhooks.notify("asset_bank.media.archived", { media_id: "B" }); // delayed 100 ms
  webhooks.notify("asset_bank.media.deleted", { media_id: "C" }); // dropped
  await sns().deliverer.settled();
  await eventually(() =>
    expect(branches(flow).slice(-2)).toEqual(["Asset Archived", "Other Event"]),
  );
  const other = flow.results.at(-1) as { payload: { body: { data: { event: string } } } };
  expect(other.payload.body.data.event).toBe("asset_bank.media.renamed");
});

it("refuses a validly signed message from a foreign topic", async () => {
  await deploy();
  const before = flow.results.length;
  sns().send(
    { endpoint: flow.endpoint },
    {
      Type: "Notification",
      MessageId: newMessageId(),
      TopicArn: sns().topicArn("attacker-topic"),
      Subject: "asset_bank.media.create",
      Message: '{"media_id":"EVIL"}',
      Timestamp: new Date().toISOString(),
    },
  );
  await sns().deliverer.settled();
  expect(flow.results).toHaveLength(before);
  expect(flow.errors.at(-1)?.message).toMatch(
    /^Webhook refused: the message comes from SNS topic .*attacker-topic, not from/,
  );
});

it("refuses a foreign topic's subscription confirmation once pinned, without following it", async () => {
  await deploy();
  const foreign = sns().topicArn("attacker-topic");
  sns().send(
    { endpoint: flow.endpoint },
    {
      Type: "SubscriptionConfirmation",
      MessageId: newMessageId(),
      TopicArn: foreign,
      Message: "You have chosen to subscribe…",
      Timestamp: new Date().toISOString(),
      SubscribeURL: sns().confirmUrl(foreign, "tok"),
      Token: "tok",
    },
  );
  await sns().deliverer.settled();
  expect(flow.errors.at(-1)?.message).toContain("not from");
  expect(confirmations()).toHaveLength(1);
});

it("never follows an unsubscribe confirmation's URL and keeps the pin", async () => {
  await deploy();
  const [config] = env.emulator.portal.webhooks.configs.values();
  env.emulator.portal.webhooks.remove(config); // e.g. an administrator deleted it in Bynder
  await eventually(() => expect(branches(flow)).toContain("Unsubscribe Confirmation"));
  await sns().deliverer.settled();
  expect(confirmations()).toHaveLength(1);
  expect(flow.state?.topicArn).toBe(config.topicArn);
});

it("refuses raw message delivery and anything unsigned", async () => {
  await deploy();
  for (const [headers, body] of [
    [{ "x-amz-sns-rawdelivery": "true" }, '{"media_id":"X"}'],
    [{}, '{"Type":"Notification","Message":"{}"}'],
  ] as [Record<string, string>, string][]) {
    const response = await fetch(flow.endpoint, { method: "POST", headers, body });
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/^Webhook refused: /);
  }
});

it("deletes its configuration on delete and does not follow Bynder's unsubscribe notice", async () => {
  await deploy();
  await flow.delete(connection());
  expect(env.emulator.portal.webhooks.configs.size).toBe(0);
  await sns().deliverer.settled();
  // The notice may reach the flow while `delete` still runs (its state not yet cleared) or after
  // (then it is refused); either way its SubscribeURL is never followed.
  const notices = sns().deliverer.attempts.filter((a) => a.type === "UnsubscribeConfirmation");
  expect(notices.length).toBeGreaterThan(0);
  expect(confirmations()).toHaveLength(1);
  expect(flow.state).toBeNull();
});

it("keeps verifying when the intake is unreachable for a while (SNS retries 5xx and timeouts)", async () => {
  const down = await startIntake(() => Promise.resolve({ statusCode: 502 }));
  const flowDown = new Flow(down.url, "flow-down");
  await flowDown.create(connection());
  await sns().deliverer.settled();
  const attempts = sns().deliverer.attempts.filter((a) => a.endpoint === down.url);
  expect(attempts.map((a) => a.outcome)).toEqual([502, 502, 502, 502]);
  await down.close();
});

describe("before the subscription is confirmed", () => {
  const deployUnconfirmed = async () => {
    flow = new Flow("");
    intake = await flow.listen(env.emulator);
    sns().deliverer.inject("drop"); // the SubscriptionConfirmation never arrives
    await flow.create(connection());
    const [config] = env.emulator.portal.webhooks.configs.values();
    const subscription = sns().subscriptions.get(config.subscriptionArn!)!;
    return { config, subscription };
  };

  it("refuses notifications while no topic is pinned", async () => {
    const { config } = await deployUnconfirmed();
    sns().send(
      { endpoint: flow.endpoint },
      {
        Type: "Notification",
        MessageId: newMessageId(),
        TopicArn: config.topicArn,
        Subject: "asset_bank.media.create",
        Message: '{"media_id":"X"}',
        Timestamp: new Date().toISOString(),
      },
    );
    await sns().deliverer.settled();
    expect(flow.results).toEqual([]);
    expect(flow.errors.at(-1)?.message).toContain("this flow has no confirmed Bynder subscription");
  });

  it("refuses a first confirmation more than three days after create, without following it", async () => {
    const { subscription } = await deployUnconfirmed();
    flow.crossFlowState[flow.stableId] = {
      ...flow.state,
      createdAt: new Date(Date.now() - 4 * 24 * 3600 * 1000).toISOString(),
    };
    sns().send(
      { endpoint: flow.endpoint },
      {
        Type: "SubscriptionConfirmation",
        MessageId: subscription.messageId,
        TopicArn: subscription.topicArn,
        Message: "You have chosen to subscribe…",
        Timestamp: new Date().toISOString(),
        SubscribeURL: sns().confirmUrl(subscription.topicArn, subscription.token),
        Token: subscription.token,
      },
    );
    await sns().deliverer.settled();
    expect(flow.errors.at(-1)?.message).toContain("more than three days after");
    expect(confirmations()).toEqual([]);
    expect(flow.state?.topicArn).toBeUndefined();
  });
});

it("gives a designer's simulated run the example, with nothing verified or fetched", async () => {
  const result = (await harness.trigger(
    "webhookEventsTrigger",
    { body: { data: "sample" } },
    { connection: connection() },
    { isSimulatedTestExecution: true },
  )) as { branch: string; payload: { body: { data: { event: string } } } };
  expect(result.branch).toBe("Asset Created");
  expect(result.payload.body.data.event).toBe("asset_bank.media.create");
  expect(sns().requests).toEqual([]);
});
