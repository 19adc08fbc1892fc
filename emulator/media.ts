/**
 * Media records: how they are created and versioned, how /api/v4 formats them, their file bytes
 * (real uploads, or deterministic generated files for seeded assets), signed download URLs, and the
 * small real image files that thumbnails and Dynamic Asset Transformations serve.
 *
 * Other routes (upload, collections, metaproperties) create and read media through these helpers.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { deflateSync } from "node:zlib";
import type { AssetType, Media, MediaItem, Portal, StoredFile } from "./portal";
import { cfId, isoZ, randomHex } from "./util";

// ---------------------------------------------------------------------------------------------
// File names, types and content types
// ---------------------------------------------------------------------------------------------

const TYPE_BY_EXT: Record<string, AssetType> = {};
const MIME: Record<string, string> = {};
const register = (type: AssetType, entries: [string, string][]) => {
  for (const [ext, mime] of entries) {
    TYPE_BY_EXT[ext] = type;
    MIME[ext] = mime;
  }
};
register("image", [
  ["jpg", "image/jpeg"],
  ["jpeg", "image/jpeg"],
  ["png", "image/png"],
  ["gif", "image/gif"],
  ["webp", "image/webp"],
  ["tif", "image/tiff"],
  ["tiff", "image/tiff"],
  ["bmp", "image/bmp"],
  ["svg", "image/svg+xml"],
  ["psd", "image/vnd.adobe.photoshop"],
  ["eps", "application/postscript"],
  ["ai", "application/postscript"],
  ["heic", "image/heic"],
]);
register("document", [
  ["pdf", "application/pdf"],
  ["doc", "application/msword"],
  ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ["xls", "application/vnd.ms-excel"],
  ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  ["ppt", "application/vnd.ms-powerpoint"],
  ["pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
  ["txt", "text/plain"],
  ["csv", "text/csv"],
  ["zip", "application/zip"],
  ["indd", "application/x-indesign"],
]);
register("video", [
  ["mp4", "video/mp4"],
  ["mov", "video/quicktime"],
  ["avi", "video/x-msvideo"],
  ["webm", "video/webm"],
  ["mkv", "video/x-matroska"],
]);
register("audio", [
  ["mp3", "audio/mpeg"],
  ["wav", "audio/wav"],
  ["aac", "audio/aac"],
  ["ogg", "audio/ogg"],
  ["flac", "audio/flac"],
  ["m4a", "audio/mp4"],
]);
register("3d", [
  ["glb", "model/gltf-binary"],
  ["gltf", "model/gltf+json"],
  ["obj", "model/obj"],
  ["fbx", "application/octet-stream"],
  ["stl", "model/stl"],
]);

/** Lower-case extension without the dot (`Logo.PNG` → `png`); "" when there is none. */
export const extensionOf = (fileName: string): string => {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
};

/** Bynder's asset type for a file name (`document` for anything it does not render). */
export const assetTypeOf = (fileName: string): AssetType =>
  TYPE_BY_EXT[extensionOf(fileName)] ?? "document";

export const contentTypeOf = (fileName: string): string =>
  MIME[extensionOf(fileName)] ?? "application/octet-stream";

/** The name part of `transformBaseUrl` and thumbnail file names: `Summer Logo 1.png` → `Summer-Logo-1-png`. */
export const slugOf = (name: string): string =>
  name
    .normalize("NFKD")
    .replace(/[^\w-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "") || "asset";

export const orientationOf = (media: Pick<Media, "width" | "height">) =>
  media.width === media.height ? "square" : media.width > media.height ? "landscape" : "portrait";

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
// JSON as /api/v4/media answers it
// ---------------------------------------------------------------------------------------------

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
 */
const jsonTextCache = new WeakMap<Media, { inputs: unknown[]; text: string }>();

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
  const cached = jsonTextCache.get(media);
  if (cached) {
    let i = 0;
    const same = walkJsonInputs(media, baseUrl, index, (value) => cached.inputs[i++] === value);
    if (same && i === cached.inputs.length) return cached.text;
  }
  const inputs: unknown[] = [];
  walkJsonInputs(media, baseUrl, index, (value) => inputs.push(value) > 0);
  const text = JSON.stringify(mediaJson(portal, media, baseUrl, {}, index));
  jsonTextCache.set(media, { inputs, text });
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

// ---------------------------------------------------------------------------------------------
// Lookups by the ids that appear in URLs (transformId, idHash), with a self-repairing index
// ---------------------------------------------------------------------------------------------

const indexes = new WeakMap<Portal, Record<string, Map<string, string>>>();

const lookup = (portal: Portal, field: "transformId" | "idHash", value: string) => {
  const all = indexes.get(portal) ?? {};
  indexes.set(portal, all);
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

// ---------------------------------------------------------------------------------------------
// Signed, expiring download URLs (like S3 pre-signed GETs)
// ---------------------------------------------------------------------------------------------

const secrets = new WeakMap<Portal, string>();
const secretOf = (portal: Portal) => {
  let secret = secrets.get(portal);
  if (!secret) {
    secret = randomHex(32);
    secrets.set(portal, secret);
  }
  return secret;
};

/** Seconds a download URL stays valid. */
export const DOWNLOAD_URL_TTL_SECONDS = 3600;
/** Path prefix of the emulator's download bucket (outside Bynder's API rate limit, like S3). */
export const DOWNLOAD_PATH = "/s3/files";

const amzDate = (ms: number) => isoZ(ms).replace(/[-:]/g, "");
const parseAmzDate = (value: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
};
const sign = (portal: Portal, key: string, date: string, expires: string) =>
  createHmac("sha256", secretOf(portal)).update(`GET\n${key}\n${date}\n${expires}`).digest("hex");

/** A pre-signed URL for one file of an asset, valid for `ttlSeconds` from `portal.now()`. */
export const signedDownloadUrl = (
  portal: Portal,
  baseUrl: string,
  media: Media,
  item: MediaItem,
  ttlSeconds = DOWNLOAD_URL_TTL_SECONDS,
): string => {
  const path = `${DOWNLOAD_PATH}/${encodeURIComponent(media.id)}/${encodeURIComponent(item.id)}/${encodeURIComponent(item.file.fileName)}`;
  const date = amzDate(portal.now());
  const expires = String(ttlSeconds);
  const signed = downloadKey(media.id, item.id, item.file.fileName);
  const query = new URLSearchParams({
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Credential": `EMULATOR/${date.slice(0, 8)}/eu-west-1/s3/aws4_request`,
    "X-Amz-Date": date,
    "X-Amz-Expires": expires,
    "X-Amz-SignedHeaders": "host",
    "X-Amz-Signature": sign(portal, signed, date, expires),
  });
  return `${baseUrl}${path}?${query.toString()}`;
};

/** What a download signature covers: the decoded object key (so URL re-encoding cannot break it). */
export const downloadKey = (mediaId: string, itemId: string, fileName: string) =>
  `${mediaId}/${itemId}/${fileName}`;

/** undefined when the URL's signature is valid and current; otherwise S3's error code and message. */
export const checkDownloadSignature = (
  portal: Portal,
  key: string,
  query: { get(name: string): string | undefined },
): { code: string; message: string } | undefined => {
  const date = query.get("X-Amz-Date");
  const expires = query.get("X-Amz-Expires");
  const signature = query.get("X-Amz-Signature");
  if (!date || !expires || !signature || query.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") {
    return {
      code: "AccessDenied",
      message:
        "Query-string authentication requires the X-Amz-Algorithm, X-Amz-Date, X-Amz-Expires and X-Amz-Signature parameters",
    };
  }
  const signedAt = parseAmzDate(date);
  const ttl = Number(expires);
  if (Number.isNaN(signedAt) || !Number.isInteger(ttl) || ttl < 1 || ttl > 604800) {
    return {
      code: "AuthorizationQueryParametersError",
      message: "X-Amz-Date or X-Amz-Expires is malformed",
    };
  }
  const expected = Buffer.from(sign(portal, key, date, expires), "hex");
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature) ? signature : "", "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      code: "SignatureDoesNotMatch",
      message:
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    };
  }
  if (portal.now() > signedAt + ttl * 1000)
    return { code: "AccessDenied", message: "Request has expired" };
  return undefined;
};

/** S3's XML error document. */
export const s3ErrorXml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${randomHex(8).toUpperCase()}</RequestId></Error>`;

const escapeXml = (value: string) => value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `attachment; filename="…"` with an RFC 5987 copy for names outside ASCII. */
export const contentDisposition = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

// ---------------------------------------------------------------------------------------------
// Real, tiny image files (solid colour) and generated files for seeded assets
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();
const crc32 = (data: Buffer) => {
  let crc = -1;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
};
const u32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
};
const u16 = (value: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value);
  return b;
};
const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
};

export type Rgb = [number, number, number];

/** Largest side the emulator renders. */
export const MAX_SIDE = 10_000;
const side = (n: number) => Math.max(1, Math.min(MAX_SIDE, Math.round(n) || 1));

/** A valid PNG of one colour (1-bit palette, so big sizes stay small); `padTo` adds a tEXt chunk. */
export const pngImage = (width: number, height: number, color: Rgb, padTo = 0): Buffer => {
  const w = side(width);
  const h = side(height);
  const ihdr = Buffer.concat([u32(w), u32(h), Buffer.from([1, 3, 0, 0, 0])]);
  const raw = Buffer.alloc((Math.ceil(w / 8) + 1) * h); // filter 0, every pixel palette index 0
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("PLTE", Buffer.from(color)),
    pngChunk("IDAT", deflateSync(raw)),
  ];
  const end = pngChunk("IEND", Buffer.alloc(0));
  const natural = parts.reduce((n, p) => n + p.length, 0) + end.length;
  const textOverhead = 12 + "Comment\0".length;
  if (padTo >= natural + textOverhead) {
    const text = Buffer.alloc(padTo - natural - 12, 0x20);
    text.write("Comment\0", "latin1");
    parts.push(pngChunk("tEXt", text));
  }
  return Buffer.concat([...parts, end]);
};

/**
 * A valid baseline JPEG, mid-grey, any size: one-symbol Huffman tables make every 8x8 block two
 * bits. `padTo` adds COM segments so the file has exactly that many bytes.
 */
export const jpegImage = (width: number, height: number, padTo = 0): Buffer => {
  const w = side(width);
  const h = side(height);
  const segment = (marker: number, data: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker]), u16(data.length + 2), data]);
  const head = [
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
  ];
  const oneSymbolTable = (classAndId: number) =>
    segment(0xc4, Buffer.from([classAndId, 1, ...new Array<number>(15).fill(0), 0]));
  const body = [
    segment(0xdb, Buffer.from([0, ...new Array<number>(64).fill(1)])),
    segment(0xc0, Buffer.concat([Buffer.from([8]), u16(h), u16(w), Buffer.from([1, 1, 0x11, 0])])),
    oneSymbolTable(0x00),
    oneSymbolTable(0x10),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
  ];
  const bits = 2 * Math.ceil(w / 8) * Math.ceil(h / 8);
  const scan = Buffer.alloc(Math.ceil(bits / 8));
  if (bits % 8) scan[scan.length - 1] = (1 << (8 - (bits % 8))) - 1; // pad with 1-bits
  const tail = [scan, Buffer.from([0xff, 0xd9])];
  let natural = [...head, ...body, ...tail].reduce((n, p) => n + p.length, 0);
  const comments: Buffer[] = [];
  while (padTo - natural >= 4) {
    const length = Math.min(65533, padTo - natural - 4);
    // Leave nothing between 1 and 3 bytes over (a COM segment needs 4).
    const next = padTo - natural - 4 - length;
    const take = next > 0 && next < 4 ? length - 4 : length;
    comments.push(segment(0xfe, Buffer.alloc(take, 0x20)));
    natural += take + 4;
  }
  return Buffer.concat([...head, ...comments, ...body, ...tail]);
};

/** A valid lossless WebP (VP8L) of one colour: single-symbol prefix codes, zero bits per pixel. */
export const webpImage = (width: number, height: number, color: Rgb): Buffer => {
  const w = Math.min(16384, side(width));
  const h = Math.min(16384, side(height));
  const bytes: number[] = [];
  let acc = 0;
  let used = 0;
  const put = (value: number, count: number) => {
    for (let i = 0; i < count; i++) {
      acc |= ((value >>> i) & 1) << used;
      if (++used === 8) {
        bytes.push(acc);
        acc = 0;
        used = 0;
      }
    }
  };
  put(0x2f, 8);
  put(w - 1, 14);
  put(h - 1, 14);
  put(0, 1); // alpha not used
  put(0, 3); // version
  put(0, 1); // no transforms
  put(0, 1); // no colour cache
  put(0, 1); // no meta prefix codes
  const literal = (symbol: number) => {
    put(1, 1); // simple code
    put(0, 1); // one symbol
    put(1, 1); // eight-bit symbol
    put(symbol, 8);
  };
  literal(color[1]); // green
  literal(color[0]); // red
  literal(color[2]); // blue
  literal(255); // alpha
  put(1, 1); // distance: simple code, one one-bit symbol 0
  put(0, 1);
  put(0, 1);
  put(0, 1);
  if (used) bytes.push(acc);
  const data = Buffer.from(bytes);
  const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
  const le32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  return Buffer.concat([
    Buffer.from("RIFF"),
    le32(4 + 8 + padded.length),
    Buffer.from("WEBPVP8L"),
    le32(data.length),
    padded,
  ]);
};

/** Width and height of a PNG, JPEG, GIF or WebP file; undefined for anything else. */
export const imageSize = (data: Buffer): { width: number; height: number } | undefined => {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47) {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length >= 10 && data.toString("latin1", 0, 3) === "GIF") {
    return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  }
  if (
    data.length >= 30 &&
    data.toString("latin1", 0, 4) === "RIFF" &&
    data.toString("latin1", 8, 12) === "WEBP"
  ) {
    const kind = data.toString("latin1", 12, 16);
    if (kind === "VP8L") {
      const bits = data.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (kind === "VP8X") {
      return { width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
    }
    if (kind === "VP8 ") {
      return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
    }
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) return undefined;
      const marker = data[offset + 1];
      if (
        marker === 0xd8 ||
        (marker >= 0xd0 && marker <= 0xd7) ||
        marker === 0x01 ||
        marker === 0xff
      ) {
        offset += marker === 0xff ? 1 : 2;
        continue;
      }
      const length = data.readUInt16BE(offset + 2);
      if (
        marker >= 0xc0 &&
        marker <= 0xcf &&
        marker !== 0xc4 &&
        marker !== 0xc8 &&
        marker !== 0xcc
      ) {
        return { width: data.readUInt16BE(offset + 7), height: data.readUInt16BE(offset + 5) };
      }
      offset += 2 + length;
    }
  }
  return undefined;
};

/** A stable colour per asset, so each one's thumbnails and transformations look different. */
export const colorOf = (seed: string): Rgb => {
  const hash = createHash("sha256").update(seed).digest();
  return [64 + (hash[0] % 160), 64 + (hash[1] % 160), 64 + (hash[2] % 160)];
};

/** Bytes padded with spaces (or trimmed never) to `size`. */
const padded = (head: Buffer, size: number, tail = Buffer.alloc(0)) =>
  Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);

const pdfFile = (title: string, size: number): Buffer => {
  const text = title.replace(/[()\\]/g, "");
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const build = (padding: string) => {
    let out = `%PDF-1.4\n${padding}`;
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(Buffer.byteLength(out, "latin1"));
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = Buffer.byteLength(out, "latin1");
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return out;
  };
  const natural = Buffer.byteLength(build(""), "latin1");
  let missing = size - natural;
  let padding = "";
  // Comment lines of at most 200 characters ("%" + spaces + "\n").
  while (missing >= 2) {
    const line = Math.min(200, missing);
    padding += `%${" ".repeat(line - 2)}\n`;
    missing -= line;
  }
  return Buffer.from(build(padding), "latin1");
};

/**
 * Deterministic file bytes for a seeded asset: a real file of its extension (JPEG/PNG/WebP/GIF
 * with the asset's dimensions, PDF, or a container header for audio and video), `size` bytes long
 * when that is larger than the bare file.
 */
export const generatedFile = (
  ext: string,
  width: number,
  height: number,
  size: number,
  seed: string,
): Buffer => {
  const w = width || 800;
  const h = height || 600;
  const target = Math.min(size, 64 * 1024 * 1024);
  switch (ext) {
    case "jpg":
    case "jpeg":
      return jpegImage(w, h, target);
    case "png":
      return pngImage(w, h, colorOf(seed), target);
    case "webp":
      return webpImage(w, h, colorOf(seed));
    case "gif": {
      const [r, g, b] = colorOf(seed);
      const head = Buffer.from([
        ...Buffer.from("GIF89a"),
        w & 0xff,
        w >> 8,
        h & 0xff,
        h >> 8,
        0x80,
        0,
        0,
        r,
        g,
        b,
        0,
        0,
        0,
        // One 1x1 image at the origin; the rest of the screen shows the background colour.
        0x2c,
        0,
        0,
        0,
        0,
        1,
        0,
        1,
        0,
        0,
        2,
        2,
        0x44,
        0x01,
        0,
        0x3b,
      ]);
      return head;
    }
    case "pdf":
      return pdfFile(`Emulated document ${seed}`, target);
    case "mp4":
    case "mov": {
      const ftyp = Buffer.concat([
        u32(24),
        Buffer.from("ftypisom"),
        u32(0x200),
        Buffer.from("isomiso2"),
      ]);
      const free = Math.max(8, target - ftyp.length);
      return Buffer.concat([ftyp, u32(free), Buffer.from("free"), Buffer.alloc(free - 8)]);
    }
    case "mp3": {
      // ID3v2.4 tag whose padding fills the file, then one silent MPEG-1 Layer III frame.
      const frame = Buffer.alloc(417);
      frame.writeUInt32BE(0xfffb9064);
      const tagSize = Math.max(0, target - 10 - frame.length);
      const syncsafe = [
        (tagSize >> 21) & 0x7f,
        (tagSize >> 14) & 0x7f,
        (tagSize >> 7) & 0x7f,
        tagSize & 0x7f,
      ];
      return Buffer.concat([
        Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, ...syncsafe]),
        Buffer.alloc(tagSize),
        frame,
      ]);
    }
    default:
      return padded(Buffer.from(`Emulated Bynder file ${seed}.${ext}\n`), target);
  }
};
