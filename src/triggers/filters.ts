/**
 * The asset filters of the change triggers: Bynder's own media filters, sent with the date filter
 * on the same request, so narrowing a trigger costs no extra request. They apply to assets only.
 */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import { ASSET_TYPES, brandId, collectionId, propertyOptionIds, tags } from "../inputs/assets";
import { stringList, quoted } from "../inputs/clean";

const filterNote =
  " A record is reported when it matches at the time it changed; one that stops matching is not reported as deleted.";

export const assetFilterInputs = {
  tags: input({
    ...tags,
    comments: `Assets only: only assets that carry every one of these tags (Bynder matches all of them, not any).${filterNote}`,
  }),
  brandId: input({ ...brandId, comments: `Assets only: only assets of this brand.${filterNote}` }),
  collectionId: input({
    ...collectionId,
    comments: `Assets only: only assets in this collection.${filterNote}`,
  }),
  propertyOptionIds: input({
    ...propertyOptionIds,
    comments: `Assets only: only assets that have every one of these metaproperty option ids (all, not any).${filterNote}`,
  }),
  assetTypes: input({
    label: "Asset Type",
    type: "string",
    collection: "valuelist",
    required: false,
    comments: `Assets only: only assets of any of these types.${filterNote}`,
    example: "image",
    model: ASSET_TYPES.map((type) => ({ label: type, value: type })),
    clean: (value: unknown) => {
      const types = stringList("Asset Type")(value).map((type) => type.toLowerCase());
      for (const type of types) {
        if (!(ASSET_TYPES as readonly string[]).includes(type)) {
          throw new InputError(
            `Asset Type must be one of ${ASSET_TYPES.join(", ")}; got ${quoted(type)}.`,
          );
        }
      }
      return types;
    },
  }),
};

export interface AssetFilterParams {
  tags: string[];
  brandId?: string;
  collectionId?: string;
  propertyOptionIds: string[];
  assetTypes: string[];
}

/** The media list query for the filters set; empty when none is. */
export const assetFilterQuery = (params: AssetFilterParams): Record<string, string | string[]> => {
  const query: Record<string, string | string[]> = {};
  if (params.tags.length) query.tags = params.tags;
  if (params.brandId) query.brandId = params.brandId;
  if (params.collectionId) query.collectionId = params.collectionId;
  if (params.propertyOptionIds.length) query.propertyOptionId = params.propertyOptionIds;
  if (params.assetTypes.length) query.type = params.assetTypes;
  return query;
};

const LABELS: Record<keyof AssetFilterParams, string> = {
  tags: "Tags",
  brandId: "Brand ID",
  collectionId: "Collection ID",
  propertyOptionIds: "Metaproperty Options",
  assetTypes: "Asset Type",
};

/**
 * Refuses Show Deleted Records and the filters on a resource type other than assets, naming them,
 * before any request; returns the media filter query.
 */
export const checkAssetFilters = (
  type: string,
  params: AssetFilterParams & { showDeletedRecords: boolean },
) => {
  if (params.showDeletedRecords && type !== "assets") {
    throw new InputError(
      `Show Deleted Records applies to Assets only (Bynder's trash holds assets); turn it off for ${type}.`,
    );
  }
  const set = (Object.keys(LABELS) as (keyof AssetFilterParams)[]).filter((key) => {
    const value = params[key];
    return Array.isArray(value) ? value.length > 0 : !!value;
  });
  if (type !== "assets" && set.length) {
    throw new InputError(
      `${set.map((key) => LABELS[key]).join(", ")} ${set.length > 1 ? "filter" : "filters"} assets only (Bynder has no such filter for ${type}); clear ${set.length > 1 ? "them" : "it"} or choose Assets.`,
    );
  }
  return type === "assets" ? assetFilterQuery(params) : {};
};
