/** Inputs of the asset actions. Keys follow the incumbent component (docs/incumbent-interface.md). */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import {
  idList,
  integer,
  jsonObject,
  optionalDate,
  optionalOneOf,
  optionalString,
  requiredString,
  stringList,
  quoted,
} from "./clean";
import {
  booleanInput,
  CF_EXAMPLE,
  idInput,
  limitInput,
  optionalIdInput,
  textInput,
  PLACEHOLDERS,
} from "./common";

/** An asset id input (8-4-4-16), linked to the asset picklist. */
export const assetId = (label: string, comments: string) =>
  idInput({ label, comments, dataSource: "selectAsset" });

/** The Asset ID of actions on one asset's usage or metaproperty options. */
export const assetIdInput = assetId("Asset ID", "The ID of the asset (8-4-4-16 hex digits).");

/** The same, optional (empty is not sent). */
export const optionalAssetId = (label: string, comments: string) =>
  optionalIdInput({ label, comments, dataSource: "selectAsset" });

/** The brand of an asset ("Brand ID", linked to the brand picklist). */
export const assetBrandId = (comments: string, { required }: { required: boolean }) =>
  (required ? idInput : optionalIdInput)({
    label: "Brand ID",
    comments,
    dataSource: "selectBrand",
  });

// --- Get / List -------------------------------------------------------------------------------

export const versions = booleanInput(
  "Versions",
  "Include the asset's files (mediaItems): every version of the original and any additional files, each with its id for Download Specific Asset Item.",
);

export const stats = booleanInput(
  "Stats",
  "Include the asset's views and downloads. Bynder needs the STATISTICS role for this.",
);

export const mediaLimit = limitInput(
  1000,
  "Assets per page, at most 1000. Bynder returns 50 when this is empty.",
);

export const mediaCount = booleanInput(
  "Count",
  "Ask Bynder for counts: the response becomes { media, count } where count.total is the number of matching assets (with counts per brand, type, tag and more). Overrides Total.",
);

export const mediaTotal = booleanInput(
  "Total",
  "Ask Bynder for the number of matching assets: the response becomes { media, total: { count } }.",
);

// --- Update -----------------------------------------------------------------------------------

export const assetName = textInput(
  "Name",
  "A new name for the asset. Leave empty to keep the current name (nothing is sent).",
  "Summer campaign hero",
);
export const assetDescription = textInput(
  "Description",
  "A new description. Leave empty to keep the current one.",
  "Extended asset description",
);
export const assetCopyright = textInput(
  "Copyright",
  "New copyright information. Leave empty to keep the current one.",
  "Copyright (c) Example corp",
);

/**
 * Extra modify fields: isPublic, limited, archive, tags (csv or a list, replaces all tags),
 * datePublished, archiveDate, limitedDate, watermarkDate, brandId, and `metaproperty` as an object
 * of metaproperty id → option ids (sent as Bynder's `metaproperty.<id>` fields).
 */
export const assetData = input({
  label: "Data",
  type: "code",
  language: "json",
  required: false,
  placeholder: PLACEHOLDERS.json,
  comments:
    'More fields to change, as a JSON object: isPublic (irreversible once true), limited, archive, tags (comma-separated or a list; replaces every tag), datePublished, archiveDate, limitedDate, watermarkDate (ISO 8601), brandId, and "metaproperty": {"<metaproperty id>": ["<option id>", …]}. Named inputs above win over the same field here.',
  example: JSON.stringify(
    {
      isPublic: true,
      limited: true,
      archive: true,
      tags: "scenery,grassland,Holland",
      metaproperty: { [CF_EXAMPLE]: ["8A5C3E2B-1F4D-4A6B-9C8D7E6F5A4B3C2D"] },
    },
    null,
    2,
  ),
  clean: (value: unknown) => {
    const data = jsonObject("Data")(value);
    const meta = data.metaproperty;
    if (meta !== undefined && (typeof meta !== "object" || meta === null || Array.isArray(meta))) {
      throw new InputError(
        'Data: "metaproperty" must be an object of metaproperty id → option ids, e.g. {"<id>": ["<option id>"]}.',
      );
    }
    return data;
  },
});

// --- Download ---------------------------------------------------------------------------------

export const itemId = idInput({
  label: "Item ID",
  format: "segment",
  comments:
    "The id of the file (media item) to download: see mediaItems in Get Asset with Versions on. With Hash on, the item's hashed id (idHash) instead.",
  example: CF_EXAMPLE,
});

export const hash = booleanInput("Hash", "Treat Item ID as a hashed item id (idHash).");

export const version = input({
  label: "Version",
  type: "string",
  required: false,
  comments:
    "A version number of the asset's original (1 is the first upload). Leave empty for the current version.",
  example: "2",
  clean: integer("Version", { min: 1 }),
});

// --- Dynamic Asset Transformation -------------------------------------------------------------

export const transformName = textInput(
  "Name",
  "Replaces the file-name part at the end of the asset's transformation URL (handy for SEO-friendly names). Leave empty to keep the asset's own.",
  "summer-hero",
);

const OPERATIONS = [
  "background",
  "crop",
  "extend",
  "fill",
  "fit",
  "flip",
  "mirror",
  "rotate",
  "scale",
];

/** Lines of a text or list input, kept whole (operations contain commas). */
const linesOf = (value: unknown): string[] => {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.flatMap((item) => String(item).split(/\r?\n/));
};

/** One or more `transform:<operation>,<param>:<value>,…` lines, applied in order. */
export const io = input({
  label: "IO",
  type: "string",
  required: false,
  comments: `The operation(s) to apply, as transform:<operation>,<param>:<value>,… (e.g. transform:fill,width:800,height:800). Several operations go on separate lines and are applied in order. Operations: ${OPERATIONS.join(", ")}.`,
  example: "transform:crop,width:100,height:200",
  clean: (value: unknown): string[] =>
    linesOf(value)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const full = /^transform:/i.test(line) ? line : `transform:${line}`;
        const match = /^transform:([a-z]+)((,[a-z]+:[^,\s]+)*)$/i.exec(full);
        if (!match || !OPERATIONS.includes(match[1].toLowerCase())) {
          throw new InputError(
            `IO: ${quoted(line)} is not an operation like transform:scale,width:400 (operations: ${OPERATIONS.join(", ")}).`,
          );
        }
        return full;
      }),
});

export const focuspoint = input({
  label: "Focus Point",
  type: "string",
  required: false,
  comments:
    "The centre of the image operations as x,y, each from 0 to 1 (0,0 is the top left corner).",
  example: "0.5,0.25",
  clean: (value: unknown): string | undefined => {
    const raw = optionalString("Focus Point")(value);
    if (raw === undefined) return undefined;
    const parts = raw.split(",").map((part) => part.trim());
    const ok =
      parts.length === 2 &&
      parts.every((part) => /^\d*\.?\d+$/.test(part) && Number(part) >= 0 && Number(part) <= 1);
    if (!ok) {
      throw new InputError(
        `Focus Point must be x,y with both values from 0 to 1, e.g. 0.5,0.25; got ${quoted(raw)}.`,
      );
    }
    return parts.join(",");
  },
});

export const format = input({
  label: "Format",
  type: "string",
  required: false,
  comments: "The image format: jpg, png or webp. Bynder serves webp when this is empty.",
  example: "jpg",
  clean: (value: unknown) => {
    const raw = optionalString("Format")(value)?.toLowerCase();
    return optionalOneOf("Format", ["jpg", "png", "webp"])(raw === "jpeg" ? "jpg" : raw);
  },
});

/** Key `quality`; its label is "Format" in the incumbent component (kept for compatibility). */
export const quality = input({
  label: "Format",
  type: "string",
  required: false,
  comments:
    'Image quality from 1 to 100 (no effect on png). This second "Format" input is the quality; the label is kept from Prismatic\'s component.',
  example: "75",
  clean: integer("Format (image quality)", { min: 1, max: 100 }),
});

// --- Search -----------------------------------------------------------------------------------

export const keyword = textInput(
  "Keyword",
  "Words to search for in names, descriptions, tags and file extensions.",
  "summer",
);

export const brandId = assetBrandId("Only assets of this brand.", { required: false });

export const collectionId = optionalIdInput({
  label: "Collection ID",
  comments: "Only assets in this collection.",
  dataSource: "selectCollection",
});

export const tags = input({
  label: "Tags",
  type: "string",
  collection: "valuelist",
  required: false,
  comments: "Only assets that carry every one of these tags.",
  example: "summer",
  clean: stringList("Tags"),
});

export const ASSET_TYPES = ["image", "document", "audio", "video", "3d"] as const;

export const assetTypes = input({
  label: "Type",
  type: "string",
  collection: "valuelist",
  required: false,
  comments: "Only assets of these types.",
  example: "image",
  model: ASSET_TYPES.map((type) => ({ label: type, value: type })),
  clean: (value: unknown) => {
    const types = stringList("Type")(value).map((type) => type.toLowerCase());
    for (const type of types) {
      if (!(ASSET_TYPES as readonly string[]).includes(type)) {
        throw new InputError(`Type must be one of ${ASSET_TYPES.join(", ")}; got ${quoted(type)}.`);
      }
    }
    return types;
  },
});

export const propertyOptionIds = input({
  label: "Metaproperty Options",
  type: "string",
  collection: "valuelist",
  required: false,
  comments: "Only assets that have every one of these metaproperty option ids.",
  example: CF_EXAMPLE,
  clean: idList("Metaproperty Options", "cf"),
});

export const dateModifiedAfter = input({
  label: "Date Modified After",
  type: "string",
  required: false,
  comments:
    "Only assets modified at or after this moment (ISO 8601, e.g. 2024-01-31T12:00:00Z). Bynder does not say whether the moment itself is included: expect an asset modified exactly then, and dedupe by id.",
  example: "2024-01-31T12:00:00Z",
  placeholder: PLACEHOLDERS.date,
  clean: optionalDate("Date Modified After"),
});

export const MEDIA_ORDERS = [
  "dateCreated desc",
  "dateCreated asc",
  "dateModified desc",
  "dateModified asc",
  "datePublished desc",
  "datePublished asc",
  "name asc",
  "name desc",
] as const;

export const mediaOrderBy = input({
  label: "Order By",
  type: "string",
  required: false,
  comments: "The order of the results. Bynder uses dateCreated desc when this is empty.",
  example: "dateModified desc",
  model: MEDIA_ORDERS.map((order) => ({ label: order, value: order })),
  clean: optionalOneOf("Order By", MEDIA_ORDERS),
});

// --- Trash ------------------------------------------------------------------------------------

export const deletedSince = input({
  label: "Deleted Since",
  type: "string",
  required: false,
  comments:
    "Only assets removed at or after this moment (ISO 8601). Bynder keeps removed assets for 30 days.",
  example: "2024-01-31T00:00:00Z",
  placeholder: PLACEHOLDERS.date,
  clean: optionalDate("Deleted Since"),
});

export const trashLimit = limitInput(
  1000,
  "Removed assets per page. Bynder returns 10 when this is empty.",
);

// --- Tags -------------------------------------------------------------------------------------

export const TAG_ORDERS = ["tag asc", "tag desc", "mediaCount desc", "mediaCount asc"] as const;

export const tagOrderBy = input({
  label: "Order By",
  type: "string",
  required: false,
  comments: "The order of the tags: by name or by the number of assets that carry them.",
  example: "mediaCount desc",
  model: TAG_ORDERS.map((order) => ({ label: order, value: order })),
  clean: optionalOneOf("Order By", TAG_ORDERS),
});

export const tagKeyword = textInput(
  "Keyword",
  "Only tags whose name contains this text.",
  "summer",
);

export const minCount = input({
  label: "Minimum Count",
  type: "string",
  required: false,
  comments: "Only tags carried by at least this many assets.",
  example: "1",
  clean: integer("Minimum Count", { min: 0 }),
});

export const tagsLimit = limitInput(1000, "Tags per page, at most 1000.");

const CF = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}$/i;

/** A tag id (8-4-4-16) or a tag name, which the action looks up. */
export const tag = input({
  label: "Tag",
  type: "string",
  required: true,
  comments:
    "The tag's id, or its name (looked up among Bynder's tags, ignoring case). To give assets a tag that does not exist yet, use Update Asset's tags.",
  example: "summer",
  dataSource: "selectTag",
  clean: (value: unknown): { id: string } | { name: string } => {
    const raw = requiredString("Tag")(value);
    return CF.test(raw) ? { id: raw.toUpperCase() } : { name: raw };
  },
});

/** Asset ids (8-4-4-16), each entry from the asset picklist. */
export const assetIds = input({
  label: "Asset IDs",
  type: "string",
  collection: "valuelist",
  required: true,
  comments: "The assets' ids (8-4-4-16), one per entry; a comma-separated list also works.",
  example: CF_EXAMPLE,
  dataSource: "selectAsset",
  clean: idList("Asset IDs", "cf", { required: true }),
});
