/**
 * Media records: how they are created and versioned, their files (real uploads, or generated
 * files for seeded assets), the portal's tags, and finding a record by the ids URLs carry.
 *
 * Other routes (upload, collections, metaproperties) create and read media through these helpers.
 */
import { createHash } from "node:crypto";
import { assetTypeOf, contentTypeOf, extensionOf, slugOf } from "./fileTypes";
import { generatedFile } from "./generatedFiles";
import { v4Error } from "./http";
import { imageSize } from "./images";
import type { Media, MediaItem, Portal, StoredFile } from "./portal";
import { cfId } from "./util";

// ---------------------------------------------------------------------------------------------
// Creating media and adding files (used by the upload routes)
// ---------------------------------------------------------------------------------------------

/**
 * A new media record stored in `portal.media`. Everything has a sensible default: id, idHash and
 * transformId are generated, dates are `portal.now()`, the type follows `extension`. `fileSize`,
 * `extension`, `width` and `height` come from the files: create the record, then call
 * `addMediaItem(portal, media, file, "original")`. Tags given here are registered as portal tags.
 */
export const createMedia = (
  portal: Portal,
  fields: Partial<Omit<Media, "items" | "fileSize">> = {},
): Media => {
  const now = portal.now();
  const extension = fields.extension ?? [];
  const creator = portal.users.get(portal.defaultUserId());
  const media: Media = {
    id: fields.id ?? portal.cfId(),
    idHash: fields.idHash ?? portal.random.hex(16),
    name: fields.name ?? "Untitled",
    description: fields.description ?? "",
    copyright: fields.copyright ?? "",
    type: fields.type ?? (extension[0] ? assetTypeOf(`x.${extension[0]}`) : "image"),
    brandId: fields.brandId ?? portal.brands[0]?.id ?? "",
    subBrandId: fields.subBrandId ?? "",
    extension,
    fileSize: 0,
    width: fields.width ?? 0,
    height: fields.height ?? 0,
    tags: fields.tags ?? [],
    propertyOptions: fields.propertyOptions ?? [],
    dateCreated: fields.dateCreated ?? now,
    dateModified: fields.dateModified ?? now,
    datePublished: fields.datePublished ?? now,
    userCreated: fields.userCreated ?? creator?.username ?? "",
    archive: fields.archive ?? 0,
    limited: fields.limited ?? 0,
    isPublic: fields.isPublic ?? 0,
    watermarked: fields.watermarked ?? 0,
    transformId: fields.transformId ?? portal.uuid(),
    items: [],
    views: fields.views ?? 0,
    downloads: fields.downloads ?? 0,
  };
  registerTags(portal, media.tags);
  portal.media.set(media.id, media);
  return media;
};

/**
 * Adds a file to a media record and returns the new item. `original`: a new version that becomes
 * the active original (the asset's extension, size, type and dimensions follow it). `additional`:
 * an extra file next to the original. Either way the asset's dateModified becomes `portal.now()`.
 */
export const addMediaItem = (
  portal: Portal,
  media: Media,
  file: StoredFile,
  type: "original" | "additional" = "original",
): MediaItem => {
  // A seeded asset's generated original becomes version 1, so an upload is version 2.
  if (media.items.length === 0 && media.fileSize > 0) media.items.push(virtualOriginal(media));
  const now = portal.now();
  const siblings = media.items.filter((item) => item.type === type);
  const item: MediaItem = {
    id: portal.cfId(),
    type,
    version: siblings.reduce((max, s) => Math.max(max, s.version), 0) + 1,
    active: true,
    file,
    dateCreated: now,
  };
  if (type === "original") {
    for (const sibling of siblings) sibling.active = false;
    const ext = extensionOf(file.fileName);
    if (ext) {
      media.extension = [ext];
      media.type = assetTypeOf(file.fileName);
    }
    media.fileSize = file.data.length;
    const size = imageSize(file.data);
    if (size) {
      media.width = size.width;
      media.height = size.height;
    }
  }
  media.items.push(item);
  media.dateModified = now;
  return item;
};

/** The asset's files: its stored items, or the generated original of a seeded asset. */
export const itemsOf = (media: Media): MediaItem[] =>
  media.items.length > 0 ? media.items : media.fileSize > 0 ? [virtualOriginal(media)] : [];

/** The active original (the latest version), if the asset has one. */
export const activeOriginal = (media: Media): MediaItem | undefined => {
  const originals = itemsOf(media).filter((item) => item.type === "original");
  return originals.find((item) => item.active) ?? originals[originals.length - 1];
};

/** A hashed item id, for `GET /api/v4/media/{id}/download/{itemId}?hash=true`. */
export const itemHash = (item: MediaItem): string =>
  createHash("sha256").update(`item:${item.id}`).digest("hex").slice(0, 16);

/**
 * A seeded asset's original: a deterministic id, and bytes generated only when read (a real
 * JPEG/PNG/PDF/... of exactly `fileSize` bytes, so 100,000 seeded assets cost no memory).
 */
const virtualOriginal = (media: Media): MediaItem => {
  const ext = media.extension[0] ?? "bin";
  const fileName = `${slugOf(media.name.replace(/\.[a-z0-9]{2,4}$/i, ""))}.${ext}`;
  const seed = {
    id: media.id,
    ext,
    width: media.width,
    height: media.height,
    size: media.fileSize,
  };
  let cached: Buffer | undefined;
  const file = {
    fileName,
    contentType: contentTypeOf(fileName),
    get data(): Buffer {
      cached ??= generatedFile(seed.ext, seed.width, seed.height, seed.size, seed.id);
      return cached;
    },
  } as StoredFile;
  return {
    id: cfId(createHash("sha256").update(`original:${media.id}`).digest("hex")),
    type: "original",
    version: 1,
    active: true,
    file,
    dateCreated: media.dateCreated,
  };
};

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

/** The portal tag named `name` (case-insensitive), if any. */
export const findTag = (portal: Portal, name: string) => {
  const wanted = name.toLowerCase();
  for (const tag of portal.tags.values()) if (tag.tag.toLowerCase() === wanted) return tag;
  return undefined;
};

/** Makes sure each tag name exists as a portal tag (Bynder creates tags when assets get them). */
export const registerTags = (portal: Portal, names: string[]): void => {
  for (const name of names) {
    if (!name || findTag(portal, name)) continue;
    const id = cfId(createHash("sha256").update(`tag:${name.toLowerCase()}`).digest("hex"));
    portal.tags.set(id, { id, tag: name });
  }
};

// ---------------------------------------------------------------------------------------------
// Lookups by the ids that appear in URLs, with a self-repairing index (`portal.caches.mediaIdBy`)
// ---------------------------------------------------------------------------------------------

/** v4's answer for an asset id that names no asset. */
export const mediaNotFound = () => v4Error(404, "Media not found");

/** A v4 id as given, or upper-cased (v4 ids are upper case; lower case in a URL still finds it). */
export const findMedia = (portal: Portal, id: string | undefined): Media | undefined =>
  id ? (portal.media.get(id) ?? portal.media.get(id.toUpperCase())) : undefined;

const lookup = (portal: Portal, field: "transformId" | "idHash", value: string) => {
  const all = portal.caches.mediaIdBy;
  const wanted = value.toLowerCase();
  const check = (id: string | undefined) => {
    const media = id ? portal.media.get(id) : undefined;
    return media && media[field].toLowerCase() === wanted ? media : undefined;
  };
  const hit = check(all[field]?.get(wanted));
  if (hit) return hit;
  const rebuilt = new Map<string, string>();
  for (const media of portal.media.values()) rebuilt.set(media[field].toLowerCase(), media.id);
  all[field] = rebuilt;
  return check(rebuilt.get(wanted));
};

export const findByTransformId = (portal: Portal, transformId: string) =>
  lookup(portal, "transformId", transformId);
export const findByIdHash = (portal: Portal, idHash: string) => lookup(portal, "idHash", idHash);
