import { startEmulator, type BynderEmulator } from "../server";

let emulator: BynderEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

const TOKEN_PATH = "/v6/authentication/oauth2/token";
const AUTH_PATH = "/v6/authentication/oauth2/auth";
const REDIRECT = "https://app.example/oauth/callback";

const tokenRequest = async (
  form: Record<string, string>,
  { basic, contentType }: { basic?: [string, string]; contentType?: string } = {},
) => {
  const headers: Record<string, string> = {
    "Content-Type": contentType ?? "application/x-www-form-urlencoded",
  };
  if (basic) {
    headers.Authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString("base64")}`;
  }
  const response = await fetch(`${emulator.url}${TOKEN_PATH}`, {
    method: "POST",
    headers,
    body:
      contentType === "application/json"
        ? JSON.stringify(form)
        : new URLSearchParams(form).toString(),
  });
  return {
    status: response.status,
    headers: response.headers,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
    body: (await response.json()) as Record<string, any>,
  };
};

const withBody = (extra: Record<string, string>) => ({
  client_id: emulator.clientId,
  client_secret: emulator.clientSecret,
  ...extra,
});

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });

const authorize = async (params: Record<string, string>) => {
  const url = new URL(`${emulator.url}${AUTH_PATH}`);
  url.search = new URLSearchParams(params).toString();
  return fetch(url, { redirect: "manual" });
};

/** Runs the /auth redirect and returns the code it hands back. */
const authorizationCode = async (scope: string, state = "s-123") => {
  const response = await authorize({
    client_id: emulator.clientId,
    redirect_uri: REDIRECT,
    response_type: "code",
    scope,
    state,
  });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get("state")).toBe(state);
  return location.searchParams.get("code")!;
};

describe("client credentials", () => {
  it("issues a bearer token for credentials in the body, with the requested scopes minus offline", async () => {
    const { status, headers, body } = await tokenRequest(
      withBody({ grant_type: "client_credentials", scope: "brandstore.order:read offline" }),
    );
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: "bearer",
      expires_in: 3600,
      scope: "brandstore.order:read",
    });
    const list = await api("/api/store/order", body.access_token);
    expect(list.status).toBe(200);
    // Only the scopes asked for: writing orders is forbidden.
    const order = emulator.portal.orders[0];
    const write = await api(`/api/store/order/${order.id}/products`, body.access_token, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "status=FINISHED",
    });
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual({
      message: "The access token lacks the brandstore.order:write scope",
      statuscode: 403,
    });
  });

  it("accepts HTTP Basic client authentication and grant_type alone (as the JS SDK sends)", async () => {
    const { status, body } = await tokenRequest(
      { grant_type: "client_credentials" },
      { basic: [emulator.clientId, emulator.clientSecret] },
    );
    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    const scopes: string[] = body.scope.split(" ");
    expect(scopes).toContain("asset:read");
    expect(scopes).toContain("brandstore.order:write");
    expect(scopes).not.toContain("offline");
    expect((await api("/api/v4/account", body.access_token)).status).toBe(200);
  });

  it("refuses a wrong secret or an unknown client", async () => {
    const wrong = await tokenRequest(
      withBody({ grant_type: "client_credentials", client_secret: "not-the-secret" }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe("invalid_client");
    const basic = await tokenRequest(
      { grant_type: "client_credentials" },
      { basic: [emulator.clientId, "not-the-secret"] },
    );
    expect(basic.status).toBe(401);
    const malformed = await tokenRequest(
      { grant_type: "client_credentials" },
      { basic: [emulator.clientId, "%zz"] },
    );
    expect(malformed.status).toBe(401);
    const unknown = await tokenRequest({
      grant_type: "client_credentials",
      client_id: "someone",
      client_secret: emulator.clientSecret,
    });
    expect(unknown.status).toBe(401);
  });

  it("refuses a JSON body and an unknown grant type", async () => {
    const asJson = await tokenRequest(withBody({ grant_type: "client_credentials" }), {
      contentType: "application/json",
    });
    expect(asJson.status).toBe(400);
    expect(asJson.body.error).toBe("invalid_request");
    const grant = await tokenRequest(withBody({ grant_type: "password" }));
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe("unsupported_grant_type");
  });
});

describe("authorization code", () => {
  it("redirects with a code and the state, then exchanges it for tokens with a refresh token for offline", async () => {
    const code = await authorizationCode("offline brandstore.order:read");
    const { status, body } = await tokenRequest(
      withBody({ grant_type: "authorization_code", code, redirect_uri: REDIRECT }),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: "bearer",
      expires_in: 3600,
      scope: "offline brandstore.order:read",
      refresh_token: expect.any(String),
    });
    expect((await api("/api/store/order", body.access_token)).status).toBe(200);

    // The refresh token works, and keeps working (Bynder's SDKs keep the old one).
    for (let i = 0; i < 2; i++) {
      const refreshed = await tokenRequest(
        { grant_type: "refresh_token", refresh_token: body.refresh_token },
        { basic: [emulator.clientId, emulator.clientSecret] },
      );
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.access_token).not.toBe(body.access_token);
      expect((await api("/api/store/order", refreshed.body.access_token)).status).toBe(200);
    }
    const badRefresh = await tokenRequest(
      withBody({ grant_type: "refresh_token", refresh_token: "made-up" }),
    );
    expect(badRefresh.status).toBe(400);
    expect(badRefresh.body.error).toBe("invalid_grant");
  });

  it("gives no refresh token without the offline scope", async () => {
    const code = await authorizationCode("brandstore.order:read");
    const { status, body } = await tokenRequest(
      withBody({ grant_type: "authorization_code", code, redirect_uri: REDIRECT }),
    );
    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
  });

  it("uses a code once, and only with the redirect URI it was issued for", async () => {
    const code = await authorizationCode("asset:read");
    const mismatch = await tokenRequest(
      withBody({
        grant_type: "authorization_code",
        code,
        redirect_uri: "https://other.example/cb",
      }),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toBe("invalid_grant");

    const fresh = await authorizationCode("asset:read");
    const first = await tokenRequest(
      withBody({ grant_type: "authorization_code", code: fresh, redirect_uri: REDIRECT }),
    );
    expect(first.status).toBe(200);
    const again = await tokenRequest(
      withBody({ grant_type: "authorization_code", code: fresh, redirect_uri: REDIRECT }),
    );
    expect(again.status).toBe(400);
    expect(again.body.error).toBe("invalid_grant");
  });

  it("checks the authorization request", async () => {
    const base = { client_id: emulator.clientId, redirect_uri: REDIRECT, response_type: "code" };
    const unknownClient = await authorize({ ...base, client_id: "nobody" });
    expect(unknownClient.status).toBe(400);
    expect(((await unknownClient.json()) as { error: string }).error).toBe("invalid_client");
    const implicit = await authorize({ ...base, response_type: "token" });
    expect(implicit.status).toBe(400);
    const { redirect_uri: _omitted, ...noRedirect } = base;
    expect((await authorize(noRedirect)).status).toBe(400);
  });
});

describe("access tokens", () => {
  it("expire after tokenTtlSeconds, then get 401 text/plain", async () => {
    const shortLived = await startEmulator({ tokenTtlSeconds: 1 });
    try {
      const response = await fetch(`${shortLived.url}${TOKEN_PATH}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: shortLived.clientId,
          client_secret: shortLived.clientSecret,
        }).toString(),
      });
      const body = (await response.json()) as { access_token: string; expires_in: number };
      expect(body.expires_in).toBe(1);
      const call = () =>
        fetch(`${shortLived.url}/api/v4/account/`, {
          headers: { Authorization: `Bearer ${body.access_token}` },
        });
      expect((await call()).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const expired = await call();
      expect(expired.status).toBe(401);
      expect(expired.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await expired.text()).toBe("Invalid or expired token.");
    } finally {
      await shortLived.stop();
    }
  });

  it("are refused when missing, unknown or not Bearer", async () => {
    for (const authorization of [
      undefined,
      "Bearer unknown-token",
      `Basic ${emulator.issueToken()}`,
    ]) {
      const response = await fetch(`${emulator.url}/api/v4/account`, {
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe("Invalid or expired token.");
    }
  });
});
