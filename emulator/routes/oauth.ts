/** OAuth 2.0 at /v6/authentication/oauth2: authorization code (with refresh for `offline`) and client credentials. */
import { route, type Handler, type Route } from "../context";
import { json, type EmulatorRequest } from "../http";
import { ALL_SCOPES, type Grant, type Portal } from "../portal";

const oauthError = (status: number, error: string, description: string) =>
  json(status, { error, error_description: description });

/** Client authentication in the body or by HTTP Basic, as Bynder's token endpoint accepts. */
const clientCredentials = (req: EmulatorRequest) => {
  const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ""));
  if (basic) {
    const [id, ...rest] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
    // RFC 6749 §2.3.1 url-encodes both parts; a malformed escape is a failed login, not a crash.
    const decode = (part: string) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    };
    return { id: decode(id), secret: decode(rest.join(":")) };
  }
  return { id: req.form.get("client_id") ?? "", secret: req.form.get("client_secret") ?? "" };
};

/** The token response; a refresh token too when `withRefresh`. */
const issue = (portal: Portal, ttlSeconds: number, grant: Grant, withRefresh: boolean) => {
  const accessToken = portal.issueToken(grant.scopes, ttlSeconds, grant);
  const body: Record<string, unknown> = {
    access_token: accessToken,
    token_type: "bearer",
    expires_in: ttlSeconds,
    scope: grant.scopes.join(" "),
  };
  if (withRefresh) {
    const refresh = portal.secret(32);
    portal.oauth.refreshTokens.set(refresh, {
      clientId: grant.clientId,
      scopes: grant.scopes,
      userId: grant.userId,
    });
    body.refresh_token = refresh;
  }
  return json(200, body, { "Cache-Control": "no-store" });
};

/** Requested scopes, limited to what exists; none requested means all of them. */
const grantedScopes = (requested: string | undefined) => {
  const asked = (requested ?? "").split(/[\s+]+/).filter(Boolean);
  return asked.length ? asked.filter((scope) => ALL_SCOPES.includes(scope)) : [...ALL_SCOPES];
};

const authorize: Handler = (req, { portal }) => {
  const app = portal.apps.find((a) => a.clientId === req.query.get("client_id"));
  if (!app) return oauthError(400, "invalid_client", "Unknown client_id");
  if (req.query.get("response_type") !== "code") {
    return oauthError(400, "unsupported_response_type", "response_type must be code");
  }
  const redirectUri = req.query.get("redirect_uri");
  if (!redirectUri) return oauthError(400, "invalid_request", "redirect_uri is required");
  // The real portal shows a login and consent page; the emulator consents as the app's user.
  const code = portal.secret(16);
  portal.oauth.codes.set(code, {
    clientId: app.clientId,
    scopes: grantedScopes(req.query.get("scope")),
    userId: app.userId,
    redirectUri,
    expiresAt: Date.now() + 10 * 60 * 1000,
  });
  const target = new URL(redirectUri);
  target.searchParams.set("code", code);
  const state = req.query.get("state");
  if (state) target.searchParams.set("state", state);
  return { status: 302, headers: { Location: target.toString() } };
};

const token: Handler = (req, { portal, tokenTtlSeconds }) => {
  if (!req.contentType.startsWith("application/x-www-form-urlencoded")) {
    return oauthError(
      400,
      "invalid_request",
      "The token endpoint takes application/x-www-form-urlencoded",
    );
  }
  const { id, secret } = clientCredentials(req);
  const app = portal.apps.find((a) => a.clientId === id);
  if (!app || app.clientSecret !== secret)
    return oauthError(401, "invalid_client", "Client authentication failed");
  switch (req.form.get("grant_type")) {
    case "client_credentials":
      return issue(
        portal,
        tokenTtlSeconds,
        {
          clientId: app.clientId,
          scopes: grantedScopes(req.form.get("scope")).filter((s) => s !== "offline"),
          userId: app.userId,
        },
        false,
      );
    case "authorization_code": {
      const code = portal.oauth.codes.get(req.form.get("code") ?? "");
      portal.oauth.codes.delete(req.form.get("code") ?? "");
      if (!code || code.clientId !== app.clientId || code.expiresAt < Date.now()) {
        return oauthError(400, "invalid_grant", "The authorization code is invalid or expired");
      }
      if (req.form.get("redirect_uri") !== code.redirectUri) {
        return oauthError(
          400,
          "invalid_grant",
          "redirect_uri does not match the authorization request",
        );
      }
      return issue(portal, tokenTtlSeconds, code, code.scopes.includes("offline"));
    }
    case "refresh_token": {
      const grant = portal.oauth.refreshTokens.get(req.form.get("refresh_token") ?? "");
      if (!grant || grant.clientId !== app.clientId) {
        return oauthError(400, "invalid_grant", "The refresh token is invalid");
      }
      return issue(portal, tokenTtlSeconds, grant, false);
    }
    default:
      return oauthError(
        400,
        "unsupported_grant_type",
        "grant_type must be client_credentials, authorization_code or refresh_token",
      );
  }
};

export const oauthRoutes: Route[] = [
  route("GET", "/v6/authentication/oauth2/auth", false, authorize),
  route("POST", "/v6/authentication/oauth2/token", false, token),
];
