/**
 * Analytics (`/v7/analytics/api/...`, scope analytics.api:read): event feeds read with `limit`
 * (1–10,000, default 1,000) and a cursor, filtered by `fromDateTime`/`toDateTime`, oldest first.
 *
 * Paging follows the reference: the v1 feeds take a string cursor whose documented values ("MA",
 * "MTAwMA") are the base64 of an offset ("0", "1000"); the v2 asset views take an integer cursor.
 * The next cursor comes back in the `Next-Cursor` header with a `Next-Url`; the emulator sends
 * both only while events remain after the page (whether Bynder also sends them on the last page
 * is UNCONFIRMED, so the component also stops on a short page or a cursor that does not move).
 * Dates are `2021-11-15T10:07:57.781+00:00`.
 */
import { route, type Handler, type Route } from "../context";
import { Answer, json, type EmulatorRequest, type EmulatorResponse } from "../http";
import type { AnalyticsEvent, AnalyticsEventKind, Portal } from "../portal";
import { parseFilterDate, uuid } from "../util";
import { gated, jsonApiError } from "../plan";

const SCOPE = "analytics.api:read";
const BASE = "/v7/analytics/api";

const millisOffset = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** A 400 in the JSON:API envelope of the /v7 services, thrown from a helper. */
const badRequest = (detail: string) => new Answer(jsonApiError(400, "Bad Request", detail));

const dateParam = (req: EmulatorRequest, name: string): number | undefined => {
  const raw = req.query.get(name)?.trim();
  if (!raw) return undefined;
  // yyyy-mm-ddThh:mm[:ss][Z]: the seconds and the zone are optional.
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw) ? parseFilterDate(raw) : undefined;
  if (ms === undefined) {
    throw badRequest(
      `${name} must be an ISO 8601 date-time such as 2022-01-01T01:00; got "${raw}".`,
    );
  }
  return ms;
};

const limitParam = (req: EmulatorRequest): number => {
  const raw = req.query.get("limit")?.trim();
  if (!raw) return 1000;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw badRequest(`limit must be between 1 and 10000; got "${raw}".`);
  }
  return limit;
};

type CursorStyle = "base64" | "integer";

const decodeCursor = (raw: string | undefined, style: CursorStyle): number => {
  if (raw === undefined || raw.trim() === "") return 0;
  const text = style === "integer" ? raw.trim() : Buffer.from(raw.trim(), "base64url").toString();
  const offset = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(offset)) {
    throw badRequest(`cursor "${raw}" is not a cursor this feed handed out.`);
  }
  return offset;
};
const encodeCursor = (offset: number, style: CursorStyle) =>
  style === "integer" ? String(offset) : Buffer.from(String(offset)).toString("base64url");

/** An asset event as the v1 feeds show it: the asset's name, type and file name included. */
const assetEventV1 = (portal: Portal, event: AnalyticsEvent) => {
  const media = event.assetId ? portal.media.get(event.assetId) : undefined;
  const name = media?.name ?? "";
  return {
    id: event.id,
    eventType: `asset.${event.kind}`,
    userId: event.userId,
    dateTime: millisOffset(event.dateTime),
    assetId: event.assetId ?? "",
    assetType: media?.type ?? "",
    assetName: name,
    assetAudit: "ACCEPTED",
    fileName: `${event.assetId ?? ""}___${name}`,
    ...(event.kind === "download"
      ? { mediaItemId: media?.items[0]?.id ?? event.assetId ?? "", mediaItemType: "original" }
      : {}),
  };
};

const eventId = (event: AnalyticsEvent) => uuid(`${event.id}00000000`);

interface Feed {
  path: string;
  kinds: AnalyticsEventKind[];
  cursor: CursorStyle;
  render: (portal: Portal, event: AnalyticsEvent) => Record<string, unknown>;
}

const FEEDS: Feed[] = [
  {
    path: "/v2/asset/views",
    kinds: ["view"],
    cursor: "integer",
    render: (_portal, e) => ({
      eventId: eventId(e),
      eventType: "AssetViewed",
      userId: e.userId,
      dateTime: millisOffset(e.dateTime),
      assetId: e.assetId,
    }),
  },
  ...(["view", "download", "create", "archive", "remove"] as const).map((kind): Feed => ({
    path: `/v1/asset/${kind}`,
    kinds: [kind],
    cursor: "base64",
    render: assetEventV1,
  })),
  {
    path: "/v1/asset/v2/download",
    kinds: ["download"],
    cursor: "base64",
    render: (_portal, e) => ({
      eventId: eventId(e),
      eventType: "AssetDownloadRequested",
      dateTime: millisOffset(e.dateTime),
      userId: e.userId,
      assetId: e.assetId,
      downloadReasons: e.downloadReasons ?? [],
    }),
  },
  {
    path: "/v1/search/executions",
    kinds: ["search"],
    cursor: "base64",
    render: (portal, e) => ({
      eventId: eventId(e),
      eventType: "SearchExecuted",
      dateTime: millisOffset(e.dateTime),
      userId: e.userId,
      terms: e.terms ?? [],
      filters: [],
      operator: "OR",
      sortOrder: { field: "datePublished", order: "desc" },
      results: {
        assets: [...portal.media.values()].filter((m) =>
          (e.terms ?? []).some((t) => m.name.toLowerCase().includes(t.toLowerCase())),
        ).length,
      },
    }),
  },
  {
    path: "/v1/user/login",
    kinds: ["login"],
    cursor: "base64",
    render: (_portal, e) => ({
      id: e.id,
      eventType: "user.login",
      userId: e.userId,
      dateTime: millisOffset(e.dateTime),
    }),
  },
  {
    path: "/v1/collection/views",
    kinds: ["collectionView"],
    cursor: "base64",
    render: (portal, e) => ({
      eventId: eventId(e),
      collectionId: e.collectionId,
      eventType: "CollectionViewed",
      dateTime: millisOffset(e.dateTime),
      userId: e.userId,
      isOwner: portal.collections.get(e.collectionId ?? "")?.userId === e.userId,
      viewOrigin: e.userId ? "internal" : "embed",
      ipAddress: "192.0.2.10",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)",
      isBynderSupport: false,
    }),
  },
];

const ASSET_KINDS: AnalyticsEventKind[] = ["view", "download", "create", "archive", "remove"];

/** One page of the events that match, with the Next-Cursor / Next-Url headers while more remain. */
const page = (
  req: EmulatorRequest,
  portal: Portal,
  feedPath: string,
  cursor: CursorStyle,
  matches: (event: AnalyticsEvent) => boolean,
  render: (portal: Portal, event: AnalyticsEvent) => Record<string, unknown>,
): EmulatorResponse => {
  const from = dateParam(req, "fromDateTime");
  const to = dateParam(req, "toDateTime");
  const limit = limitParam(req);
  const offset = decodeCursor(req.query.get("cursor"), cursor);
  const events = portal.analyticsEvents
    .filter(
      (e) =>
        matches(e) &&
        (from === undefined || e.dateTime > from) &&
        (to === undefined || e.dateTime <= to),
    )
    .sort((a, b) => a.dateTime - b.dateTime || (a.id < b.id ? -1 : 1));
  const slice = events.slice(offset, offset + limit);
  const next = offset + slice.length;
  const headers: Record<string, string> = {};
  if (next < events.length) {
    const nextCursor = encodeCursor(next, cursor);
    const query = new URLSearchParams(req.query.entries);
    query.set("limit", String(limit));
    query.set("cursor", nextCursor);
    headers["Next-Cursor"] = nextCursor;
    headers["Next-Url"] = `${feedPath.replace(BASE, "/api")}?${query}`;
  }
  return json(
    200,
    slice.map((e) => render(portal, e)),
    headers,
  );
};

/** Every event on one asset (v1 style). The id is the asset's v4 id (8-4-4-16). */
const assetActivity: Handler = (req, { portal }) => {
  const assetId = req.params.assetId.toUpperCase();
  if (!portal.media.has(assetId) && !portal.analyticsEvents.some((e) => e.assetId === assetId)) {
    return jsonApiError(404, "Not Found", `Asset ${req.params.assetId} not found.`);
  }
  return page(
    req,
    portal,
    `${BASE}/v1/asset/${req.params.assetId}`,
    "base64",
    (e) => e.assetId === assetId && ASSET_KINDS.includes(e.kind),
    assetEventV1,
  );
};

const feedHandler =
  (feed: Feed): Handler =>
  (req, { portal }) =>
    page(
      req,
      portal,
      `${BASE}${feed.path}`,
      feed.cursor,
      (e) => feed.kinds.includes(e.kind),
      feed.render,
    );

const analytics = (path: string, handler: Handler) =>
  route("GET", `${BASE}${path}`, SCOPE, gated("analytics", "v7", handler));

export const analyticsRoutes: Route[] = [
  ...FEEDS.map((feed) => analytics(feed.path, feedHandler(feed))),
  analytics("/v1/asset/:assetId", assetActivity),
];
