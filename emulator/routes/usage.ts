/**
 * Asset usage (`/api/media/usage`, not v4): where an integration uses an asset, reported one at
 * a time or synced per integration. 400s carry one message per offending field.
 */
import { route, type Handler, type Route } from "../context";
import { json, jsonOnly, noContent, type EmulatorRequest } from "../http";
import type { AssetUsage, Media, Portal } from "../portal";
import { isoOffset, parseFilterDate } from "../util";

const READ = "asset.usage:read";
const WRITE = "asset.usage:write";

/** Usage endpoints (not v4) answer 400 with one message per offending field. */
const fieldError = (fields: Record<string, string>) => json(400, fields);

/** Dashes and case do not matter when an id is looked up (CF or RFC spelling of the same hex). */
const hexOf = (id: string) => id.replace(/-/g, "").toUpperCase();

const findAsset = (portal: Portal, id: unknown): Media | undefined => {
  if (typeof id !== "string" || !id.trim()) return undefined;
  const direct = portal.media.get(id.toUpperCase());
  if (direct) return direct;
  const hex = hexOf(id);
  if (hex.length !== 32) return undefined;
  for (const media of portal.media.values()) if (hexOf(media.id) === hex) return media;
  return undefined;
};

const usageBody = (portal: Portal, usage: AssetUsage) => ({
  id: usage.id,
  asset_id: usage.assetId,
  integration: {
    id: usage.integrationId,
    description: portal.integrations.find((i) => i.id === usage.integrationId)?.description ?? "",
  },
  timestamp: isoOffset(usage.timestamp),
  uri: usage.uri,
  additional: usage.additional,
});

/** Query (GET/DELETE) or form (POST) value; the JS SDK's bare keys (`&uri`) count as absent. */
const field = (req: EmulatorRequest, name: string): string | undefined => {
  const value = req.form.get(name) ?? req.query.get(name);
  return value === undefined || value.trim() === "" ? undefined : value.trim();
};

const findIntegration = (portal: Portal, id: string | undefined) =>
  id === undefined ? undefined : portal.integrations.find((i) => i.id === id.toLowerCase());

/** The (asset, integration) pair every usage call needs; 400 per field when missing or unknown. */
const usageKeys = (portal: Portal, assetId: unknown, integrationId: unknown) => {
  const errors: Record<string, string> = {};
  const integration =
    typeof integrationId === "string" && integrationId.trim()
      ? findIntegration(portal, integrationId.trim())
      : undefined;
  if (typeof integrationId !== "string" || !integrationId.trim()) {
    errors.integration_id = "This field is required.";
  } else if (!integration) {
    errors.integration_id = `Integration "${integrationId}" does not exist.`;
  }
  const asset = findAsset(portal, assetId);
  if (typeof assetId !== "string" || !assetId.trim()) {
    errors.asset_id = "This field is required.";
  } else if (!asset) {
    errors.asset_id = `Asset "${assetId}" does not exist.`;
  }
  return { errors, asset, integration };
};

const listUsages: Handler = (req, { portal }) => {
  const assetId = field(req, "asset_id");
  if (!assetId) return fieldError({ asset_id: "This field is required." });
  const asset = findAsset(portal, assetId);
  if (!asset) return fieldError({ asset_id: `Asset "${assetId}" does not exist.` });
  const integrationId = field(req, "integration_id")?.toLowerCase();
  const uri = field(req, "uri");
  return json(
    200,
    portal.usages
      .filter((u) => u.assetId === asset.id)
      .filter((u) => !integrationId || u.integrationId === integrationId)
      .filter((u) => uri === undefined || u.uri === uri)
      .map((u) => usageBody(portal, u)),
  );
};

const reportUsage: Handler = (req, { portal }) => {
  const { errors, asset, integration } = usageKeys(
    portal,
    field(req, "asset_id") ?? "",
    field(req, "integration_id") ?? "",
  );
  const rawTimestamp = field(req, "timestamp");
  const timestamp = rawTimestamp === undefined ? portal.now() : parseFilterDate(rawTimestamp);
  if (timestamp === undefined) {
    errors.timestamp = "Datetime has wrong format. Use ISO 8601: yyyy-mm-ddThh:mm:ssZ.";
  }
  if (Object.keys(errors).length || !asset || !integration || timestamp === undefined) {
    return fieldError(errors);
  }
  const uri = field(req, "uri") ?? "";
  const additional = field(req, "additional") ?? "";
  // One usage per asset, integration and location: reporting it again updates it.
  let usage = portal.usages.find(
    (u) => u.assetId === asset.id && u.integrationId === integration.id && u.uri === uri,
  );
  if (usage) {
    usage.additional = additional;
    usage.timestamp = timestamp;
  } else {
    usage = {
      id: portal.uuid(),
      assetId: asset.id,
      integrationId: integration.id,
      uri,
      additional,
      timestamp,
    };
    portal.usages.push(usage);
  }
  return json(200, usageBody(portal, usage));
};

const deleteUsage: Handler = (req, { portal }) => {
  const { errors, asset, integration } = usageKeys(
    portal,
    field(req, "asset_id") ?? "",
    field(req, "integration_id") ?? "",
  );
  if (Object.keys(errors).length || !asset || !integration) return fieldError(errors);
  const uri = field(req, "uri");
  portal.usages = portal.usages.filter(
    (u) =>
      !(
        u.assetId === asset.id &&
        u.integrationId === integration.id &&
        (uri === undefined || u.uri === uri)
      ),
  );
  return noContent();
};

const syncUsages: Handler = (req, { portal }) => {
  const wrongType = jsonOnly(req);
  if (wrongType) return wrongType;
  const body = req.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return fieldError({ integration_id: "This field is required." });
  }
  const integration =
    typeof body.integration_id === "string"
      ? findIntegration(portal, body.integration_id.trim())
      : undefined;
  if (!integration) {
    return fieldError({
      integration_id:
        typeof body.integration_id === "string" && body.integration_id.trim()
          ? `Integration "${body.integration_id}" does not exist.`
          : "This field is required.",
    });
  }
  if (body.uris !== undefined && !Array.isArray(body.uris)) {
    return fieldError({ uris: "Expected a list of URIs." });
  }
  if (body.usages !== undefined && !Array.isArray(body.usages)) {
    return fieldError({ usages: "Expected a list of usages." });
  }
  const uris = ((body.uris as unknown[] | undefined) ?? []).map(String);
  const result = {
    accepted: [] as { asset_id: string; uri: string; additional: string }[],
    new: [] as ReturnType<typeof usageBody>[],
    rejected: [] as { asset_id: string; uri: string; reason: string }[],
    removed: [] as { asset_id: string; uri: string }[],
  };
  const keep = new Set<string>();
  for (const entry of (body.usages as Record<string, unknown>[] | undefined) ?? []) {
    const assetId = typeof entry?.asset_id === "string" ? entry.asset_id : "";
    const uri = typeof entry?.uri === "string" ? entry.uri : "";
    const additional = typeof entry?.additional === "string" ? entry.additional : "";
    const asset = findAsset(portal, assetId);
    if (!asset || !uri) {
      result.rejected.push({
        asset_id: assetId,
        uri,
        reason: asset ? "uri is required" : `Asset "${assetId}" does not exist`,
      });
      continue;
    }
    keep.add(`${asset.id} ${uri}`);
    result.accepted.push({ asset_id: asset.id, uri, additional });
    const existing = portal.usages.find(
      (u) => u.assetId === asset.id && u.integrationId === integration.id && u.uri === uri,
    );
    if (existing) {
      if (existing.additional !== additional) {
        existing.additional = additional;
        existing.timestamp = portal.now();
      }
      continue;
    }
    const usage: AssetUsage = {
      id: portal.uuid(),
      assetId: asset.id,
      integrationId: integration.id,
      uri,
      additional,
      timestamp: portal.now(),
    };
    portal.usages.push(usage);
    result.new.push(usageBody(portal, usage));
  }
  // A listed URI that no usage names any more loses its usages.
  portal.usages = portal.usages.filter((u) => {
    const drop =
      u.integrationId === integration.id &&
      uris.includes(u.uri) &&
      !keep.has(`${u.assetId} ${u.uri}`);
    if (drop) result.removed.push({ asset_id: u.assetId, uri: u.uri });
    return !drop;
  });
  return json(200, result);
};

export const usageRoutes: Route[] = [
  route("GET", "/api/media/usage", READ, listUsages),
  route("POST", "/api/media/usage", WRITE, reportUsage),
  route("DELETE", "/api/media/usage", WRITE, deleteUsage),
  route("POST", "/api/media/usage/sync", WRITE, syncUsages),
];
