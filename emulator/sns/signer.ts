/**
 * Signs SNS messages the way Amazon SNS does, with a TEST-ONLY key whose certificate the emulator
 * serves from loopback. Written from AWS's documentation on its own (not shared with the
 * component's verifier), so a mistake in one is caught by the other.
 */
import { createSign, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** TEST ONLY: generated for the emulator with openssl; never trusted outside tests and demos. */
export const TEST_SIGNING_KEY = readFileSync(join(__dirname, "test-signing-key.pem"), "utf8");
export const TEST_SIGNING_CERT = readFileSync(join(__dirname, "test-signing-cert.pem"), "utf8");

export type SignatureVersion = "1" | "2";

export interface UnsignedSnsMessage {
  Type: "SubscriptionConfirmation" | "Notification" | "UnsubscribeConfirmation";
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
  UnsubscribeURL?: string;
}

export type SignedSnsMessage = UnsignedSnsMessage & {
  SignatureVersion: SignatureVersion;
  Signature: string;
  SigningCertURL: string;
};

/** AWS's "string to sign": the type's fields in byte order, `name\nvalue\n` each. */
export const stringToSign = (message: UnsignedSnsMessage): string => {
  const names =
    message.Type === "Notification"
      ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
      : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  let out = "";
  for (const name of names) {
    const value = (message as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) continue; // a Notification without Subject
    out += `${name}\n${value}\n`;
  }
  return out;
};

/** The message with SignatureVersion, Signature and SigningCertURL, as SNS posts it. */
export const signSnsMessage = (
  message: UnsignedSnsMessage,
  options: { signingCertUrl: string; version?: SignatureVersion; key?: string },
): SignedSnsMessage => {
  const version = options.version ?? "1";
  const signer = createSign(version === "1" ? "RSA-SHA1" : "RSA-SHA256");
  signer.update(stringToSign(message), "utf8");
  return {
    ...message,
    SignatureVersion: version,
    Signature: signer.sign(options.key ?? TEST_SIGNING_KEY, "base64"),
    SigningCertURL: options.signingCertUrl,
  };
};

/** The JSON key order SNS uses on the wire (cosmetic; verification does not depend on it). */
export const snsBody = (message: SignedSnsMessage): string => JSON.stringify(message);

export const newMessageId = (): string => randomUUID();
