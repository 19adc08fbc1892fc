/**
 * Tags: the portal's tags with how many assets carry each, and adding a tag to assets or taking it
 * off. Facts: bynder-api.md §4.1; openapi asset-v4.
 */
import { route, type Handler, type Route } from "../context";
import { badRequest, created, json, noContent, paging, v4Error } from "../http";
import { findMedia, registerTags } from "../media";
import type { Media, Portal } from "../portal";

const READ = "asset:read";
const WRITE = "asset:write";

/** lower-case tag → how many assets carry it; tags on assets that are not portal tags yet become ones. */
const mediaCountByTag = (portal: Portal) => {
  const counts = new Map<string, number>();
  const names = new Map<string, string>();
  for (const media of portal.media.values()) {
    const own = new Set<string>();
    for (const tag of media.tags) {
      const key = tag.toLowerCase();
      if (own.has(key)) continue;
      own.add(key);
      if (!names.has(key)) names.set(key, tag);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const known = new Set([...portal.tags.values()].map((t) => t.tag.toLowerCase()));
  registerTags(
    portal,
    [...names].filter(([key]) => !known.has(key)).map(([, name]) => name),
  );
  return counts;
};

const listTags: Handler = (req, { portal }) => {
  const { query } = req;
  const { limit, page } = paging(query, 50, 1000);
  const orderBy = (query.get("orderBy") ?? "tag asc").trim();
  const order = /^(tag|mediaCount)\s+(asc|desc)$/i.exec(orderBy);
  if (!order) {
    throw badRequest(
      `Invalid orderBy "${orderBy}": use "tag asc", "tag desc", "mediaCount asc" or "mediaCount desc"`,
    );
  }
  const mincount = query.int("mincount");
  if (mincount !== undefined && (!Number.isInteger(mincount) || mincount < 0)) {
    throw badRequest(`Invalid mincount "${query.get("mincount")}": a whole number of 0 or more`);
  }
  const counts = mediaCountByTag(portal);
  const keyword = query.get("keyword")?.trim().toLowerCase();
  const byCount = order[1].toLowerCase() === "mediacount";
  const sign = order[2].toLowerCase() === "desc" ? -1 : 1;
  const tags = [...portal.tags.values()]
    .map((t) => ({ id: t.id, tag: t.tag, mediaCount: counts.get(t.tag.toLowerCase()) ?? 0 }))
    .filter(
      (t) => (!keyword || t.tag.toLowerCase().includes(keyword)) && t.mediaCount >= (mincount ?? 0),
    )
    .sort((a, b) => {
      const primary = byCount
        ? a.mediaCount - b.mediaCount
        : a.tag.toLowerCase() < b.tag.toLowerCase()
          ? -1
          : a.tag.toLowerCase() > b.tag.toLowerCase()
            ? 1
            : 0;
      return sign * primary || (a.id < b.id ? -1 : 1);
    });
  return json(200, tags.slice((page - 1) * limit, page * limit));
};

const findTagById = (portal: Portal, id: string) =>
  portal.tags.get(id) ?? portal.tags.get(id.toUpperCase());

/** POST /api/v4/tags/{id}/media, form data=["assetId", …]. */
const addTagToMedia: Handler = (req, { portal }) => {
  const tag = findTagById(portal, req.params.tagId);
  if (!tag) return v4Error(404, "Tag not found");
  const raw = req.form.get("data");
  if (raw === undefined || raw.trim() === "") {
    return v4Error(
      400,
      'Parameter data is required: a JSON array of asset ids, e.g. ["ID1","ID2"]',
    );
  }
  let ids: unknown;
  try {
    ids = JSON.parse(raw);
  } catch {
    return v4Error(400, "Parameter data must be a JSON array of asset ids");
  }
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string")) {
    return v4Error(400, "Parameter data must be a non-empty JSON array of asset ids");
  }
  const media = ids.map((id) => findMedia(portal, id));
  const missing = ids.filter((_, i) => !media[i]);
  if (missing.length) return v4Error(400, `Media not found: ${missing.join(", ")}`);
  for (const m of media as Media[]) {
    if (!m.tags.some((t) => t.toLowerCase() === tag.tag.toLowerCase())) {
      m.tags = [...m.tags, tag.tag];
      if (portal.tagEndpointMovesDateModified) portal.touch(m);
      portal.webhooks.notify("asset_bank.media.meta_updated", { media_id: m.id });
    }
  }
  return created();
};

/** DELETE /api/v4/tags/{id}/media?deleteIds=<csv>. */
const removeTagFromMedia: Handler = (req, { portal }) => {
  const tag = findTagById(portal, req.params.tagId);
  if (!tag) return v4Error(404, "Tag not found");
  const ids = req.query.list("deleteIds");
  if (ids.length === 0)
    return v4Error(400, "Parameter deleteIds is required: comma-separated asset ids");
  const media = ids.map((id) => findMedia(portal, id));
  const missing = ids.filter((_, i) => !media[i]);
  if (missing.length) return v4Error(400, `Media not found: ${missing.join(", ")}`);
  for (const m of media as Media[]) {
    const kept = m.tags.filter((t) => t.toLowerCase() !== tag.tag.toLowerCase());
    if (kept.length !== m.tags.length) {
      m.tags = kept;
      if (portal.tagEndpointMovesDateModified) portal.touch(m);
      portal.webhooks.notify("asset_bank.media.meta_updated", { media_id: m.id });
    }
  }
  return noContent();
};

export const tagRoutes: Route[] = [
  route("GET", "/api/v4/tags", READ, listTags),
  route("POST", "/api/v4/tags/:tagId/media", WRITE, addTagToMedia),
  route("DELETE", "/api/v4/tags/:tagId/media", WRITE, removeTagFromMedia),
];
