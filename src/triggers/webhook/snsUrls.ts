/**
 * The URLs an SNS message asks us to fetch, checked before anything is fetched (webhooks.md §3.3,
 * §3.5): a forged body must not make the trigger download a "certificate" from, or "confirm" at,
 * a host of the forger's choosing.
 */
import { isLoopback } from "../../client";
import { WebhookRefusal } from "./message";

/** Amazon SNS's regional endpoints, and their China-region twins. */
const SNS_HOST = /^sns\.[a-z0-9-]{3,}\.amazonaws\.com(\.cn)?$/;
/** What AWS names its signing certificates (sns-payload-validator's rule, run daily against SNS). */
const CERT_PATH = /^\/SimpleNotificationService-[A-Za-z0-9]{32}\.pem$/;

export interface SnsUrlRules {
  /**
   * Accept http(s) URLs on this machine as well: only when the connection's portal is itself on a
   * loopback address (the embedded emulator plays SNS there). Never for a real portal.
   */
  allowLoopback: boolean;
}

const parse = (value: string, what: string): URL => {
  try {
    return new URL(value);
  } catch {
    throw new WebhookRefusal(`${what} "${value.slice(0, 200)}" is not a URL.`);
  }
};

/** https on an SNS host, or (emulator only) http(s) on loopback; no credentials, no odd port. */
const checkOrigin = (url: URL, what: string, rules: SnsUrlRules): void => {
  const shown = `${url.protocol}//${url.host}`;
  if (url.username || url.password) {
    throw new WebhookRefusal(`${what} must not carry a user name or password.`);
  }
  const hostname = url.hostname.toLowerCase();
  if (rules.allowLoopback && isLoopback(url)) {
    if (url.protocol === "https:" || url.protocol === "http:") return;
  }
  if (url.protocol !== "https:") {
    throw new WebhookRefusal(`${what} must use https; got ${shown}.`);
  }
  if (!SNS_HOST.test(hostname) || url.port !== "") {
    throw new WebhookRefusal(
      `${what} must be on an Amazon SNS host (sns.<region>.amazonaws.com); got ${shown}.`,
    );
  }
};

/** The certificate URL: SNS's host and a SimpleNotificationService-<id>.pem file, nothing else. */
export const checkSigningCertUrl = (value: string, rules: SnsUrlRules): URL => {
  const what = "SigningCertURL";
  const url = parse(value, what);
  checkOrigin(url, what, rules);
  if (!CERT_PATH.test(url.pathname) || url.search || url.hash) {
    throw new WebhookRefusal(
      `${what} must name an SNS signing certificate (/SimpleNotificationService-<id>.pem); got ${url.pathname}${url.search}.`,
    );
  }
  return url;
};

/**
 * The SubscribeURL of a subscription confirmation: SNS's ConfirmSubscription call for the very
 * topic the message names.
 */
export const checkSubscribeUrl = (value: string, topicArn: string, rules: SnsUrlRules): URL => {
  const what = "SubscribeURL";
  const url = parse(value, what);
  checkOrigin(url, what, rules);
  const params = url.searchParams;
  if (
    url.pathname !== "/" ||
    url.hash ||
    params.get("Action") !== "ConfirmSubscription" ||
    !params.get("Token")
  ) {
    throw new WebhookRefusal(
      `${what} is not an SNS ConfirmSubscription call (https://sns.<region>.amazonaws.com/?Action=ConfirmSubscription&TopicArn=…&Token=…).`,
    );
  }
  if (params.get("TopicArn") !== topicArn) {
    throw new WebhookRefusal(`${what} confirms a different topic than the message's TopicArn.`);
  }
  return url;
};
