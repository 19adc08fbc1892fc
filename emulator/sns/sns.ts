/**
 * A small Amazon SNS on 127.0.0.1: topics, HTTP(S) subscriptions that must be confirmed, signed
 * messages, and the three URLs SNS hands out (the signing certificate, ConfirmSubscription,
 * Unsubscribe) with AWS's paths, so the component's URL rules hold unchanged but for the host.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Deliverer } from "./delivery";
import {
  newMessageId,
  signSnsMessage,
  TEST_SIGNING_CERT,
  type SignatureVersion,
  type UnsignedSnsMessage,
} from "./signer";

export interface Subscription {
  arn: string;
  topicArn: string;
  endpoint: string;
  token: string;
  confirmed: boolean;
  /** The confirmation message, re-sent as is by SNS's retries. */
  messageId: string;
}

export interface SnsRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
}

const REGION = "eu-west-1";
const CERT_NAME = "SimpleNotificationService-7e3bb0ae9f8d4b6c8a1d2e3f4a5b6c7d.pem";

const xml = (name: string, inner: string) =>
  `<${name}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${name}Result>${inner}</${name}Result><ResponseMetadata><RequestId>${newMessageId()}</RequestId></ResponseMetadata></${name}Response>`;

export class SnsEmulator {
  /** "1" (SHA1, a topic's default) or "2" (SHA256). */
  signatureVersion: SignatureVersion = "1";
  readonly account: string;
  readonly deliverer = new Deliverer();
  readonly subscriptions = new Map<string, Subscription>();
  /** Requests to the SNS URLs, for tests (a certificate fetch must carry no token). */
  readonly requests: SnsRequest[] = [];
  private server?: Server;
  private starting?: Promise<void>;
  private readonly sockets = new Set<Socket>();
  private baseUrl = "";

  constructor(account = "123456789012") {
    this.account = account;
  }

  get url(): string {
    return this.baseUrl;
  }
  get signingCertUrl(): string {
    return `${this.baseUrl}/${CERT_NAME}`;
  }

  topicArn(name: string): string {
    return `arn:aws:sns:${REGION}:${this.account}:${name}`;
  }

  /** Starts the HTTP side on first use. */
  start(): Promise<void> {
    this.starting ??= new Promise<void>((resolve) => {
      this.server = createServer((req, res) => {
        const url = new URL(req.url ?? "/", "http://sns");
        const query = Object.fromEntries(url.searchParams);
        this.requests.push({
          method: req.method ?? "GET",
          path: url.pathname,
          query,
          authorization: req.headers.authorization,
        });
        const [status, type, body] = this.answer(req.method ?? "GET", url.pathname, query);
        res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
        res.end(body);
      });
      this.server.on("connection", (socket) => {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
      });
      this.server.listen(0, "127.0.0.1", () => {
        this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
        resolve();
      });
    });
    return this.starting;
  }

  async close(): Promise<void> {
    this.deliverer.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Subscribes an endpoint and sends it the SubscriptionConfirmation, as SNS's Subscribe does. */
  async subscribe(topicArn: string, endpoint: string): Promise<Subscription> {
    await this.start();
    const subscription: Subscription = {
      arn: `${topicArn}:${newMessageId()}`,
      topicArn,
      endpoint,
      token: randomToken(),
      confirmed: false,
      messageId: newMessageId(),
    };
    this.subscriptions.set(subscription.arn, subscription);
    this.sendConfirmation(subscription, "SubscriptionConfirmation");
    return subscription;
  }

  /** Removes a subscription; a confirmed one gets an UnsubscribeConfirmation, as with SNS. */
  unsubscribe(arn: string): void {
    const subscription = this.subscriptions.get(arn);
    if (!subscription) return;
    this.subscriptions.delete(arn);
    if (subscription.confirmed) {
      // Visiting this message's SubscribeURL would subscribe the endpoint again.
      const again = {
        ...subscription,
        token: randomToken(),
        confirmed: false,
        messageId: newMessageId(),
      };
      this.subscriptions.set(`pending:${again.token}`, again);
      this.sendConfirmation(again, "UnsubscribeConfirmation");
    }
  }

  /** Publishes to every confirmed subscription of the topic. */
  publish(topicArn: string, subject: string, message: string): void {
    for (const subscription of this.subscriptions.values()) {
      if (subscription.topicArn !== topicArn || !subscription.confirmed) continue;
      this.send(
        subscription,
        {
          Type: "Notification",
          MessageId: newMessageId(),
          TopicArn: topicArn,
          Subject: subject,
          Message: message,
          Timestamp: new Date().toISOString(),
          UnsubscribeURL: `${this.baseUrl}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscription.arn)}`,
        },
        subscription.arn,
      );
    }
  }

  /** Signs and delivers any message (tests use it for messages of their own). */
  send(subscription: Pick<Subscription, "endpoint">, message: UnsignedSnsMessage, arn?: string) {
    const signed = signSnsMessage(message, {
      signingCertUrl: this.signingCertUrl,
      version: this.signatureVersion,
    });
    this.deliverer.send({ endpoint: subscription.endpoint, message: signed, subscriptionArn: arn });
    return signed;
  }

  confirmUrl(topicArn: string, token: string): string {
    return `${this.baseUrl}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`;
  }

  private sendConfirmation(
    subscription: Subscription,
    type: "SubscriptionConfirmation" | "UnsubscribeConfirmation",
  ): void {
    const Message =
      type === "SubscriptionConfirmation"
        ? `You have chosen to subscribe to the topic ${subscription.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
        : `You have chosen to deactivate subscription ${subscription.arn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
    this.send(subscription, {
      Type: type,
      MessageId: subscription.messageId,
      TopicArn: subscription.topicArn,
      Message,
      Timestamp: new Date().toISOString(),
      SubscribeURL: this.confirmUrl(subscription.topicArn, subscription.token),
      Token: subscription.token,
    });
  }

  /** The SNS URLs: the certificate, ConfirmSubscription, Unsubscribe. */
  private answer(
    method: string,
    path: string,
    query: Record<string, string>,
  ): [number, string, string] {
    if (method === "GET" && path === `/${CERT_NAME}`) {
      return [200, "application/x-x509-ca-cert", TEST_SIGNING_CERT];
    }
    if (method !== "GET" || path !== "/") return [404, "text/plain", "Not Found"];
    if (query.Action === "ConfirmSubscription") {
      const subscription = [...this.subscriptions.values()].find(
        (s) => s.token === query.Token && s.topicArn === query.TopicArn,
      );
      if (!subscription) {
        return [
          404,
          "text/xml",
          "<ErrorResponse><Error><Code>NotFound</Code><Message>Invalid token</Message></Error></ErrorResponse>",
        ];
      }
      subscription.confirmed = true;
      for (const [key, s] of this.subscriptions) {
        if (s === subscription && key !== s.arn) {
          this.subscriptions.delete(key);
          this.subscriptions.set(s.arn, s);
        }
      }
      return [
        200,
        "text/xml",
        xml("ConfirmSubscription", `<SubscriptionArn>${subscription.arn}</SubscriptionArn>`),
      ];
    }
    if (query.Action === "Unsubscribe" && query.SubscriptionArn) {
      this.unsubscribe(query.SubscriptionArn);
      return [200, "text/xml", xml("Unsubscribe", "")];
    }
    return [
      400,
      "text/xml",
      "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>",
    ];
  }
}

const randomToken = () => `${newMessageId().replace(/-/g, "")}${newMessageId().replace(/-/g, "")}`;
