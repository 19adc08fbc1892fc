/** Inputs of the asset actions. Keys follow the incumbent component (docs/incumbent-interface.md). */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import { idList, jsonObject, optionalDate, optionalOneOf, stringList, quoted } from "./clean";
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
