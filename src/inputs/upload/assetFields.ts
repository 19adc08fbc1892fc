/**
 * The asset an upload becomes, or goes to: derived from the asset inputs (`../assets.ts`), so ids,
 * pickers and checks are the same, with the incumbent's labels and the upload's comments.
 */
import { input } from "@prismatic-io/spectral";
import { optionalString, stringList } from "../clean";
import {
  assetBrandId,
  assetCopyright,
  assetDescription,
  assetName,
  optionalAssetId,
  tags,
} from "../assets";

/** Save a New Asset's brand. */
export const newAssetBrandId = assetBrandId("The brand (or sub-brand) to save the asset in.", {
  required: true,
});

/** Upload File's brand: required only when it saves a new asset. */
export const uploadBrandId = assetBrandId(
  "The brand (or sub-brand) of the new asset. Required when Save As is New asset.",
  { required: false },
);

/** Upload File's asset, for a new version or an additional file. */
export const uploadAssetId = optionalAssetId(
  "Asset ID",
  "The asset the file becomes a new version or an additional file of. Required for those Save As modes.",
);

export const newAssetName = input({
  ...assetName,
  label: "Asset Name",
  comments: "Name of the new asset. Bynder uses the file name without its extension when empty.",
  example: "Logo",
  clean: optionalString("Asset Name"),
});

export const newAssetDescription = input({
  ...assetDescription,
  comments: "Description of the asset.",
});

export const newAssetCopyright = input({
  ...assetCopyright,
  comments: "Copyright notice of the asset.",
});

/** The new asset's tags; none given sends none (an empty list would clear them). */
export const newAssetTags = input({
  ...tags,
  comments: "Tags of the new asset (a list, or one comma-separated value).",
  clean: (value: unknown) => {
    const items = stringList("Tags")(value);
    return items.length ? items : undefined;
  },
});
