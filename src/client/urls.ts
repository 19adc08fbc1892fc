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
      `${what}: "${value}" is not a valid URL. Enter a full URL starting with https://.`,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) {
    throw new InputError(
      `${what}: "${url.origin}" must use https:// (plain http is allowed only for localhost).`,
    );
  }
  if (url.username || url.password) {
    throw new InputError(`${what}: the URL must not contain a user name or password.`);
  }
  return url;
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
      `${label}: "${value}" is not Bynder's OAuth ${key === "tokenUrl" ? "token" : "authorize"} URL. Enter ${expected}, with your portal's domain.`,
    );
  }
  return url.origin;
};

const SECRET_PARAMS =
  /^(access_token|refresh_token|client_secret|code|token|password|x-amz-signature|x-amz-credential|signature|policy)$/i;

/** A URL fit for a log line: signed-URL signatures and tokens in the query are replaced. */
export const redactUrl = (value: string): string => {
  try {
    const url = new URL(value);
    for (const key of [...url.searchParams.keys()]) {
      if (SECRET_PARAMS.test(key)) url.searchParams.set(key, "[redacted]");
    }
    return url.toString();
  } catch {
    return value.replace(/(access_token|signature|token)=[^&]*/gi, "$1=[redacted]");
  }
};
