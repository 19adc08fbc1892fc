/**
 * What a file is, from its name: Bynder's asset type, its content type, the slug Bynder puts in
 * URLs, and an image's orientation.
 */

export type AssetType = "image" | "document" | "audio" | "video" | "3d";
export const ASSET_TYPES: readonly AssetType[] = ["image", "document", "audio", "video", "3d"];

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

export const orientationOf = (size: { width: number; height: number }) =>
  size.width === size.height ? "square" : size.width > size.height ? "landscape" : "portrait";
