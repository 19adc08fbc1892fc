/** The config wizard: the Bynder connection, then what to sync, where to, and the backlink's name. */
import { configPage, configVar } from "@prismatic-io/spectral";
import { bynderBynderClientCredentialsOauth } from "../../../manifest/src/connections/bynderClientCredentialsOauth";

export const configPages = {
  Bynder: configPage({
    tagline: "The Bynder portal whose tagged assets are copied",
    elements: {
      "Bynder Connection": bynderBynderClientCredentialsOauth("bynder-connection", {
        tokenUrl: { permissionAndVisibilityType: "customer" },
        clientId: { permissionAndVisibilityType: "customer" },
        clientSecret: { permissionAndVisibilityType: "customer" },
      }),
    },
  }),
  "Sync Settings": configPage({
    tagline: "Which assets are copied, where to, and where the copy's URL is written",
    elements: {
      Tag: configVar({
        stableKey: "sync-tag",
        dataType: "string",
        description:
          "Assets carrying this tag are copied. Exactly as in Bynder: tags are case sensitive.",
      }),
      "Destination URL": configVar({
        stableKey: "destination-url",
        dataType: "string",
        description:
          'HTTPS endpoint that receives each file (POST, the bytes as body) and answers with the copy\'s URL: JSON {"url": "…"}, the URL as text, or a Location header.',
      }),
      "Destination Auth Header Name": configVar({
        stableKey: "destination-auth-header-name",
        dataType: "string",
        defaultValue: "Authorization",
        description: "Header sent with every file for the destination's authentication.",
      }),
      "Destination Auth Header Value": configVar({
        stableKey: "destination-auth-header-value",
        dataType: "string",
        description: "Its value, e.g. Bearer <token>. Leave empty when the destination needs none.",
      }),
      "Backlink Metaproperty": configVar({
        stableKey: "backlink-metaproperty",
        dataType: "string",
        defaultValue: "Backlink_URL",
        description:
          "Name of the text metaproperty that receives the copy's URL. Created on deploy when missing, reused when present.",
      }),
    },
  }),
};
