/**
 * Asset usage (/api/media/usage, not under /v4): where an integration has used an asset. These
 * calls need the asset.usage:read / asset.usage:write scopes, which the default Scopes of the
 * connection do not include, and a Bynder user with the STATISTICS role.
 */
import type { Connection } from "@prismatic-io/spectral";
import { connectionError, path } from "../client";
import { assetUsage, assetUsages } from "../examplePayloads/usage";
import { assetIdInput } from "../inputs/assets";
import { connection } from "../inputs/common";
import {
  integrationId,
  optionalIntegrationId,
  usageAdditional,
  usageTimestamp,
  usageUri,
} from "../inputs/metaproperties";
import { bynderAction } from "./bynderAction";

const USAGE_PATH = path`/api/media/usage/`;
const SCOPE_HINT =
  "Add \"asset.usage:read asset.usage:write\" to the connection's Scopes and connect again; the connection's Bynder user also needs the STATISTICS role.";

/**
 * Fails before any request when the connection's Scopes leave out what the call needs (Bynder
 * would answer 403), with a message that says how to fix the connection.
 */
const requireScope = (connection: Connection, scope: string, label: string): void => {
  const scopes = connection.fields?.scopes;
  if (typeof scopes !== "string" || !scopes.trim()) return;
  if (!scopes.split(/\s+/).includes(scope)) {
    throw connectionError(
      connection,
      `${label} needs the ${scope} scope, which this Bynder connection does not request. ${SCOPE_HINT}`,
    );
  }
};

export const createAssetUsage = bynderAction({
  display: {
    label: "Create Asset Usage",
    description:
      "Record that an integration uses an asset at a location (URI). Needs the asset.usage:write scope on the connection, which the default Scopes do not include.",
  },
  inputs: {
    assetId: assetIdInput,
    integrationId,
    uri: usageUri(
      "Where the asset is used, e.g. a page path or URL. Reporting the same asset, integration and URI again updates that usage.",
    ),
    timestamp: usageTimestamp,
    additional: usageAdditional,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: assetUsage },
  run: (bynder, { assetId, integrationId, uri, timestamp, additional, connection }) => {
    requireScope(connection, "asset.usage:write", "Create Asset Usage");
    return bynder.postForm<typeof assetUsage>(USAGE_PATH, {
      asset_id: assetId,
      integration_id: integrationId,
      timestamp,
      uri,
      additional,
    });
  },
});

export const listAssetUsages = bynderAction({
  display: {
    label: "List Asset Usages",
    description:
      "Retrieve where an asset is used, optionally for one integration or URI. Needs the asset.usage:read scope on the connection, which the default Scopes do not include.",
  },
  inputs: {
    assetId: assetIdInput,
    integrationId: optionalIntegrationId,
    uri: usageUri("Only usages at this location."),
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: assetUsages },
  run: (bynder, { assetId, integrationId, uri, connection }) => {
    requireScope(connection, "asset.usage:read", "List Asset Usages");
    return bynder.get<typeof assetUsages>(USAGE_PATH, {
      asset_id: assetId,
      integration_id: integrationId,
      uri,
    });
  },
});

export const deleteAssetUsage = bynderAction({
  display: {
    label: "Delete Asset Usage",
    description:
      "Delete the usages an integration reported for an asset: at one URI, or all of them when URI is empty. Needs the asset.usage:write scope on the connection, which the default Scopes do not include.",
  },
  inputs: {
    assetId: assetIdInput,
    integrationId,
    uri: usageUri(
      "Delete only the usage at this location; left empty, every usage of the asset by this integration is deleted.",
    ),
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: (bynder, { assetId, integrationId, uri, connection }) => {
    requireScope(connection, "asset.usage:write", "Delete Asset Usage");
    return bynder.delete<string>(USAGE_PATH, {
      asset_id: assetId,
      integration_id: integrationId,
      uri,
    });
  },
});

export const usageActions = { createAssetUsage, listAssetUsages, deleteAssetUsage };
