/**
 * Asset services on `/api/1/assets` (scope asset:read): similarity search and the adaptive video
 * streaming links. These take the 8-4-4-4-12 id in lower case, not the v4 8-4-4-16 id; the emulator
 * treats both as the same 32 hex digits regrouped (UNCONFIRMED: Bynder only says the format differs)
 * and answers the v4 form as an unknown id.
 */
import { route, type Handler, type Route } from "../context";
import { json, text } from "../http";
import type { Media } from "../portal";
import { sha256 } from "../util";
import { assetByRfcId, gated, rfcId } from "../plan";

const SEARCH_FIELDS = ["assetIds", "imageUrl", "imageData", "textQuery"] as const;
const RESULTS = 20;

const bad = (message: string, reason: string) => json(400, { message, reason });

const words = (value: string) =>
  value
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** How alike two assets are: same type, shared tags, shared words in the name (0–1). */
const likeness = (a: Media, b: Media) => {
  const tags = a.tags.filter((t) => b.tags.includes(t)).length;
  const shared = words(a.name).filter((w) => words(b.name).includes(w)).length;
  return Math.min(1, (a.type === b.type ? 0.4 : 0) + 0.2 * tags + 0.15 * shared);
};

/** A stable pseudo-score for an image given by URL or data, so results are repeatable. */
const imageLikeness = (key: string, media: Media) =>
  media.type === "image" ? parseInt(sha256(`${key}\u0000${media.id}`).slice(0, 4), 16) / 0xffff : 0;

const textLikeness = (query: string, media: Media) => {
  const terms = words(query);
  const haystack = new Set([
    ...words(media.name),
    ...words(media.description),
    ...media.tags.flatMap(words),
  ]);
  return terms.length ? terms.filter((t) => haystack.has(t)).length / terms.length : 0;
};

const search: Handler = (req, { portal }) => {
  if (!req.contentType.startsWith("application/json")) {
    return bad("Send the search as a JSON body.", "INVALID_REQUEST");
  }
  const body = (req.json ?? {}) as Record<string, unknown>;
  const given = SEARCH_FIELDS.filter((field) => body[field] !== undefined && body[field] !== null);
  if (given.length > 1) {
    return bad(
      `Multiple search parameters provided. Please provide only one of the following parameters: ${SEARCH_FIELDS.join(", ")}.`,
      "MULTIPLE_SEARCH_PARAMETERS",
    );
  }
  if (given.length === 0) {
    return bad(
      `No search parameter provided. Please provide one of the following parameters: ${SEARCH_FIELDS.join(", ")}.`,
      "MISSING_SEARCH_PARAMETER",
    );
  }
  let score: (media: Media) => number;
  let exclude = new Set<string>();
  if (given[0] === "assetIds") {
    const ids = body.assetIds;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string")) {
      return bad("assetIds must be a non-empty list of asset ids.", "INVALID_ASSET_IDS");
    }
    const assets = ids.map((id) => assetByRfcId(portal, id));
    const invalid = ids.filter((_id, i) => !assets[i]);
    if (invalid.length) {
      return bad(
        `Unknown asset ids (8-4-4-4-12, lower case): ${invalid.join(", ")}.`,
        "INVALID_ASSET_IDS",
      );
    }
    const sources = assets as Media[];
    exclude = new Set(sources.map((m) => m.id));
    score = (media) => Math.max(...sources.map((source) => likeness(source, media)));
  } else if (typeof body[given[0]] !== "string" || !(body[given[0]] as string).trim()) {
    return bad(`${given[0]} must be a non-empty string.`, "INVALID_SEARCH_PARAMETER");
  } else if (given[0] === "textQuery") {
    score = (media) => textLikeness(body.textQuery as string, media);
  } else {
    const key = body[given[0]] as string;
    score = (media) => imageLikeness(key, media);
  }
  const assets = [...portal.media.values()]
    .filter((media) => !exclude.has(media.id))
    .map((media) => ({
      assetId: rfcId(media.id)!,
      similarityScore: Math.round(score(media) * 100) / 100,
    }))
    .filter((hit) => hit.similarityScore > 0)
    .sort((a, b) => b.similarityScore - a.similarityScore || (a.assetId < b.assetId ? -1 : 1))
    .slice(0, RESULTS);
  return json(200, { assets });
};

const publicLinks: Handler = (req, { portal }) => {
  const media = assetByRfcId(portal, req.params.asset_id);
  if (!media || media.type !== "video") return text(404, "manifest file not found");
  const id = req.params.asset_id;
  const stream = `${req.baseUrl}/vod-stream/${id}`;
  return json(200, {
    hls: `${stream}/play-hls2.m3u8`,
    dash: `${stream}/play-dash.mpd`,
    embedCode: `<div bvd-manifest-url="${stream}/play-hls2.m3u8" bvd-poster="${req.baseUrl}/asset/${id}/thumbnail/webimage-poster"></div><script src="${req.baseUrl}/v7/video-delivery/main.js"></script>`,
  });
};

export const assetServiceRoutes: Route[] = [
  route(
    "POST",
    "/api/1/assets/similarity-search",
    "asset:read",
    gated("similaritySearch", "api1", search),
  ),
  route(
    "GET",
    "/api/1/assets/:asset_id/public-links",
    "asset:read",
    gated("videoStreaming", "api1", publicLinks),
  ),
];
