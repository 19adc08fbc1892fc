/**
 * Inputs of the `/api/1/assets` services (similarity search, video streaming links). Those take
 * the 8-4-4-4-12 lower-case form of an asset id; builders hold the 8-4-4-16 form every other asset
 * action uses, so either is accepted and converted (the same 32 hex digits, regrouped).
 */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import { optionalString, stringList, quoted } from "./clean";
import { CF_EXAMPLE, PLACEHOLDERS, textInput } from "./common";

const ANY_ASSET_ID =
  /^([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})$/i;

/** An asset id in either form → 8-4-4-4-12, lower case. */
export const toRfcAssetId = (label: string, id: string): string => {
  if (!ANY_ASSET_ID.test(id)) {
    throw new InputError(
      `${label} must be an asset id of 8-4-4-16 hex digits (e.g. ${CF_EXAMPLE}) or 8-4-4-4-12; got ${quoted(id)}.`,
    );
  }
  const hex = id.replace(/-/g, "").toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** 8-4-4-4-12 → the 8-4-4-16 upper-case id the v4 asset actions take. */
export const toV4AssetId = (id: string): string => {
  const hex = id.replace(/-/g, "").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16)}`;
};

const ID_COMMENT =
  "8-4-4-16 as the other asset actions show it, or 8-4-4-4-12; it is sent in the 8-4-4-4-12 lower-case form this service takes.";

export const videoAssetId = input({
  label: "Asset ID",
  type: "string",
  required: true,
  comments: `The video asset whose streaming links to get: ${ID_COMMENT}`,
  example: CF_EXAMPLE,
  placeholder: PLACEHOLDERS.cf,
  dataSource: "selectAsset",
  clean: (value: unknown) => {
    const [id, ...more] = stringList("Asset ID", { required: true })(value);
    if (more.length) throw new InputError("Asset ID takes one asset id.");
    return toRfcAssetId("Asset ID", id);
  },
});

export const similarToAssetIds = input({
  label: "Asset IDs",
  type: "string",
  collection: "valuelist",
  required: false,
  comments: `Find assets that look like these assets: ${ID_COMMENT}`,
  example: CF_EXAMPLE,
  placeholder: PLACEHOLDERS.cf,
  dataSource: "selectAsset",
  clean: (value: unknown) =>
    stringList("Asset IDs")(value).map((id) => toRfcAssetId("Asset IDs", id)),
});

export const imageUrl = input({
  label: "Image URL",
  type: "string",
  required: false,
  comments: "Find assets that look like the image at this public URL (https). Bynder fetches it.",
  example: "https://images.example.com/products/red-sneaker.png",
  placeholder: PLACEHOLDERS.url,
  clean: (value: unknown) => {
    const url = optionalString("Image URL")(value);
    if (url === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(`Image URL must be an absolute http(s) URL; got ${quoted(url)}.`);
    }
    if (!/^https?:$/.test(parsed.protocol)) {
      throw new InputError(`Image URL must be an http(s) URL; got ${quoted(url)}.`);
    }
    return url;
  },
});

export const imageData = input({
  label: "Image Data",
  type: "string",
  required: false,
  comments:
    "Find assets that look like this image, given as a base64 data URL (data:image/jpeg;base64,…) or plain base64.",
  example:
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  placeholder: "data:image/jpeg;base64,…",
  clean: (value: unknown) => {
    const data = optionalString("Image Data")(value);
    if (data === undefined) return undefined;
    const base64 = data.replace(/^data:image\/[\w.+-]+;base64,/i, "").replace(/\s+/g, "");
    if (!base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
      throw new InputError(
        "Image Data must be base64 image data, optionally as a data URL such as data:image/jpeg;base64,….",
      );
    }
    return data;
  },
});

export const textQuery = textInput(
  "Text Query",
  "Find assets that match this description of an image, e.g. a red sneaker on a white background.",
  "red sneaker on a white background",
);
