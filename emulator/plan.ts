/**
 * What the newer services (`/v7/...`, `/api/1/...`) answer when something is wrong, and how a
 * portal without one of them refuses it.
 *
 * Bynder does not document the answer of a service the portal's plan lacks. The emulator answers
 * 403 with a message that says the feature is not enabled (a JSON:API `errors` body on `/v7`, a
 * `{message, reason}` body on `/api/1`); the component recognises that wording, whatever the status,
 * so a 404 or 501 with the same message would be reported the same way. UNCONFIRMED.
 */
import { json, type EmulatorResponse } from "./http";
import type { Portal, PortalFeatures } from "./portal";
import type { Handler } from "./context";

/** The JSON:API error body of the `/v7` services (`application/vnd.api+json {errors:[…]}`). */
export const jsonApiError = (status: number, title: string, detail: string): EmulatorResponse => ({
  ...json(status, { errors: [{ status: String(status), title, detail }] }),
  contentType: "application/vnd.api+json",
});

const FEATURE_NAMES: Record<keyof PortalFeatures, string> = {
  analytics: "The Analytics API",
  similaritySearch: "Similarity search",
  videoStreaming: "Adaptive video streaming",
  quarantine: "Antivirus quarantine",
};

/** The refusal of a switched-off feature, in the error style of its API family. */
export const featureOff = (feature: keyof PortalFeatures, family: "v7" | "api1") => {
  const detail = `${FEATURE_NAMES[feature]} is not enabled for this account.`;
  return family === "v7"
    ? jsonApiError(403, "Forbidden", detail)
    : json(403, { message: detail, reason: "FEATURE_NOT_ENABLED" });
};

/** A handler that first checks the portal has the feature. */
export const gated =
  (feature: keyof PortalFeatures, family: "v7" | "api1", handler: Handler): Handler =>
  (req, context) =>
    context.portal.features[feature] ? handler(req, context) : featureOff(feature, family);

/** 8-4-4-16 (v4) or 8-4-4-4-12, any case → the 8-4-4-4-12 lower-case form `/api/1` and `/v7` use. */
export const rfcId = (id: string): string | undefined => {
  const hex = id.replace(/-/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The portal's v4 asset (8-4-4-16) whose hex digits an 8-4-4-4-12 id carries. */
export const assetByRfcId = (portal: Portal, id: string) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return undefined;
  const hex = id.replace(/-/g, "").toUpperCase();
  return portal.media.get(
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16)}`,
  );
};
