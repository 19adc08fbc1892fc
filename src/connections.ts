import { OAuth2Type, oauth2Connection } from "@prismatic-io/spectral";

/** The incumbent component's default scope string, unchanged so existing connections keep working. */
export const DEFAULT_SCOPES =
  "asset:read asset:write collection:read collection:write current.user:read current.profile:read workflow.campaign:read workflow.campaign:write workflow.job:read workflow.job:write brandstore.order:read brandstore.order:write meta.assetbank:read meta.assetbank:write admin.profile:read admin.user:read admin.user:write workflow.preset:read offline";

const tokenUrl = {
  label: "Token URL",
  type: "string",
  required: true,
  shown: true,
  example: "https://portal.bynder.com/v6/authentication/oauth2/token",
  placeholder: "https://your-portal.bynder.com/v6/authentication/oauth2/token",
  comments:
    "Your portal's OAuth 2.0 token URL: https://<your Bynder domain>/v6/authentication/oauth2/token. Its domain is also the API host.",
} as const;

const scopes = {
  label: "Scopes",
  type: "string",
  required: true,
  shown: true,
  default: DEFAULT_SCOPES,
  example: DEFAULT_SCOPES,
  comments:
    "Space-separated OAuth scopes granted to the access token. Bynder grants only those the user's security profile allows.",
} as const;

const clientId = {
  label: "Client ID",
  type: "string",
  required: true,
  shown: true,
  example: "12345678-1234-1234-1234-123456789abc",
  comments:
    "The Client ID of the OAuth app registered in Bynder (Settings > Portal Settings > OAuth Apps).",
} as const;

const clientSecret = {
  label: "Client Secret",
  type: "password",
  required: true,
  shown: true,
  comments: "The Client Secret of the same OAuth app.",
} as const;

export const bynderOAuth = oauth2Connection({
  key: "bynder-oauth",
  display: {
    label: "OAuth 2.0",
    description:
      "Authorization Code flow: a Bynder user signs in and consents. Register an OAuth app with grant type Authorization Code and redirect URI https://oauth2.prismatic.io/callback.",
  },
  oauth2Type: OAuth2Type.AuthorizationCode,
  inputs: {
    authorizeUrl: {
      label: "Authorize URL",
      type: "string",
      required: true,
      shown: true,
      example: "https://portal.bynder.com/v6/authentication/oauth2/auth",
      placeholder: "https://your-portal.bynder.com/v6/authentication/oauth2/auth",
      comments:
        "Your portal's OAuth 2.0 authorization URL: https://<your Bynder domain>/v6/authentication/oauth2/auth.",
    },
    tokenUrl: {
      ...tokenUrl,
      comments:
        "Your portal's OAuth 2.0 token URL, used to exchange the authorization code for an access token: https://<your Bynder domain>/v6/authentication/oauth2/token.",
    },
    scopes: {
      ...scopes,
      comments: `${scopes.comments} Keep "offline" to receive a refresh token.`,
    },
    clientId,
    clientSecret,
  },
});

export const bynderClientCredentials = oauth2Connection({
  key: "bynder-client-credentials-oauth",
  display: {
    label: "OAuth 2.0 Client Credentials",
    description:
      "Client Credentials flow: tokens act as the OAuth app's assigned user, with no sign-in. Register an OAuth app with grant type Client Credentials and choose that user.",
  },
  oauth2Type: OAuth2Type.ClientCredentials,
  inputs: {
    tokenUrl: {
      ...tokenUrl,
      comments:
        "Your portal's OAuth 2.0 token URL, used to exchange the client credentials for an access token: https://<your Bynder domain>/v6/authentication/oauth2/token.",
    },
    scopes,
    clientId,
    clientSecret,
  },
});

export const connections = [bynderOAuth, bynderClientCredentials];
