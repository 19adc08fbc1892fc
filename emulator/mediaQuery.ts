/**
 * How GET /api/v4/media picks and orders records: the filters of its query, its orderBy, and
 * sorted views of all media kept in `portal.caches.sortedMedia` while still exact.
 */
import { ASSET_TYPES, orientationOf, type AssetType } from "./fileTypes";
import { badRequest, dateParam, second, type Params } from "./http";
import type { Media, Portal, SortedMedia } from "./portal";

const DAY = 24 * 60 * 60 * 1000;
const ORIENTATIONS = ["square", "portrait", "landscape"];

export type SortField = "dateCreated" | "dateModified" | "datePublished" | "name";

const sortKey = (media: Media, field: SortField): number | string =>
  field === "name" ? media.name : media[field];

const stillValid = (portal: Portal, view: SortedMedia, field: SortField): boolean => {
  if (view.version !== portal.media.version) return false;
  for (let i = 0; i < view.items.length; i++) {
    if (sortKey(view.items[i], field) !== view.keys[i]) return false;
  }
  return true;
};

/**
 * Sorted views of all media per orderBy, reused while still exact: a benchmark pages through
 * 100,000 assets, and re-sorting them for every page would cost O(n log n) each time. A view stays
 * valid while the portal's media map is unchanged (its version counts every set and delete) and
 * none of the records' sort keys changed, which one cheap O(n) pass checks.
 */
export const sortedMedia = (portal: Portal, field: SortField, descending: boolean): Media[] => {
  const cacheKey = `${field} ${descending ? "desc" : "asc"}`;
  const cache = portal.caches.sortedMedia;
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

const sameUtcDay = (a: number, b: number) => Math.floor(a / DAY) === Math.floor(b / DAY);

/** The test a record must pass for the query's filters; undefined when there are none. */
export const mediaFilter = (
  portal: Portal,
  query: Params,
): ((media: Media) => boolean) | undefined => {
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
      throw badRequest(`Invalid type "${type}": use ${ASSET_TYPES.join(", ")}`);
    }
  }
  if (types.length) tests.push((m) => types.includes(m.type));

  const orientations = lower(query.list("orientation"));
  for (const o of orientations) {
    if (!ORIENTATIONS.includes(o)) {
      throw badRequest(`Invalid orientation "${o}": use ${ORIENTATIONS.join(", ")}`);
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

export const parseOrderBy = (
  raw: string | undefined,
): { field: SortField; descending: boolean } => {
  if (raw === undefined || raw.trim() === "") return { field: "dateCreated", descending: true };
  const match = /^\s*(dateCreated|dateModified|datePublished|name)\s+(asc|desc)\s*$/i.exec(raw);
  const field = match
    ? (["dateCreated", "dateModified", "datePublished", "name"] as const).find(
        (f) => f.toLowerCase() === match[1].toLowerCase(),
      )
    : undefined;
  if (!match || !field) {
    throw badRequest(
      `Invalid orderBy "${raw}": use dateCreated, dateModified, datePublished or name, followed by asc or desc (e.g. "dateModified desc")`,
    );
  }
  return { field, descending: match[2].toLowerCase() === "desc" };
};
