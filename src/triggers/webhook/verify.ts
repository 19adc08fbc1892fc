/**
 * Verification of one webhook request, before anything else happens: the whole SNS rule set in
 * the order that fetches nothing a forger could choose.
 */
import { parseSnsMessage, WebhookRefusal, type SnsMessage } from "./message";
import { parseCertificate, verifySignature } from "./signature";
import { checkSigningCertUrl, checkSubscribeUrl, type SnsUrlRules } from "./snsUrls";

export interface VerifyOptions extends SnsUrlRules {
  /** Downloads a checked SigningCertURL (src/client/sns.ts; tests may serve their own). */
  fetchCertificate: (url: string) => Promise<string>;
  now?: Date;
}

const header = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
};

/** Returns the message once it is proven to come from Amazon SNS; throws WebhookRefusal if not. */
export const verifySnsRequest = async (
  headers: Record<string, unknown> | undefined,
  body: string,
  options: VerifyOptions,
): Promise<SnsMessage> => {
  // Raw message delivery strips the envelope and with it the signature: nothing left to verify.
  if (header(headers, "x-amz-sns-rawdelivery")?.trim().toLowerCase() === "true") {
    throw new WebhookRefusal(
      "raw message delivery is not signed, so it cannot be verified; turn it off for this subscription.",
      400,
    );
  }
  const message = parseSnsMessage(body);
  const typeHeader = header(headers, "x-amz-sns-message-type");
  if (typeHeader !== undefined && typeHeader !== message.Type) {
    throw new WebhookRefusal(
      `the x-amz-sns-message-type header (${typeHeader.slice(0, 50)}) does not match the message Type (${message.Type}).`,
      400,
    );
  }
  const certUrl = checkSigningCertUrl(message.SigningCertURL, options);
  if (message.SubscribeURL !== undefined) {
    checkSubscribeUrl(message.SubscribeURL, message.TopicArn, options);
  }
  let pem: string;
  try {
    pem = await options.fetchCertificate(certUrl.toString());
  } catch (error) {
    // Passing trouble on SNS's side: a 5xx makes SNS deliver the message again later.
    throw new WebhookRefusal(
      `the signing certificate could not be downloaded (${(error as Error).message}).`,
      503,
    );
  }
  verifySignature(message, parseCertificate(pem), options.now);
  return message;
};
