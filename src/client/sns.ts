/**
 * The two requests the webhook trigger makes to Amazon SNS: downloading a signing certificate and
 * following a SubscribeURL. Both go through `externalRequest`, so they never carry the Bynder token
 * and keep to one deadline. The caller checks the URLs first (src/triggers/webhook/snsUrls.ts).
 */
import type { Connection } from "@prismatic-io/spectral";
import { externalRequest, type ClientContext } from "./client";
import { isLoopback, portalOriginOf } from "./urls";

export { isLoopback };

/** True when the connection's portal is on this machine: the embedded emulator, never Bynder. */
export const portalIsLoopback = (connection: Connection): boolean => {
  try {
    return isLoopback(new URL(portalOriginOf(connection.fields ?? {})));
  } catch {
    return false;
  }
};

/** SNS answers in milliseconds; a webhook must be answered within SNS's 15 s. */
const CERT_TIMEOUT_MS = 5_000;
const CONFIRM_TIMEOUT_MS = 8_000;
const CACHE_TTL_MS = 24 * 60 * 60 * 1000;
const CACHE_MAX = 20;

/**
 * Certificates by URL. SNS signs with few certificates, each for months; when the runner reuses a
 * process this saves one download per message (webhooks.md §3.6).
 */
const certificates = new Map<string, { pem: string; until: number }>();

export const clearCertificateCache = (): void => certificates.clear();

/** The PEM text at a (checked) SigningCertURL, from the cache when it was fetched before. */
export const fetchSigningCertificate = async (
  url: string,
  context: ClientContext = {},
): Promise<string> => {
  const cached = certificates.get(url);
  if (cached && cached.until > Date.now()) return cached.pem;
  const response = await externalRequest<string>(
    url,
    {
      method: "GET",
      responseType: "text",
      timeoutMs: CERT_TIMEOUT_MS,
      maxRetries: 1,
      what: "SigningCertURL",
    },
    context,
  );
  const pem = typeof response.data === "string" ? response.data : String(response.data ?? "");
  // Only what looks like a certificate is kept; the caller still parses and checks it.
  if (pem.includes("-----BEGIN CERTIFICATE-----")) {
    if (certificates.size >= CACHE_MAX) certificates.delete(certificates.keys().next().value!);
    certificates.set(url, { pem, until: Date.now() + CACHE_TTL_MS });
  }
  return pem;
};

/** Confirms an SNS subscription by a GET of its (checked) SubscribeURL, as AWS documents. */
export const followSubscribeUrl = async (url: string, context: ClientContext = {}) => {
  const response = await externalRequest<string>(
    url,
    {
      method: "GET",
      responseType: "text",
      timeoutMs: CONFIRM_TIMEOUT_MS,
      maxRetries: 1,
      what: "SubscribeURL",
    },
    context,
  );
  return response.status;
};
