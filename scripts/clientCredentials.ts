/**
 * What Prismatic does for a Client Credentials connection: exchange the app's id and secret for
 * an access token, and hand the component the connection with that token. Used by `npm start`
 * and the benchmarks.
 */
export interface Credentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

export const clientCredentialsConnection = async (portal: Credentials, configVarKey = "Bynder") => {
  const response = await fetch(portal.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: portal.clientId,
      client_secret: portal.clientSecret,
      scope: portal.scopes,
    }),
  });
  const body = (await response.json()) as {
    access_token?: string;
    expires_in?: number;
    error_description?: string;
  };
  if (!response.ok || !body.access_token) {
    throw new Error(
      `Token request failed (${response.status}): ${body.error_description ?? "no token"}`,
    );
  }
  return {
    key: "bynder-client-credentials-oauth",
    configVarKey,
    fields: {
      tokenUrl: portal.tokenUrl,
      scopes: portal.scopes,
      clientId: portal.clientId,
      clientSecret: portal.clientSecret,
    },
    token: { access_token: body.access_token, expires_in: body.expires_in },
  };
};
