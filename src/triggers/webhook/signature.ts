/**
 * SNS signature verification (webhooks.md §3.4) with Node's crypto. Why not a library: both npm
 * verifiers download the certificate themselves (outside our client, with its timeout and
 * "never the token" rule), one of them rejects every valid UnsubscribeConfirmation, and the other
 * hard-codes AWS hosts, so the emulator could not play SNS. What is left is a dozen lines.
 */
import { createVerify, X509Certificate } from "node:crypto";
import { canonicalString, WebhookRefusal, type SnsMessage } from "./message";

/** Reads a PEM certificate; anything else is refused, never trusted. */
export const parseCertificate = (pem: string): X509Certificate => {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new WebhookRefusal("the SigningCertURL did not return an X.509 certificate.", 502);
  }
};

/**
 * Checks the message's signature with the certificate's public key: SHA1 for SignatureVersion 1,
 * SHA256 for 2, over the canonical string of the message's type. The certificate must be valid at
 * `now`.
 */
export const verifySignature = (
  message: SnsMessage,
  certificate: X509Certificate,
  now: Date = new Date(),
): void => {
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) {
    throw new WebhookRefusal(
      `the signing certificate is not valid now (valid ${certificate.validFrom} to ${certificate.validTo}).`,
    );
  }
  const verifier = createVerify(message.SignatureVersion === "1" ? "RSA-SHA1" : "RSA-SHA256");
  verifier.update(canonicalString(message), "utf8");
  let valid = false;
  try {
    valid = verifier.verify(certificate.publicKey, Buffer.from(message.Signature, "base64"));
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new WebhookRefusal(
      `the SNS signature (SignatureVersion ${message.SignatureVersion}) does not match the message.`,
    );
  }
};
