/**
 * Media records as /api/v4/media answers them: 0/1 flags, ISO `Z` dates, the emulator's own
 * thumbnail and transformation URLs, and a list page's JSON text reused per unchanged record.
 */
import { orientationOf, slugOf } from "./fileTypes";
import { imageSize } from "./images";
import { itemHash, itemsOf } from "./media";
import { valueProperties } from "./metapropertyValues";
import type { Media, MediaItem, Portal } from "./portal";
import { isoZ } from "./util";

export interface MediaJsonOptions {
  /** `mediaItems` (GET one with versions=1, the list with includeMediaItems=1). */
  items?: boolean;
  /** `views` and `downloads` (stats=1). */
  stats?: boolean;
}

/** option id → the metaproperty name and option name, for `property_<Name>` fields. */
export type OptionIndex = Map<string, { property: string; option: string }>;

export const optionIndex = (portal: Portal): OptionIndex => {
  const index: OptionIndex = new Map();
  for (const mp of portal.metaproperties) {
    for (const option of mp.options)
      index.set(option.id, { property: mp.name, option: option.name });
  }
  return index;
};

const thumbnailExt = (media: Media) => (media.extension[0] === "png" ? "png" : "jpg");

/** Public thumbnail URL of a derivative (`mini`, `thul`, `webimage`), served by the emulator. */
export const thumbnailUrl = (
  baseUrl: string,
  media: Media,
  prefix: string,
  slug = slugOf(media.name),
) => `${baseUrl}/m/${media.idHash}/${prefix}-${slug}.${thumbnailExt(media)}`;

export const transformBaseUrl = (baseUrl: string, media: Media, slug = slugOf(media.name)) =>
  `${baseUrl}/transform/${media.transformId}/${slug}`;

/** One media record in Bynder's v4 shape: 0/1 flags, ISO `Z` dates, emulator URLs. */
export const mediaJson = (
  portal: Portal,
  media: Media,
  baseUrl: string,
  options: MediaJsonOptions = {},
  index: OptionIndex = optionIndex(portal),
): Record<string, unknown> => {
  const slug = slugOf(media.name);
  const transform = transformBaseUrl(baseUrl, media, slug);
  const properties: Record<string, string[]> = {};
  for (const optionId of media.propertyOptions) {
    const found = index.get(optionId);
    if (found) (properties[`property_${found.property}`] ??= []).push(found.option);
  }
  const json: Record<string, unknown> = {
    id: media.id,
    idHash: media.idHash,
    name: media.name,
    description: media.description,
    copyright: media.copyright,
    type: media.type,
    brandId: media.brandId,
    subBrandId: media.subBrandId,
    extension: [...media.extension],
    fileSize: media.fileSize,
    width: media.width,
    height: media.height,
    orientation: orientationOf(media),
    tags: [...media.tags],
    propertyOptions: [...media.propertyOptions],
    ...properties,
    ...valueProperties(portal, media),
    dateCreated: isoZ(media.dateCreated),
    dateModified: isoZ(media.dateModified),
    datePublished: isoZ(media.datePublished),
    userCreated: media.userCreated,
    archive: media.archive,
    limited: media.limited,
    isPublic: media.isPublic,
    watermarked: media.watermarked,
    thumbnails: {
      mini: thumbnailUrl(baseUrl, media, "mini", slug),
      thul: thumbnailUrl(baseUrl, media, "thul", slug),
      webimage: thumbnailUrl(baseUrl, media, "webimage", slug),
      transformBaseUrl: transform,
    },
    transformBaseUrl: transform,
    videoPreviewURLs: [],
    activeOriginalFocusPoint: {
      x: Math.round(media.width / 2),
      y: Math.round(media.height / 2),
    },
  };
  if (options.stats) {
    json.views = media.views;
    json.downloads = media.downloads;
  }
  if (options.items) json.mediaItems = itemsOf(media).map((item) => mediaItemJson(media, item));
  return json;
};

/**
 * `mediaJson` serialised, reused per record while nothing it is built from changed: listing
 * 1,000 records a page from a 100,000-asset portal should cost the emulator little next to the
 * network latency it models. Each entry keeps the values the text was built from (the base URL,
 * the option names, every scalar and list field of the record), so any edit invalidates it, even
 * one that keeps dateModified; comparing them is a walk over the record, no string building.
 * The entries live in `portal.caches.mediaJson`.
 */

/** Calls `take` with each value a record's JSON is built from, in order, while it returns true. */
const walkJsonInputs = (
  media: Media,
  baseUrl: string,
  index: OptionIndex,
  take: (value: unknown) => boolean,
): boolean => {
  if (!take(baseUrl)) return false;
  for (const optionId of media.propertyOptions) {
    const found = index.get(optionId);
    if (!take(found?.property) || !take(found?.option)) return false;
  }
  for (const name in media) {
    const value: unknown = media[name as keyof Media];
    if (name === "items") {
      if (!take((value as unknown[]).length)) return false;
    } else if (name === "propertyValues") {
      if (!take(value)) return false; // a new object on every write
    } else if (Array.isArray(value)) {
      if (!take(value.length)) return false;
      for (const element of value) if (!take(element)) return false;
    } else if (value === null || typeof value !== "object") {
      if (!take(value)) return false;
    }
  }
  return true;
};

export const mediaJsonText = (
  portal: Portal,
  media: Media,
  baseUrl: string,
  index: OptionIndex = optionIndex(portal),
): string => {
  const cached = portal.caches.mediaJson.get(media.id);
  if (cached?.media === media) {
    let i = 0;
    const same = walkJsonInputs(media, baseUrl, index, (value) => cached.inputs[i++] === value);
    if (same && i === cached.inputs.length) return cached.text;
  }
  const inputs: unknown[] = [];
  walkJsonInputs(media, baseUrl, index, (value) => inputs.push(value) > 0);
  const text = JSON.stringify(mediaJson(portal, media, baseUrl, {}, index));
  portal.caches.mediaJson.set(media.id, { media, inputs, text });
  return text;
};

export const mediaItemJson = (media: Media, item: MediaItem): Record<string, unknown> => {
  const virtual = media.items.length === 0;
  // A generated original has the asset's own dimensions; reading its bytes would build the file.
  const size = virtual ? undefined : imageSize(item.file.data);
  return {
    id: item.id,
    idHash: itemHash(item),
    type: item.type,
    fileName: item.file.fileName,
    version: item.version,
    active: item.active ? 1 : 0,
    size: virtual ? media.fileSize : item.file.data.length,
    width: size?.width ?? (item.type === "original" ? media.width : 0),
    height: size?.height ?? (item.type === "original" ? media.height : 0),
    dateCreated: isoZ(item.dateCreated),
  };
};
