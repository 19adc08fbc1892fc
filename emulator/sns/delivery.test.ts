/** The emulator's SNS delivery: SNS's status rules, its retry policy (scaled down) and faults. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Deliverer } from "./delivery";
import { newMessageId, signSnsMessage } from "./signer";

let server: Server;
let url = "";
let answers: (number | "hang")[] = [];
const received: { headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      const answer = answers.shift() ?? 200;
      if (answer === "hang") return; // never answers: SNS's timeout must fire
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  answers = [];
});

const message = (subject: string) =>
  signSnsMessage(
    {
      Type: "Notification",
      MessageId: newMessageId(),
      TopicArn: "arn:aws:sns:eu-west-1:123456789012:t",
      Subject: subject,
      Message: "{}",
      Timestamp: new Date().toISOString(),
    },
    { signingCertUrl: "http://127.0.0.1/SimpleNotificationService-x.pem" },
  );

const deliverer = () => {
  const d = new Deliverer();
  d.policy = { retries: 3, delayMs: 10, timeoutMs: 300 };
  return d;
};

it("posts the message as text/plain with SNS's headers", async () => {
  const d = deliverer();
  const sent = message("asset_bank.media.create");
  d.send({ endpoint: url, message: sent, subscriptionArn: "arn:sub" });
  await d.settled();
  expect(JSON.parse(received[0].body)).toEqual(sent);
  expect(received[0].headers).toMatchObject({
    "content-type": "text/plain; charset=UTF-8",
    "x-amz-sns-message-type": "Notification",
    "x-amz-sns-message-id": sent.MessageId,
    "x-amz-sns-topic-arn": sent.TopicArn,
    "x-amz-sns-subscription-arn": "arn:sub",
  });
});

it("retries 5xx and timeouts, never 4xx, and gives up after the policy's retries", async () => {
  const d = deliverer();
  answers = [503, "hang", 200];
  d.send({ endpoint: url, message: message("a") });
  await d.settled();
  expect(d.attempts.map((a) => a.outcome)).toEqual([503, "timeout", 200]);

  answers = [403];
  d.send({ endpoint: url, message: message("b") });
  await d.settled();
  expect(d.attempts.slice(3).map((a) => a.outcome)).toEqual([403]);

  answers = [500, 500, 500, 500, 500];
  d.send({ endpoint: url, message: message("c") });
  await d.settled();
  expect(d.attempts.slice(4).map((a) => a.outcome)).toEqual([500, 500, 500, 500]);
  d.close();
});

it("drops, duplicates, delays and reorders on request", async () => {
  const d = deliverer();
  d.inject("drop", "duplicate", "reorder", { delayMs: 50 });
  for (const subject of ["dropped", "twice", "held", "late"]) {
    d.send({ endpoint: url, message: message(subject) });
  }
  await d.settled();
  const subjects = received.map((r) => (JSON.parse(r.body) as { Subject: string }).Subject);
  expect(subjects).toEqual(["twice", "twice", "late", "held"]);
});
