/**
 * Antivirus quarantine (`/v7/quarantine/v1`): uploads the virus scan held back, and their review.
 * Reading needs antivirus.asset.audit:read, reviewing antivirus.asset.audit:write (and the
 * "Audit quarantined assets" permission). Dates are `2024-06-28T10:42:02` (no zone).
 *
 * Which id `{asset_id}` and `antivirus_asset_ids` mean is not stated: the record's own `id` or the
 * asset's `assetId`. Both are accepted (UNCONFIRMED). A review sends APPROVED or DENIED; the record
 * then reports APPROVED or REJECTED, as the reference's two enums say.
 */
import { route, type Handler, type Route } from "../context";
import { json, type EmulatorRequest, type EmulatorResponse } from "../http";
import type { Portal, QuarantinedAsset } from "../portal";
import { isoNoZone, sha256, uuid } from "../util";
import { gated, jsonApiError, rfcId } from "../plan";

const BASE = "/v7/quarantine/v1";
const READ = "antivirus.asset.audit:read";
const WRITE = "antivirus.asset.audit:write";

const view = (record: QuarantinedAsset, accountId: string) => ({
  id: record.id,
  accountId,
  assetId: record.assetId,
  assetName: record.assetName,
  requesterId: record.requesterId,
  scanStatus: record.scanStatus,
  dateAdded: isoNoZone(record.dateAdded),
  dateModified: isoNoZone(record.dateModified),
  uploadEventType: "LEGACY",
  fileType: record.fileType,
  fileSize: record.fileSize,
  scanFailureReason: record.scanFailureReason,
  reviewStatus: record.reviewStatus,
  reviewedById: record.reviewedById,
  isRemoved: record.isRemoved,
  isSafe: record.reviewStatus === "APPROVED" || record.scanStatus === "CLEARED",
});

const find = (portal: Portal, raw: string): QuarantinedAsset | undefined => {
  const id = rfcId(raw);
  if (!id) return undefined;
  return portal.quarantine.get(id) ?? [...portal.quarantine.values()].find((r) => r.assetId === id);
};

const notFound = () => json(404, { message: "Asset not found" });

const badRequest = (detail: string) => jsonApiError(400, "Bad Request", detail);

const REVIEWED = { APPROVED: "APPROVED", DENIED: "REJECTED", REJECTED: "REJECTED" } as const;

/** `{data: {review_status, …}}`, the envelope both review calls take: its data and the new status. */
const reviewRequest = (
  req: EmulatorRequest,
): { data: Record<string, unknown>; status: "APPROVED" | "REJECTED" } | EmulatorResponse => {
  const body = req.json as { data?: unknown } | undefined;
  if (!req.contentType.startsWith("application/json") || !body || typeof body !== "object") {
    return badRequest("Send a JSON body.");
  }
  if (!body.data || typeof body.data !== "object") {
    return badRequest('The body must be {"data": {"review_status": …}}.');
  }
  const data = body.data as Record<string, unknown>;
  const status =
    typeof data.review_status === "string"
      ? REVIEWED[data.review_status.toUpperCase() as keyof typeof REVIEWED]
      : undefined;
  return status ? { data, status } : badRequest("review_status must be APPROVED or DENIED.");
};

/** The same account id the workflow routes report (derived from the account's name). */
const accountIdOf = (portal: Portal) =>
  uuid(sha256(`account\u0000${portal.account.name}`).slice(0, 32));

const review = (
  req: EmulatorRequest,
  portal: Portal,
  records: QuarantinedAsset[],
  status: "APPROVED" | "REJECTED",
) => {
  for (const record of records) {
    record.reviewStatus = status;
    record.reviewedById = rfcId(req.auth?.userId ?? "") ?? null;
    record.dateModified = portal.now();
  }
  return json(200, {});
};

// ---------------------------------------------------------------- handlers

const listEntries: Handler = (_req, { portal }) => {
  const assets = [...portal.quarantine.values()]
    .sort((a, b) => b.dateAdded - a.dateAdded)
    .map((r) => view(r, accountIdOf(portal)));
  return json(200, { totalCount: assets.length, assets });
};

const getEntry: Handler = (req, { portal }) => {
  const record = find(portal, req.params.asset_id);
  return record ? json(200, view(record, accountIdOf(portal))) : notFound();
};

const reviewEntry: Handler = (req, { portal }) => {
  const record = find(portal, req.params.asset_id);
  if (!record) return notFound();
  const request = reviewRequest(req);
  return "data" in request ? review(req, portal, [record], request.status) : request;
};

const reviewEntries: Handler = (req, { portal }) => {
  const request = reviewRequest(req);
  if (!("data" in request)) return request;
  const ids = request.data.antivirus_asset_ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string")) {
    return badRequest("antivirus_asset_ids must be a non-empty list of ids.");
  }
  const records = ids.map((id) => find(portal, id));
  const unknown = ids.filter((_id, i) => !records[i]);
  if (unknown.length) return badRequest(`Not in quarantine: ${unknown.join(", ")}.`);
  return review(req, portal, records as QuarantinedAsset[], request.status);
};

// ---------------------------------------------------------------- routes

export const quarantineRoutes: Route[] = [
  route("GET", `${BASE}/assets`, READ, gated("quarantine", "v7", listEntries)),
  route("GET", `${BASE}/assets/:asset_id`, READ, gated("quarantine", "v7", getEntry)),
  route("PUT", `${BASE}/assets/:asset_id`, WRITE, gated("quarantine", "v7", reviewEntry)),
  route("POST", `${BASE}/antivirus-audit`, WRITE, gated("quarantine", "v7", reviewEntries)),
];
