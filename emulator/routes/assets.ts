/**
 * Assets: /api/v4/media (list, get, modify, delete), download locations and the signed file URLs
 * they point to, thumbnails, Dynamic Asset Transformation, tags and the trash.
 * Facts: bynder-api.md §4.1, §7, §8; openapi asset-v4, asset-download, dat, trash-v4.
 */
import {
  accepted,
  created,
  json,
  noContent,
  text,
  v4Error,
  type EmulatorRequest,
  type EmulatorResponse,
  type Params,
} from "../http";
import {
  DOWNLOAD_PATH,
  MAX_SIDE,
  activeOriginal,
  checkDownloadSignature,
  colorOf,
  contentDisposition,
  downloadKey,
  findByIdHash,
  findByTransformId,
  itemHash,
  itemsOf,
  jpegImage,
  mediaJson,
  mediaJsonText,
  optionIndex,
  orientationOf,
  pngImage,
  registerTags,
  s3ErrorXml,
  signedDownloadUrl,
  webpImage,
  type Rgb,
} from "../media";
import type { AssetType, Media, MediaItem, Portal } from "../portal";
import { route, type Route } from "../router";
import type { BynderEmulator } from "../server";
import { isoOffset, parseFilterDate } from "../util";

const READ = "asset:read";
const WRITE = "asset:write";
const DAY = 24 * 60 * 60 * 1000;

/** Bynder documents no maximum for `limit` except the incumbent's "Maximum: 1000"; we enforce it. */
export const MAX_MEDIA_LIMIT = 1000;
const ASSET_TYPES: AssetType[] = ["image", "document", "audio", "video", "3d"];
const ORIENTATIONS = ["square", "portrait", "landscape"];

const mediaNotFound = () => v4Error(404, "Media not found");

/** A v4 id as given, or upper-cased (v4 ids are upper case; lower case in a URL still finds it). */
const findMedia = (portal: Portal, id: string | undefined): Media | undefined =>
  id ? (portal.media.get(id) ?? portal.media.get(id.toUpperCase())) : undefined;

// ---------------------------------------------------------------------------------------------
// GET /api/v4/media: filters, stable sort, pages, and the three response shapes
// ---------------------------------------------------------------------------------------------

type SortField = "dateCreated" | "dateModified" | "datePublished" | "name";

/**
 * Sorted views of all media per orderBy, reused while still exact: a benchmark pages through
 * 100,000 assets, and re-sorting them for every page would cost O(n log n) each time. A view stays
 * valid while the portal's media map is unchanged (its version counts every set and delete) and
 * none of the records' sort keys changed, which one cheap O(n) pass checks.
 */
interface SortedView {
  items: Media[];
  /** Each item's sort key when the view was built. */
  keys: (number | string)[];
  version: number;
}
const sortCache = new WeakMap<Portal, Map<string, SortedView>>();

const sortKey = (media: Media, field: SortField): number | string =>
  field === "name" ? media.name : media[field];

const stillValid = (portal: Portal, view: SortedView, field: SortField): boolean => {
  if (view.version !== portal.media.version) return false;
  for (let i = 0; i < view.items.length; i++) {
    if (sortKey(view.items[i], field) !== view.keys[i]) return false;
  }
  return true;
};

const sortedMedia = (portal: Portal, field: SortField, descending: boolean): Media[] => {
  const cacheKey = `${field} ${descending ? "desc" : "asc"}`;
  let cache = sortCache.get(portal);
  if (!cache) sortCache.set(portal, (cache = new Map()));
  const cached = cache.get(cacheKey);
  if (cached && stillValid(portal, cached, field)) return cached.items;

  const sign = descending ? -1 : 1;
  // Ties are broken by id (always ascending) so the order is total: pages never repeat or skip.
  const entries = [...portal.media.values()].map((media) => ({
    media,
    key: field === "name" ? media.name.toLowerCase() : media[field],
  }));
  entries.sort((a, b) =>
    a.key < b.key
      ? -sign
      : a.key > b.key
        ? sign
        : a.media.id < b.media.id
          ? -1
          : a.media.id > b.media.id
            ? 1
            : 0,
  );
  const items = entries.map((entry) => entry.media);
  cache.set(cacheKey, {
    items,
    keys: items.map((media) => sortKey(media, field)),
    version: portal.media.version,
  });
  return items;
};

class BadRequest extends Error {}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;

const dateParam = (query: Params, name: string): number | undefined => {
  const raw = query.get(name);
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = parseFilterDate(raw.trim());
  if (value === undefined) {
    throw new BadRequest(
      `Invalid ${name} "${raw}": use ISO 8601, yyyy-mm-ddThh:mm:ssZ (e.g. 2024-01-31T12:00:00Z)`,
    );
  }
  return value;
};

const sameUtcDay = (a: number, b: number) => Math.floor(a / DAY) === Math.floor(b / DAY);

/** Everything a media list request filters on, turned into one predicate. */
/** The test a record must pass for the query's filters; undefined when there are none. */
const mediaFilter = (portal: Portal, query: Params): ((media: Media) => boolean) | undefined => {
  const tests: ((media: Media) => boolean)[] = [];
  const lower = (values: string[]) => values.map((v) => v.toLowerCase());

  const brandId = query.get("brandId")?.trim();
  if (brandId) tests.push((m) => m.brandId.toLowerCase() === brandId.toLowerCase());
  const subBrandId = query.get("subBrandId")?.trim();
  if (subBrandId) tests.push((m) => m.subBrandId.toLowerCase() === subBrandId.toLowerCase());
  // categoryId: categories are not modelled; the filter is accepted and ignored.

  const collectionId = query.get("collectionId")?.trim();
  if (collectionId) {
    const collection =
      portal.collections.get(collectionId) ?? portal.collections.get(collectionId.toUpperCase());
    const members = new Set(collection?.mediaIds ?? []);
    tests.push((m) => members.has(m.id));
  }

  const ids = [...query.list("id"), ...query.list("ids")].map((id) => id.toUpperCase());
  if (ids.length) {
    const wanted = new Set(ids);
    tests.push((m) => wanted.has(m.id));
  }

  // Several option ids: the asset must have all of them (like property_<name>, Bynder's doc says AND).
  const optionIds = lower(query.list("propertyOptionId"));
  if (optionIds.length) {
    tests.push((m) => {
      const own = lower(m.propertyOptions);
      return optionIds.every((id) => own.includes(id));
    });
  }

  // property_<metapropertyName>=<option names or option ids>: AND over the values.
  for (const key of query.keys()) {
    if (!key.startsWith("property_")) continue;
    const name = key.slice("property_".length).toLowerCase();
    const values = query.list(key);
    if (!values.length) continue;
    const mp = portal.metaproperties.find((p) => p.name.toLowerCase() === name);
    const wanted = values.map((value) => {
      const v = value.toLowerCase();
      return mp?.options.find(
        (o) =>
          o.id.toLowerCase() === v || o.name.toLowerCase() === v || o.label.toLowerCase() === v,
      )?.id;
    });
    if (!mp || wanted.some((id) => id === undefined)) {
      tests.push(() => false); // an unknown metaproperty or option matches nothing
    } else {
      tests.push((m) => wanted.every((id) => m.propertyOptions.includes(id!)));
    }
  }

  // Several tags: the asset must carry every one of them.
  const tags = lower(query.list("tags"));
  if (tags.length) {
    tests.push((m) => {
      const own = lower(m.tags);
      return tags.every((tag) => own.includes(tag));
    });
  }

  const types = lower(query.list("type"));
  for (const type of types) {
    if (!ASSET_TYPES.includes(type as AssetType)) {
      throw new BadRequest(`Invalid type "${type}": use ${ASSET_TYPES.join(", ")}`);
    }
  }
  if (types.length) tests.push((m) => types.includes(m.type));

  const orientations = lower(query.list("orientation"));
  for (const o of orientations) {
    if (!ORIENTATIONS.includes(o)) {
      throw new BadRequest(`Invalid orientation "${o}": use ${ORIENTATIONS.join(", ")}`);
    }
  }
  if (orientations.length) tests.push((m) => orientations.includes(orientationOf(m)));

  for (const flag of ["limited", "archive", "isPublic"] as const) {
    const value = query.bool(flag);
    if (value !== undefined) tests.push((m) => m[flag] === (value ? 1 : 0));
  }

  const keyword = query.get("keyword")?.trim();
  if (keyword) {
    const pattern = new RegExp(keyword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
    tests.push(
      (m) =>
        pattern.test(m.name) ||
        pattern.test(m.description) ||
        m.tags.some((tag) => pattern.test(tag)) ||
        m.extension.some((ext) => pattern.test(ext)),
    );
  }

  // Dates compare at whole seconds, as Bynder reports them. Bynder says "created/modified after"
  // without saying whether the bound itself is included; the emulator includes it (>=), so a
  // client polling from the last dateModified it saw must dedupe by id + dateModified.
  for (const field of ["dateCreated", "dateModified"] as const) {
    const from = dateParam(query, field);
    const to = dateParam(query, `${field}To`);
    const on = dateParam(query, `${field}On`);
    if (from !== undefined) tests.push((m) => second(m[field]) >= from);
    if (to !== undefined) tests.push((m) => second(m[field]) <= to);
    if (on !== undefined) tests.push((m) => sameUtcDay(m[field], on));
  }

  if (tests.length === 0) return undefined;
  return (media) => tests.every((test) => test(media));
};

const parseOrderBy = (raw: string | undefined): { field: SortField; descending: boolean } => {
  if (raw === undefined || raw.trim() === "") return { field: "dateCreated", descending: true };
  const match = /^\s*(dateCreated|dateModified|datePublished|name)\s+(asc|desc)\s*$/i.exec(raw);
  const field = match
    ? (["dateCreated", "dateModified", "datePublished", "name"] as const).find(
        (f) => f.toLowerCase() === match[1].toLowerCase(),
      )
    : undefined;
  if (!match || !field) {
    throw new BadRequest(
      `Invalid orderBy "${raw}": use dateCreated, dateModified, datePublished or name, followed by asc or desc (e.g. "dateModified desc")`,
    );
  }
  return { field, descending: match[2].toLowerCase() === "desc" };
};

const paging = (query: Params, defaultLimit: number, maxLimit: number) => {
  const limit = query.int("limit") ?? defaultLimit;
  const page = query.int("page") ?? 1;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new BadRequest(
      `Invalid limit "${query.get("limit")}": it must be a whole number from 1 to ${maxLimit}`,
    );
  }
  if (!Number.isInteger(page) || page < 1) {
    throw new BadRequest(`Invalid page "${query.get("page")}": pages start at 1`);
  }
  return { limit, page };
};

const bump = (counts: Record<string, number>, key: string) => {
  if (key) counts[key] = (counts[key] ?? 0) + 1;
};

const listMedia = (req: EmulatorRequest, portal: Portal): EmulatorResponse => {
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

const getMedia = (req: EmulatorRequest, portal: Portal): EmulatorResponse => {
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
  const options = new Map<string, string[]>();
  for (const key of metaKeys) {
    const mpId = key.slice("metaproperty.".length);
    const mp = portal.metaproperties.find((p) => p.id.toLowerCase() === mpId.toLowerCase());
    if (!mp) return v4Error(400, `Metaproperty ${mpId} does not exist`);
    const wanted = form.list(key);
    const ids: string[] = [];
    for (const optionId of wanted) {
      const option = mp.options.find((o) => o.id.toLowerCase() === optionId.toLowerCase());
      if (!option)
        return v4Error(400, `Option ${optionId} does not belong to metaproperty ${mp.name}`);
      ids.push(option.id);
    }
    if (!mp.isMultiselect && ids.length > 1) {
      return v4Error(400, `Metaproperty ${mp.name} takes a single option`);
    }
    options.set(mp.id, ids);
  }

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
  if (archive !== undefined) media.archive = archive ? 1 : 0;
  const limited = form.bool("limited");
  if (limited !== undefined) media.limited = limited ? 1 : 0;
  if (isPublic) media.isPublic = 1;
  for (const [mpId, ids] of options) {
    const mp = portal.metaproperties.find((p) => p.id === mpId)!;
    const others = media.propertyOptions.filter((id) => !mp.options.some((o) => o.id === id));
    media.propertyOptions = [...others, ...ids];
  }
  portal.touch(media);
  return accepted();
};

const deleteMedia = (req: EmulatorRequest, portal: Portal, id: string | undefined) => {
  const media = findMedia(portal, id);
  if (!media) return mediaNotFound();
  portal.media.delete(media.id);
  portal.trash.push({ media, dateRemoved: portal.now(), userId: req.auth?.userId });
  for (const collection of portal.collections.values()) {
    collection.mediaIds = collection.mediaIds.filter((mediaId) => mediaId !== media.id);
  }
  return noContent();
};

// ---------------------------------------------------------------------------------------------
// Download locations and the signed file URLs
// ---------------------------------------------------------------------------------------------

const downloadLocation = (req: EmulatorRequest, portal: Portal, media: Media, item: MediaItem) =>
  json(200, { s3_file: signedDownloadUrl(portal, req.baseUrl, media, item) });

const downloadByType = (req: EmulatorRequest, portal: Portal) => {
  const media = findMedia(portal, req.params.id);
  if (!media) return mediaNotFound();
  const type = (req.query.get("type") ?? "original").trim() || "original";
  if (type !== "original" && type !== "additional") return v4Error(400, "Invalid type");
  const item =
    type === "original"
      ? activeOriginal(media)
      : itemsOf(media)
          .filter((i) => i.type === "additional")
          .pop();
  if (!item) {
    return v4Error(
      404,
      type === "original" ? "Original file not available" : "Additional file not available",
    );
  }
  return downloadLocation(req, portal, media, item);
};

const downloadItem = (req: EmulatorRequest, portal: Portal) => {
  const media = findMedia(portal, req.params.id);
  if (!media) return mediaNotFound();
  const wanted = req.params.itemId.toLowerCase();
  const hashed = req.query.bool("hash") === true;
  const item = itemsOf(media).find((i) =>
    hashed ? itemHash(i) === wanted : i.id.toLowerCase() === wanted,
  );
  if (!item) return v4Error(404, "Media item not found");
  return downloadLocation(req, portal, media, item);
};

const downloadVersion = (req: EmulatorRequest, portal: Portal) => {
  const media = findMedia(portal, req.params.id);
  if (!media) return mediaNotFound();
  const version = Number(req.params.version);
  const item = Number.isInteger(version)
    ? itemsOf(media).find((i) => i.type === "original" && i.version === version)
    : undefined;
  if (!item) return v4Error(404, `Version ${req.params.version} not found`);
  return downloadLocation(req, portal, media, item);
};

const s3Error = (status: number, code: string, message: string): EmulatorResponse =>
  text(status, s3ErrorXml(code, message), "application/xml");

/** The signed file URL: no bearer token (S3 does not see it); the signature is the credential. */
const serveFile = (req: EmulatorRequest, portal: Portal) => {
  const { mediaId, itemId, fileName } = req.params;
  const problem = checkDownloadSignature(portal, downloadKey(mediaId, itemId, fileName), req.query);
  if (problem) return s3Error(403, problem.code, problem.message);
  const media =
    portal.media.get(mediaId) ?? portal.trash.find((d) => d.media.id === mediaId)?.media;
  const item = media ? itemsOf(media).find((i) => i.id === itemId) : undefined;
  if (!media || !item || item.file.fileName !== fileName) {
    return s3Error(404, "NoSuchKey", "The specified key does not exist.");
  }
  if (req.method === "GET") media.downloads += 1;
  return {
    status: 200,
    body: item.file.data,
    contentType: item.file.contentType,
    headers: {
      "Content-Disposition": contentDisposition(item.file.fileName),
      "Cache-Control": "private, max-age=0",
    },
  };
};

// ---------------------------------------------------------------------------------------------
// Thumbnails and Dynamic Asset Transformation
// ---------------------------------------------------------------------------------------------

const imageResponse = (body: Buffer, contentType: string): EmulatorResponse => ({
  status: 200,
  body,
  contentType,
  headers: { "Cache-Control": "public, max-age=31536000" },
});

const baseSize = (media: Media) => ({ w: media.width || 800, h: media.height || 600 });

/** Public derivative files named in `thumbnails` (`/m/<idHash>/<prefix>-<name>.<ext>`). */
const serveThumbnail = (req: EmulatorRequest, portal: Portal) => {
  const media = findByIdHash(portal, req.params.idHash);
  const match = /^([a-z0-9_]+)-.*\.(jpg|png)$/i.exec(req.params.file);
  const derivative = match && portal.derivatives.find((d) => d.prefix === match[1]);
  if (!media || !match || !derivative) return text(404, "Not Found");
  const { w, h } = baseSize(media);
  const scale = Math.min(1, derivative.width / w, derivative.height / h);
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  return match[2].toLowerCase() === "png"
    ? imageResponse(pngImage(width, height, colorOf(media.id)), "image/png")
    : imageResponse(jpegImage(width, height), "image/jpeg");
};

const COLOR_NAMES: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  orange: [255, 165, 0],
  purple: [128, 0, 128],
  pink: [255, 192, 203],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  transparent: [0, 0, 0],
};
const parseColor = (value: string): Rgb | undefined => {
  const named = COLOR_NAMES[value.toLowerCase()];
  if (named) return named;
  const hex = value.replace(/^#/, "");
  if (/^[0-9a-f]{3}$/i.test(hex)) return [0, 1, 2].map((i) => parseInt(hex[i] + hex[i], 16)) as Rgb;
  if (/^[0-9a-f]{6}$/i.test(hex))
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
  return undefined;
};

const GRAVITIES = [
  "topleft",
  "top",
  "topright",
  "left",
  "center",
  "right",
  "bottomleft",
  "bottom",
  "bottomright",
];

/** Operations and the parameters each takes (dat.json). */
const OPERATIONS: Record<string, string[]> = {
  background: ["color"],
  crop: ["width", "height", "x", "y", "gravity", "shape", "blur", "background"],
  extend: ["width", "height", "background"],
  fill: ["width", "height", "gravity", "aspectratio"],
  fit: ["width", "height"],
  flip: [],
  mirror: [],
  rotate: ["angle", "background"],
  scale: ["width", "height"],
};

class DatError extends Error {}

/** Applies the `io` operations to the image size (and colour); throws DatError on a bad one. */
const applyOperations = (ios: string[], size: { w: number; h: number }, color: Rgb) => {
  let { w, h } = size;
  let fill = color;
  for (const io of ios) {
    const match = /^transform:([a-z]+)(?:,(.*))?$/i.exec(io.trim());
    const op = match?.[1].toLowerCase();
    if (!match || !op || !(op in OPERATIONS)) throw new DatError("Image Operation not supported");
    const params: Record<string, string> = {};
    for (const part of (match[2] ?? "").split(",").filter(Boolean)) {
      const [key, ...rest] = part.split(":");
      const name = key.trim().toLowerCase();
      if (!OPERATIONS[op].includes(name) || rest.length === 0) {
        throw new DatError(`Image Operation not supported: ${op} takes no parameter "${key}"`);
      }
      params[name] = rest.join(":").trim();
    }
    const int = (name: string, min = 1, max = MAX_SIDE) => {
      const raw = params[name];
      if (raw === undefined) return undefined;
      const value = Number(raw);
      if (!/^-?\d+$/.test(raw) || value < min || value > max) {
        throw new DatError(
          `Invalid ${name} "${raw}" for ${op}: a whole number from ${min} to ${max}`,
        );
      }
      return value;
    };
    if (params.gravity !== undefined && !GRAVITIES.includes(params.gravity.toLowerCase())) {
      throw new DatError(`Invalid gravity "${params.gravity}": use ${GRAVITIES.join(", ")}`);
    }
    if (params.shape !== undefined && !["circle", "square"].includes(params.shape.toLowerCase())) {
      throw new DatError(`Invalid shape "${params.shape}": use circle or square`);
    }
    for (const name of ["color", "background"]) {
      if (params[name] === undefined) continue;
      const parsed = parseColor(params[name]);
      if (!parsed)
        throw new DatError(`Invalid ${name} "${params[name]}": a colour name or rgb/rrggbb hex`);
      fill = parsed;
    }
    int("blur", 0, 1000);
    int("x", 0);
    int("y", 0);
    const width = int("width");
    const height = int("height");
    switch (op) {
      case "scale":
        if (width && height) [w, h] = [width, height];
        else if (width) [w, h] = [width, (h * width) / w];
        else if (height) [w, h] = [(w * height) / h, height];
        break;
      case "fit": {
        const ratio = Math.min((width ?? Infinity) / w, (height ?? Infinity) / h);
        if (Number.isFinite(ratio)) [w, h] = [w * ratio, h * ratio];
        break;
      }
      case "fill": {
        let targetW = width;
        let targetH = height;
        if (params.aspectratio !== undefined) {
          const ar = /^(\d+)x(\d+)$/i.exec(params.aspectratio);
          if (!ar || !+ar[1] || !+ar[2]) {
            throw new DatError(
              `Invalid aspectratio "${params.aspectratio}": use {width}x{height}, e.g. 16x9`,
            );
          }
          if (targetW && !targetH) targetH = (targetW * +ar[2]) / +ar[1];
          else if (targetH && !targetW) targetW = (targetH * +ar[1]) / +ar[2];
          else if (!targetW && !targetH) {
            const scale = Math.min(w / +ar[1], h / +ar[2]);
            [targetW, targetH] = [+ar[1] * scale, +ar[2] * scale];
          }
        }
        [w, h] = [targetW ?? w, targetH ?? h];
        break;
      }
      case "crop":
      case "extend":
        [w, h] = [width ?? w, height ?? h];
        break;
      case "rotate": {
        const angle = int("angle", 0, 360) ?? 0;
        const rad = (angle * Math.PI) / 180;
        const cos = Math.abs(Math.cos(rad));
        const sin = Math.abs(Math.sin(rad));
        [w, h] = [w * cos + h * sin, w * sin + h * cos];
        break;
      }
      default:
        break; // background, flip, mirror keep the size
    }
    w = Math.max(1, Math.min(MAX_SIDE, Math.round(w)));
    h = Math.max(1, Math.min(MAX_SIDE, Math.round(h)));
  }
  return { w, h, color: fill };
};

const FORMATS: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

/**
 * GET /transform/{id}/{name}: a derivative rendered on the fly. The result is a real image of the
 * size the operations produce, in one colour (the emulator has no pixels to transform).
 */
const transform =
  (acceptMediaId: boolean) =>
  (req: EmulatorRequest, portal: Portal): EmulatorResponse => {
    const media =
      findByTransformId(portal, req.params.id) ??
      (acceptMediaId ? findMedia(portal, req.params.id) : undefined);
    if (!media) return text(404, "Not Found");
    const { query } = req;
    const focus = query.get("focuspoint");
    if (focus !== undefined) {
      const parts = focus.split(",").map((p) => p.trim());
      const valid =
        parts.length === 2 &&
        parts.every((p) => /^\d*\.?\d+$/.test(p) && Number(p) >= 0 && Number(p) <= 1);
      if (!valid)
        return text(400, `Invalid focuspoint "${focus}": use x,y with values from 0 to 1`);
    }
    const format = (query.get("format") ?? "webp").trim().toLowerCase() || "webp";
    if (!(format in FORMATS)) return text(400, `Invalid format "${format}": use jpg, png or webp`);
    const quality = query.get("quality");
    if (quality !== undefined) {
      const q = Number(quality);
      if (!/^\d+$/.test(quality.trim()) || q < 1 || q > 100) {
        return text(400, `Invalid quality "${quality}": a whole number from 1 to 100`);
      }
    }
    let result: { w: number; h: number; color: Rgb };
    try {
      result = applyOperations(query.getAll("io"), baseSize(media), colorOf(media.id));
    } catch (error) {
      if (error instanceof DatError) return text(400, error.message);
      throw error;
    }
    const { w, h, color } = result;
    const body =
      format === "png"
        ? pngImage(w, h, color)
        : format === "webp"
          ? webpImage(w, h, color)
          : jpegImage(w, h);
    return imageResponse(body, FORMATS[format]);
  };

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

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

const listTags = (req: EmulatorRequest, portal: Portal): EmulatorResponse => {
  const { query } = req;
  const { limit, page } = paging(query, 50, 1000);
  const orderBy = (query.get("orderBy") ?? "tag asc").trim();
  const order = /^(tag|mediaCount)\s+(asc|desc)$/i.exec(orderBy);
  if (!order) {
    throw new BadRequest(
      `Invalid orderBy "${orderBy}": use "tag asc", "tag desc", "mediaCount asc" or "mediaCount desc"`,
    );
  }
  const mincount = query.int("mincount");
  if (mincount !== undefined && (!Number.isInteger(mincount) || mincount < 0)) {
    throw new BadRequest(
      `Invalid mincount "${query.get("mincount")}": a whole number of 0 or more`,
    );
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
const addTagToMedia = (req: EmulatorRequest, portal: Portal): EmulatorResponse => {
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
      portal.touch(m);
    }
  }
  return created();
};

/** DELETE /api/v4/tags/{id}/media?deleteIds=<csv>. */
const removeTagFromMedia = (req: EmulatorRequest, portal: Portal): EmulatorResponse => {
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
      portal.touch(m);
    }
  }
  return noContent();
};

// ---------------------------------------------------------------------------------------------
// Trash
// ---------------------------------------------------------------------------------------------

const TRASH_FIELDS = ["media.dateCreated", "media.dateRemoved", "media.name", "media.username"];

/** GET /api/trash/media: assets removed in the last 30 days, `dateRemoved` = removed since. */
const listTrash = (req: EmulatorRequest, portal: Portal): EmulatorResponse => {
  const { query } = req;
  const { limit, page } = paging(query, 10, 1000);
  const since = dateParam(query, "dateRemoved");
  const field = query.get("field")?.trim() || "media.dateRemoved";
  if (!TRASH_FIELDS.includes(field)) {
    throw new BadRequest(`Invalid field "${field}": use ${TRASH_FIELDS.join(", ")}`);
  }
  const order = (query.get("order")?.trim() || "desc").toLowerCase();
  if (order !== "asc" && order !== "desc")
    throw new BadRequest(`Invalid order "${order}": use asc or desc`);
  const cutoff = portal.now() - 30 * DAY;
  const usernameOf = (userId?: string) =>
    userId ? (portal.users.get(userId)?.username ?? "") : "";
  const rows = portal.trash
    .filter(
      (d) => d.dateRemoved >= cutoff && (since === undefined || second(d.dateRemoved) >= since),
    )
    .map((d) => ({
      entry: d,
      json: {
        id: d.media.id,
        name: d.media.name,
        dateRemoved: isoOffset(d.dateRemoved),
        dateCreated: isoOffset(d.media.dateCreated),
        username: usernameOf(d.userId),
        userId: d.userId ?? "",
        S3_filepointer: activeOriginal(d.media)
          ? signedDownloadUrl(portal, req.baseUrl, d.media, activeOriginal(d.media)!)
          : "",
      },
    }));
  const sign = order === "desc" ? -1 : 1;
  const keyOf = (row: (typeof rows)[number]): number | string =>
    field === "media.dateCreated"
      ? row.entry.media.dateCreated
      : field === "media.name"
        ? row.entry.media.name.toLowerCase()
        : field === "media.username"
          ? row.json.username.toLowerCase()
          : row.entry.dateRemoved;
  rows.sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return sign * (x < y ? -1 : x > y ? 1 : 0) || (a.json.id < b.json.id ? -1 : 1);
  });
  return json(
    200,
    rows.slice((page - 1) * limit, page * limit).map((row) => row.json),
  );
};

// ---------------------------------------------------------------------------------------------

/** Turns BadRequest into Bynder's 400 envelope. */
const guarded =
  (
    handler: (req: EmulatorRequest, portal: Portal) => EmulatorResponse | Promise<EmulatorResponse>,
  ) =>
  async (req: EmulatorRequest, portal: Portal): Promise<EmulatorResponse> => {
    try {
      return await handler(req, portal);
    } catch (error) {
      if (error instanceof BadRequest) return v4Error(400, error.message);
      throw error;
    }
  };

export const assetRoutes = (_emulator: BynderEmulator): Route[] => [
  route("GET", "/api/v4/media", READ, guarded(listMedia)),
  // The JS SDK modifies with id in the body; the Java SDK deletes with ?id=.
  route("POST", "/api/v4/media", WRITE, (req, portal) =>
    updateMedia(req, portal, req.form.get("id")),
  ),
  route("DELETE", "/api/v4/media", WRITE, (req, portal) =>
    deleteMedia(req, portal, req.query.get("id")),
  ),
  route("GET", "/api/v4/media/:id", READ, getMedia),
  route("POST", "/api/v4/media/:id", WRITE, (req, portal) =>
    updateMedia(req, portal, req.params.id),
  ),
  route("DELETE", "/api/v4/media/:id", WRITE, (req, portal) =>
    deleteMedia(req, portal, req.params.id),
  ),
  route("GET", "/api/v4/media/:id/download", READ, downloadByType),
  route("GET", "/api/v4/media/:id/download/:itemId", READ, downloadItem),
  route("GET", "/api/v4/media/:id/:version/download", READ, downloadVersion),
  route("GET", `${DOWNLOAD_PATH}/:mediaId/:itemId/:fileName`, false, serveFile),
  route("GET", "/m/:idHash/:file", false, serveThumbnail),
  // Real DAT URLs are public; the incumbent's /api/transform form also takes the v4 asset id.
  route("GET", "/transform/:id/:name", false, transform(false)),
  route("GET", "/api/transform/:id/:name", "", transform(true)),
  route("GET", "/api/v4/tags", READ, guarded(listTags)),
  route("POST", "/api/v4/tags/:tagId/media", WRITE, addTagToMedia),
  route("DELETE", "/api/v4/tags/:tagId/media", WRITE, removeTagFromMedia),
  route("GET", "/api/trash/media", READ, guarded(listTrash)),
];
