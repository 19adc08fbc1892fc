/**
 * Assets: GET /api/v4/media (filters and orderBy in `mediaQuery.ts`; the page assembled from each
 * record's cached JSON), get, modify and delete one.
 * Facts: bynder-api.md §4.1, §7; openapi asset-v4.
 */
import { route, type Handler, type Route } from "../context";
import { accepted, json, noContent, paging, text, v4Error, type EmulatorRequest } from "../http";
import { findMedia, mediaNotFound, registerTags } from "../media";
import { mediaJson, mediaJsonText, optionIndex } from "../mediaJson";
import { mediaFilter, parseOrderBy, sortedMedia } from "../mediaQuery";
import { applyMetapropertyWrites, readMetapropertyFields } from "../metapropertyValues";
import { orientationOf } from "../fileTypes";
import type { Media, Portal } from "../portal";
import { parseFilterDate } from "../util";

const READ = "asset:read";
const WRITE = "asset:write";

/** Bynder documents no maximum for `limit` except the incumbent's "Maximum: 1000"; we enforce it. */
const MAX_MEDIA_LIMIT = 1000;

const bump = (counts: Record<string, number>, key: string) => {
  if (key) counts[key] = (counts[key] ?? 0) + 1;
};

const listMedia: Handler = (req, { portal }) => {
  const { query } = req;
  const { field, descending } = parseOrderBy(query.get("orderBy"));
  const { limit, page } = paging(query, 50, MAX_MEDIA_LIMIT);
  const matches = mediaFilter(portal, query);
  const withCount = query.bool("count") === true;
  const withTotal = !withCount && query.bool("total") === true;
  const needAll = withCount || withTotal;

  const start = (page - 1) * limit;
  const end = start + limit;
  const pageItems: Media[] = [];
  let total = 0;
  const facets = withCount
    ? {
        brandId: {} as Record<string, number>,
        subBrandId: {} as Record<string, number>,
        type: {} as Record<string, number>,
        orientation: {} as Record<string, number>,
        tags: {} as Record<string, number>,
        propertyOptionId: {} as Record<string, number>,
      }
    : undefined;
  const sorted = sortedMedia(portal, field, descending);
  if (!matches && !facets) {
    // No filter and no facets to count: the page is a slice and the total the portal's size.
    pageItems.push(...sorted.slice(start, end));
    total = sorted.length;
  } else {
    for (const media of sorted) {
      if (matches && !matches(media)) continue;
      if (total >= start && total < end) pageItems.push(media);
      total++;
      if (facets) {
        bump(facets.brandId, media.brandId);
        bump(facets.subBrandId, media.subBrandId);
        bump(facets.type, media.type);
        bump(facets.orientation, orientationOf(media));
        for (const tag of media.tags) bump(facets.tags, tag);
        for (const option of media.propertyOptions) bump(facets.propertyOptionId, option);
      }
      if (!needAll && total >= end) break;
    }
  }

  const index = optionIndex(portal);
  if (query.bool("includeMediaItems") === true) {
    const media = pageItems.map((m) => mediaJson(portal, m, req.baseUrl, { items: true }, index));
    if (withCount) return json(200, { media, count: { ...facets, total } });
    if (withTotal) return json(200, { media, total: { count: total } });
    return json(200, media);
  }
  // The common case is assembled from each record's cached JSON text.
  const list = `[${pageItems.map((m) => mediaJsonText(portal, m, req.baseUrl, index)).join(",")}]`;
  const body = withCount
    ? `{"media":${list},"count":${JSON.stringify({ ...facets, total })}}`
    : withTotal
      ? `{"media":${list},"total":{"count":${total}}}`
      : list;
  return text(200, body, "application/json");
};

const getMedia: Handler = (req, { portal }) => {
  const media = findMedia(portal, req.params.id);
  if (!media) return mediaNotFound();
  return json(
    200,
    mediaJson(portal, media, req.baseUrl, {
      items: req.query.bool("versions") === true,
      stats: req.query.bool("stats") === true,
    }),
  );
};
// ---------------------------------------------------------------------------------------------
// POST /api/v4/media/{id} (and /api/v4/media with id in the body): modify an asset
// ---------------------------------------------------------------------------------------------

const UPDATABLE = [
  "name",
  "description",
  "copyright",
  "brandId",
  "tags",
  "datePublished",
  "archive",
  "archiveDate",
  "limited",
  "limitedDate",
  "watermarkDate",
  "isPublic",
];

const updateMedia = (req: EmulatorRequest, portal: Portal, id: string | undefined) => {
  if (!req.contentType.startsWith("application/x-www-form-urlencoded") && req.rawBody.length > 0) {
    return v4Error(415, "Send the fields as application/x-www-form-urlencoded");
  }
  if (!id) return v4Error(400, "Parameter id is required");
  const media = findMedia(portal, id);
  if (!media) return mediaNotFound();
  const form = req.form;
  const metaKeys = form.keys().filter((key) => key.startsWith("metaproperty."));
  if (!UPDATABLE.some((key) => form.has(key)) && metaKeys.length === 0) {
    return v4Error(
      400,
      `Nothing to update: send at least one of ${UPDATABLE.join(", ")} or metaproperty.<id> as form fields`,
    );
  }

  // Validate everything before changing anything.
  const brandId = form.get("brandId")?.trim();
  if (brandId && !portal.brands.some((b) => b.id.toLowerCase() === brandId.toLowerCase())) {
    return v4Error(400, `Brand ${brandId} does not exist`);
  }
  const dates: Partial<Record<"datePublished", number>> = {};
  for (const name of ["datePublished", "archiveDate", "limitedDate", "watermarkDate"]) {
    const raw = form.get(name)?.trim();
    if (!raw) continue;
    const value = parseFilterDate(raw);
    if (value === undefined) {
      return v4Error(400, `Invalid ${name} "${raw}": use ISO 8601, yyyy-mm-ddThh:mm:ssZ`);
    }
    if (name === "datePublished") dates.datePublished = value;
  }
  const isPublic = form.bool("isPublic");
  if (isPublic === false && media.isPublic === 1) {
    return v4Error(400, "isPublic cannot be turned off: marking an asset public is irreversible");
  }
  const writes = readMetapropertyFields(portal, form);
  if (!Array.isArray(writes)) return writes;

  if (form.has("name")) media.name = form.get("name") ?? "";
  if (form.has("description")) media.description = form.get("description") ?? "";
  if (form.has("copyright")) media.copyright = form.get("copyright") ?? "";
  if (brandId)
    media.brandId = portal.brands.find((b) => b.id.toLowerCase() === brandId.toLowerCase())!.id;
  if (form.has("tags")) {
    // Tags replace the current list (csv or repeated keys); new names become portal tags.
    media.tags = [...new Set(form.list("tags"))];
    registerTags(portal, media.tags);
  }
  if (dates.datePublished !== undefined) media.datePublished = dates.datePublished;
  const archive = form.bool("archive");
  const archived = archive === true && media.archive === 0;
  if (archive !== undefined) media.archive = archive ? 1 : 0;
  const limited = form.bool("limited");
  if (limited !== undefined) media.limited = limited ? 1 : 0;
  if (isPublic) media.isPublic = 1;
  applyMetapropertyWrites(media, writes);
  portal.touch(media);
  // Bynder sends two notifications when an asset is archived: meta_updated, then archived.
  portal.webhooks.notify("asset_bank.media.meta_updated", { media_id: media.id });
  if (archived) portal.webhooks.notify("asset_bank.media.archived", { media_id: media.id });
  return accepted();
};

const deleteMedia = (req: EmulatorRequest, portal: Portal, id: string | undefined) => {
  const media = findMedia(portal, id);
  if (!media) return mediaNotFound();
  portal.media.delete(media.id);
  portal.trash.push({ media, dateRemoved: portal.now(), userId: req.auth?.userId });
  portal.webhooks.notify("asset_bank.media.deleted", { media_id: media.id });
  for (const collection of portal.collections.values()) {
    collection.mediaIds = collection.mediaIds.filter((mediaId) => mediaId !== media.id);
  }
  return noContent();
};

/** The JS SDK modifies with id in the body; the Java SDK deletes with ?id=. */
const updateByForm: Handler = (req, { portal }) => updateMedia(req, portal, req.form.get("id"));
const deleteByQuery: Handler = (req, { portal }) => deleteMedia(req, portal, req.query.get("id"));
const updateById: Handler = (req, { portal }) => updateMedia(req, portal, req.params.id);
const deleteById: Handler = (req, { portal }) => deleteMedia(req, portal, req.params.id);

export const mediaRoutes: Route[] = [
  route("GET", "/api/v4/media", READ, listMedia),
  route("POST", "/api/v4/media", WRITE, updateByForm),
  route("DELETE", "/api/v4/media", WRITE, deleteByQuery),
  route("GET", "/api/v4/media/:id", READ, getMedia),
  route("POST", "/api/v4/media/:id", WRITE, updateById),
  route("DELETE", "/api/v4/media/:id", WRITE, deleteById),
];
