import { generateKeyPairSync } from "node:crypto";
import {
  signSnsMessage,
  snsBody,
  TEST_SIGNING_CERT,
  type SignatureVersion,
  type UnsignedSnsMessage,
} from "../../../emulator/sns/signer";
import { WebhookRefusal } from "./message";
import { verifySnsRequest, type VerifyOptions } from "./verify";

const TOPIC = "arn:aws:sns:eu-west-1:123456789012:bynder-webhooks-acme";
const CERT_URL =
  "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem";
const SUBSCRIBE_URL = `https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(TOPIC)}&Token=2336412f37fb687f5d51e6e2425`;

const base = {
  MessageId: "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
  TopicArn: TOPIC,
  Timestamp: "2026-12-02T14:10:00.000Z",
};
const MESSAGES: Record<string, UnsignedSnsMessage> = {
  Notification: {
    ...base,
    Type: "Notification",
    Subject: "asset_bank.media.create",
    Message: '{"media_id":"9542A933-2DF5-4999-9AB52701F33613C0"}',
    UnsubscribeURL: "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x",
  },
  SubscriptionConfirmation: {
    ...base,
    Type: "SubscriptionConfirmation",
    Message: `You have chosen to subscribe to the topic ${TOPIC}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: SUBSCRIBE_URL,
    Token: "2336412f37fb687f5d51e6e2425",
  },
  UnsubscribeConfirmation: {
    ...base,
    Type: "UnsubscribeConfirmation",
    Message: `You have chosen to deactivate subscription ${TOPIC}:abc. To cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: SUBSCRIBE_URL,
    Token: "2336412f37fb687f5d51e6e2425",
  },
};

const fetched: string[] = [];
const options = (overrides: Partial<VerifyOptions> = {}): VerifyOptions => ({
  allowLoopback: false,
  fetchCertificate: (url) => {
    fetched.push(url);
    return Promise.resolve(TEST_SIGNING_CERT);
  },
  ...overrides,
});
beforeEach(() => (fetched.length = 0));

const signed = (
  message: UnsignedSnsMessage,
  version: SignatureVersion,
  signingCertUrl = CERT_URL,
) => signSnsMessage(message, { signingCertUrl, version });

const refusal = (promise: Promise<unknown>): Promise<WebhookRefusal> =>
  promise.then(
    () => {
      throw new Error("expected the request to be refused");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(WebhookRefusal);
      return error as WebhookRefusal;
    },
  );

describe.each(["1", "2"] as const)("SignatureVersion %s", (version) => {
  describe.each(Object.keys(MESSAGES))("%s", (type) => {
    const message = MESSAGES[type];

    it("is accepted when signed by SNS", async () => {
      const body = snsBody(signed(message, version));
      const result = await verifySnsRequest({ "x-amz-sns-message-type": type }, body, options());
      expect(result).toMatchObject({ ...message, SignatureVersion: version });
      expect(fetched).toEqual([CERT_URL]);
    });

    it.each([
      ["Message", { Message: `${message.Message} ` }],
      ["MessageId", { MessageId: "165545c9-2a5c-472c-8df2-000000000000" }],
      ["Timestamp", { Timestamp: "2026-12-02T14:10:01.000Z" }],
      ["TopicArn", { TopicArn: "arn:aws:sns:eu-west-1:123456789012:other" }],
      ...(type === "Notification"
        ? [
            ["Subject", { Subject: "asset_bank.media.deleted" }],
            ["Subject removed", { Subject: undefined }],
          ]
        : [["Token", { Token: "forged" }]]),
    ] as [string, Partial<UnsignedSnsMessage>][])(
      "is refused when %s was changed after signing",
      async (_field, change) => {
        const body = JSON.stringify({ ...signed(message, version), ...change });
        const error = await refusal(verifySnsRequest({}, body, options()));
        expect(error.message).toMatch(/signature|SubscribeURL confirms a different topic/);
        expect(error.status).toBe(403);
      },
    );

    it("is refused when the Type was changed after signing", async () => {
      const other = type === "Notification" ? "SubscriptionConfirmation" : "Notification";
      const forged = { ...MESSAGES[other], ...signed(message, version), Type: other };
      const error = await refusal(verifySnsRequest({}, JSON.stringify(forged), options()));
      expect(error.message).toContain("signature");
    });

    it("is refused when the signature is not SNS's", async () => {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const forged = signSnsMessage(message, {
        signingCertUrl: CERT_URL,
        version,
        key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      });
      const error = await refusal(verifySnsRequest({}, snsBody(forged), options()));
      expect(error.message).toBe(
        `Webhook refused: the SNS signature (SignatureVersion ${version}) does not match the message.`,
      );
    });

    it("is refused when the signature is garbage or the version is swapped", async () => {
      const good = signed(message, version);
      for (const forged of [
        { ...good, Signature: "bm90IGEgc2lnbmF0dXJl" },
        { ...good, SignatureVersion: version === "1" ? "2" : "1" },
      ]) {
        const error = await refusal(verifySnsRequest({}, JSON.stringify(forged), options()));
        expect(error.message).toContain("signature");
      }
    });
  });
});

describe("SigningCertURL", () => {
  it.each([
    [
      "http",
      "http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      "must use https",
    ],
    [
      "another host",
      "https://evil.example/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      "Amazon SNS host",
    ],
    [
      "a host suffix trick",
      "https://sns.eu-west-1.amazonaws.com.evil.example/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      "Amazon SNS host",
    ],
    [
      "a host prefix trick",
      "https://evilsns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      "Amazon SNS host",
    ],
    [
      "a user-info trick",
      "https://sns.eu-west-1.amazonaws.com@evil.example/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      "user name or password",
    ],
    [
      "credentials",
      "https://user:pw@sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      "user name or password",
    ],
    [
      "a port",
      "https://sns.eu-west-1.amazonaws.com:8443/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      "Amazon SNS host",
    ],
    [
      "a wrong file name",
      "https://sns.eu-west-1.amazonaws.com/cert.pem",
      "SNS signing certificate",
    ],
    [
      "a short id",
      "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem",
      "SNS signing certificate",
    ],
    [
      "another extension",
      "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.txt",
      "SNS signing certificate",
    ],
    [
      "a sub-path",
      "https://sns.eu-west-1.amazonaws.com/x/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      "SNS signing certificate",
    ],
    [
      "a query",
      "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem?x=1",
      "SNS signing certificate",
    ],
    [
      "loopback for a real portal",
      "http://127.0.0.1:9000/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      "must use https",
    ],
    ["not a URL", "sns.eu-west-1.amazonaws.com/cert.pem", "is not a URL"],
  ])("is refused with %s, before anything is fetched", async (_case, url, reason) => {
    const body = snsBody(signed(MESSAGES.Notification, "2", url));
    const error = await refusal(verifySnsRequest({}, body, options()));
    expect(error.message).toContain(reason);
    expect(fetched).toEqual([]);
  });

  it("accepts the China regions' host", async () => {
    const url =
      "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem";
    await verifySnsRequest({}, snsBody(signed(MESSAGES.Notification, "1", url)), options());
    expect(fetched).toEqual([url]);
  });

  it("accepts loopback URLs only when the portal is loopback (the emulator)", async () => {
    const url =
      "http://127.0.0.1:9000/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem";
    const body = snsBody(signed(MESSAGES.Notification, "1", url));
    await verifySnsRequest({}, body, options({ allowLoopback: true }));
    expect(fetched).toEqual([url]);
    const other = snsBody(
      signed(
        MESSAGES.Notification,
        "1",
        "http://evil.example/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
      ),
    );
    expect(
      (await refusal(verifySnsRequest({}, other, options({ allowLoopback: true })))).message,
    ).toContain("must use https");
  });

  it("answers 503 (SNS retries) when the certificate cannot be downloaded", async () => {
    const body = snsBody(signed(MESSAGES.Notification, "1"));
    const error = await refusal(
      verifySnsRequest(
        {},
        body,
        options({ fetchCertificate: () => Promise.reject(new Error("ETIMEDOUT")) }),
      ),
    );
    expect(error.status).toBe(503);
    expect(error.message).toContain("could not be downloaded (ETIMEDOUT)");
  });

  it("refuses what is not a certificate, and a certificate outside its validity", async () => {
    const body = snsBody(signed(MESSAGES.Notification, "1"));
    const notPem = await refusal(
      verifySnsRequest({}, body, options({ fetchCertificate: () => Promise.resolve("<html>") })),
    );
    expect(notPem.message).toContain("did not return an X.509 certificate");
    const expired = await refusal(
      verifySnsRequest({}, body, options({ now: new Date("2200-01-01T00:00:00Z") })),
    );
    expect(expired.message).toContain("signing certificate is not valid now");
  });
});

describe("SubscribeURL", () => {
  const withUrl = (url: string) =>
    snsBody(signed({ ...MESSAGES.SubscriptionConfirmation, SubscribeURL: url }, "2"));
  it.each([
    ["http", SUBSCRIBE_URL.replace("https:", "http:"), "must use https"],
    [
      "another host",
      SUBSCRIBE_URL.replace("sns.eu-west-1.amazonaws.com", "evil.example"),
      "Amazon SNS host",
    ],
    [
      "a host suffix trick",
      SUBSCRIBE_URL.replace("amazonaws.com", "amazonaws.com.evil.example"),
      "Amazon SNS host",
    ],
    [
      "another action",
      SUBSCRIBE_URL.replace("ConfirmSubscription", "Subscribe"),
      "not an SNS ConfirmSubscription call",
    ],
    [
      "a path",
      SUBSCRIBE_URL.replace(".com/?", ".com/confirm?"),
      "not an SNS ConfirmSubscription call",
    ],
    ["no token", SUBSCRIBE_URL.replace(/&Token=.*$/, ""), "not an SNS ConfirmSubscription call"],
    ["another topic", SUBSCRIBE_URL.replace("bynder-webhooks-acme", "attacker"), "different topic"],
  ])("is refused with %s, before anything is fetched", async (_case, url, reason) => {
    const error = await refusal(verifySnsRequest({}, withUrl(url), options()));
    expect(error.message).toContain(reason);
    expect(fetched).toEqual([]);
  });
});

describe("the request", () => {
  it("is refused when it is a raw delivery (unsigned), whatever its body", async () => {
    const body = snsBody(signed(MESSAGES.Notification, "1"));
    const error = await refusal(
      verifySnsRequest({ "X-Amz-Sns-Rawdelivery": "true" }, body, options()),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain("raw message delivery is not signed");
    const raw = await refusal(
      verifySnsRequest({}, '{"media_id":"9542A933-2DF5-4999-9AB52701F33613C0"}', options()),
    );
    expect(raw.message).toContain("unknown SNS message Type undefined");
    expect(fetched).toEqual([]);
  });

  it.each([
    ["not JSON", "media_id=1", "not JSON"],
    ["a list", "[]", "not a JSON object"],
    [
      "an unknown type",
      JSON.stringify({ ...MESSAGES.Notification, Type: "Other" }),
      "unknown SNS message Type",
    ],
    [
      "no signature",
      JSON.stringify({ ...MESSAGES.Notification, SignatureVersion: "1", SigningCertURL: CERT_URL }),
      "has no Signature",
    ],
    [
      "SignatureVersion 3",
      JSON.stringify({ ...signed(MESSAGES.Notification, "2"), SignatureVersion: "3" }),
      'unsupported SignatureVersion "3"',
    ],
    [
      "a confirmation without SubscribeURL",
      JSON.stringify({
        ...signed(MESSAGES.SubscriptionConfirmation, "1"),
        SubscribeURL: undefined,
      }),
      "has no SubscribeURL",
    ],
    [
      "a TopicArn that is not one",
      JSON.stringify({ ...signed(MESSAGES.Notification, "1"), TopicArn: "topic" }),
      "is not an SNS topic ARN",
    ],
  ])("is refused when it is %s", async (_case, body, reason) => {
    const error = await refusal(verifySnsRequest({}, body, options()));
    expect(error.message).toContain(reason);
    expect(fetched).toEqual([]);
  });

  it("is refused when the message-type header disagrees with the body", async () => {
    const body = snsBody(signed(MESSAGES.Notification, "1"));
    const error = await refusal(
      verifySnsRequest({ "x-amz-sns-message-type": "SubscriptionConfirmation" }, body, options()),
    );
    expect(error.message).toContain("does not match the message Type");
  });

  it("keeps escaped characters as signed (newlines, accents, symbols)", async () => {
    const message = {
      ...MESSAGES.Notification,
      Message: '{"media_id":"A","note":"é ✓\\n\\"q\\""}',
    };
    const result = await verifySnsRequest({}, snsBody(signed(message, "2")), options());
    expect(result.Message).toBe(message.Message);
  });
});
