import { InputError } from "./errors";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopback = (url: URL): boolean => LOOPBACK.test(url.hostname);

/**
 * https everywhere; plain http only on this machine (the emulator and its fake S3 run there).
 * `what` names the input or field so the message tells the user what to fix.
 */
export const checkedUrl = (value: string, what: string): URL => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      `${what}: "${redactForeignUrl(String(value)).slice(0, 200)}" is not a valid URL. Enter a full URL starting with https://.`,
    );
  }
  // Checked first, and the URL is not repeated: it would put the password in the message.
  if (url.username || url.password) {
    throw new InputError(
      `${what}: the URL must not contain a user name or password. Enter it as https://host/path.`,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) {
    const shown = url.protocol === "http:" ? `http://${url.host}` : url.protocol;
    throw new InputError(
      `${what}: "${shown}" is not allowed. Enter a URL starting with https:// (plain http is allowed only for localhost, 127.x.x.x and [::1]).`,
    );
  }
  return url;
};

/** The path of a URL, for messages: no host, no query. */
export const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0];
  }
};

const OAUTH_PATHS = {
  tokenUrl: "/v6/authentication/oauth2/token",
  authorizeUrl: "/v6/authentication/oauth2/auth",
};

/**
 * The portal's API host is the origin of the connection's Token URL (or Authorize URL).
 * Validated before any request so a typo gets an answer that says what to enter.
 */
export const portalOriginOf = (fields: Record<string, unknown>): string => {
  const key =
    typeof fields.tokenUrl === "string" && fields.tokenUrl.trim() ? "tokenUrl" : "authorizeUrl";
  const label = key === "tokenUrl" ? "Token URL" : "Authorize URL";
  const value = typeof fields[key] === "string" ? fields[key].trim() : "";
  const expected = `https://your-portal.bynder.com${OAUTH_PATHS[key]}`;
  if (!value) {
    throw new InputError(`${label} is missing from the Bynder connection. Enter ${expected}.`);
  }
  const url = checkedUrl(value, label);
  if (url.pathname.replace(/\/+$/, "") !== OAUTH_PATHS[key] || url.search || url.hash) {
    throw new InputError(
      `${label}: "${redactUrl(value)}" is not Bynder's OAuth ${key === "tokenUrl" ? "token" : "authorize"} URL. Enter ${expected}, with your portal's domain.`,
    );
  }
  return url.origin;
};

const SECRET_NAMES =
  "access_token|refresh_token|id_token|client_secret|code|token|password|secret|api_key|apikey|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|signature|sig|policy|key-pair-id";
const SECRET_PARAMS = new RegExp(`^(${SECRET_NAMES})$`, "i");

/** A URL fit for a log line: signed-URL signatures and tokens in the query are replaced. */
export const redactUrl = (value: string): string => {
  try {
    const url = new URL(value);
    if (url.username || url.password) {
      url.username = "redacted";
      url.password = "";
    }
    for (const key of [...url.searchParams.keys()]) {
      if (SECRET_PARAMS.test(key)) url.searchParams.set(key, "[redacted]");
    }
    return url.toString();
  } catch {
    return scrub(value);
  }
};

/**
 * A URL outside the portal (a Source URL, a signed download or S3 URL), fit for a log line or an
 * error: its query values are all hidden, because which of them are credentials is not ours to
 * know (`auth=`, `sv=`, …), and so is its fragment.
 */
export const redactForeignUrl = (value: string): string => {
  try {
    const url = new URL(value);
    const names = [...new Set(url.searchParams.keys())];
    const query = names.map((name) => `${encodeURIComponent(name)}=[redacted]`).join("&");
    const user = url.username || url.password ? "redacted@" : "";
    return `${url.protocol}//${user}${url.host}${url.pathname}${query ? `?${query}` : ""}`;
  } catch {
    return scrub(value.split(/[?#]/)[0]);
  }
};

const SECRET_IN_TEXT = new RegExp(`(^|[?&\\s;"'])(${SECRET_NAMES})=[^&\\s"'<>]*`, "gi");
const SECRET_JSON =
  /("(?:access_token|refresh_token|id_token|client_secret|password)"\s*:\s*)"[^"]*"/gi;
const SECRET_XML =
  /<(SignatureProvided|StringToSign|StringToSignBytes|CanonicalRequest|CanonicalRequestBytes|AWSAccessKeyId|Credential|Signature)>[\s\S]*?<\/\1>/gi;

/**
 * Removes secrets from any text bound for a log line or an error: the given values (the token),
 * bearer credentials, secret query parameters of signed URLs, OAuth token fields and the
 * signature parts of S3 error documents.
 */
export const scrub = (text: string, secrets: readonly string[] = []): string => {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join("[redacted]");
  }
  return out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/g, "$1 [redacted]")
    .replace(SECRET_IN_TEXT, "$1$2=[redacted]")
    .replace(SECRET_JSON, '$1"[redacted]"')
    .replace(SECRET_XML, "<$1>[redacted]</$1>");
};
