import { OAuth2Type } from "@prismatic-io/spectral";
import { bynderClientCredentials, bynderOAuth, connections, DEFAULT_SCOPES } from "./connections";
import { createBynderClient } from "./client/client";

// The incumbent's default scope string, exactly (docs/incumbent-interface.md §5).
const INCUMBENT_SCOPES =
  "asset:read asset:write collection:read collection:write current.user:read current.profile:read workflow.campaign:read workflow.campaign:write workflow.job:read workflow.job:write brandstore.order:read brandstore.order:write meta.assetbank:read meta.assetbank:write admin.profile:read admin.user:read admin.user:write workflow.preset:read offline";

const summary = (inputs: Record<string, Record<string, unknown>>) =>
  Object.entries(inputs).map(([key, input]) => [
    key,
    input.label,
    input.type,
    input.required,
    input.shown,
  ]);

describe("connections", () => {
  it("offers the incumbent's two connection keys", () => {
    expect(connections.map((c) => c.key)).toEqual([
      "bynder-oauth",
      "bynder-client-credentials-oauth",
    ]);
    expect(bynderOAuth.oauth2Type).toBe(OAuth2Type.AuthorizationCode);
    expect(bynderClientCredentials.oauth2Type).toBe(OAuth2Type.ClientCredentials);
    expect(bynderOAuth.display.label).toBe("OAuth 2.0");
    expect(bynderClientCredentials.display.label).toBe("OAuth 2.0 Client Credentials");
  });

  it("uses exactly the incumbent's default scopes", () => {
    expect(DEFAULT_SCOPES).toBe(INCUMBENT_SCOPES);
    expect(bynderOAuth.inputs.scopes.default).toBe(INCUMBENT_SCOPES);
    expect(bynderClientCredentials.inputs.scopes.default).toBe(INCUMBENT_SCOPES);
  });

  it("has the incumbent's input keys, labels and types (authorization code)", () => {
    expect(summary(bynderOAuth.inputs)).toEqual([
      ["authorizeUrl", "Authorize URL", "string", true, true],
      ["tokenUrl", "Token URL", "string", true, true],
      ["scopes", "Scopes", "string", true, true],
      ["clientId", "Client ID", "string", true, true],
      ["clientSecret", "Client Secret", "password", true, true],
    ]);
  });

  it("has the incumbent's input keys, labels and types (client credentials)", () => {
    expect(summary(bynderClientCredentials.inputs)).toEqual([
      ["tokenUrl", "Token URL", "string", true, true],
      ["scopes", "Scopes", "string", true, true],
      ["clientId", "Client ID", "string", true, true],
      ["clientSecret", "Client Secret", "password", true, true],
    ]);
  });

  it("gives the reference's examples, and no example or default for the secret", () => {
    expect(bynderOAuth.inputs.authorizeUrl.example).toBe(
      "https://portal.bynder.com/v6/authentication/oauth2/auth",
    );
    expect(bynderOAuth.inputs.tokenUrl.example).toBe(
      "https://portal.bynder.com/v6/authentication/oauth2/token",
    );
    expect(bynderClientCredentials.inputs.tokenUrl.example).toBe(
      "https://portal.bynder.com/v6/authentication/oauth2/token",
    );
    expect(bynderOAuth.inputs.clientId.example).toBe("12345678-1234-1234-1234-123456789abc");
    for (const connection of connections) {
      const secret = connection.inputs.clientSecret as Record<string, unknown>;
      expect(secret.example).toBeUndefined();
      expect(secret.default).toBeUndefined();
      for (const input of Object.values(connection.inputs) as { comments?: string }[]) {
        expect(input.comments?.length).toBeGreaterThan(10);
      }
    }
  });

  it("accepts its own examples as connection URLs", () => {
    for (const connection of connections) {
      const fields = Object.fromEntries(
        Object.entries(connection.inputs).map(([key, input]) => [
          key,
          (input as { example?: string }).example,
        ]),
      );
      expect(
        createBynderClient({
          key: connection.key,
          configVarKey: "",
          fields,
          token: { access_token: "t" },
        }).origin,
      ).toBe("https://portal.bynder.com");
    }
  });
});
