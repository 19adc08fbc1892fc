/**
 * Asset services on `/api/1/assets`: similarity search and adaptive video streaming links. Neither
 * is on every Bynder plan; both take asset ids in the 8-4-4-4-12 form (the inputs convert). Paths
 * are exactly as documented, trailing slash or not.
 */
import { BynderError, InputError, path } from "../client";
import { similarAssets, videoStreamingLinks } from "../examplePayloads/assetServices";
import {
  imageData,
  imageUrl,
  similarToAssetIds,
  textQuery,
  toV4AssetId,
  videoAssetId,
} from "../inputs/assetServices";

import { connection } from "../inputs/common";
import { bynderAction } from "./bynderAction";
import { onPlanFeature } from "./requirements";

interface SimilarAssets {
  assets?: { assetId?: string; similarityScore?: number }[];
}

export const findSimilarAssets = bynderAction({
  display: {
    label: "Find Similar Assets",
    description:
      "Find assets that look like given assets, an image (URL or data) or a text description, best match first. Give exactly one of Asset IDs, Image URL, Image Data or Text Query. Each result's assetId is in the 8-4-4-4-12 form; mediaId is the same asset's 8-4-4-16 id the other asset actions take.",
  },
  inputs: { assetIds: similarToAssetIds, imageUrl, imageData, textQuery, connection },
  performSafety: "safe",
  examplePayload: { data: similarAssets },
  run: (bynder, { assetIds, imageUrl, imageData, textQuery }) => {
    const given = {
      assetIds: assetIds.length ? assetIds : undefined,
      imageUrl,
      imageData,
      textQuery,
    };
    const chosen = Object.entries(given).filter(([, value]) => value !== undefined);
    if (chosen.length !== 1) {
      throw new InputError(
        `Asset IDs, Image URL, Image Data, Text Query: give exactly one of them; got ${chosen.length}.`,
      );
    }
    return onPlanFeature("Find Similar Assets", "Similarity search", async () => {
      const body = await bynder.postJson<SimilarAssets>(
        path`/api/1/assets/similarity-search/`,
        Object.fromEntries(chosen),
      );
      const assets = (body?.assets ?? []).map((hit) => ({
        ...hit,
        ...(typeof hit.assetId === "string" ? { mediaId: toV4AssetId(hit.assetId) } : {}),
      }));
      return { ...body, assets } as typeof similarAssets;
    });
  },
});

export const getVideoStreamingLinks = bynderAction({
  display: {
    label: "Get Video Streaming Links",
    description:
      "Get the public HLS and DASH manifest links of a video asset and the HTML embed code of Bynder's video player (adaptive video streaming).",
  },
  inputs: { assetId: videoAssetId, connection },
  performSafety: "safe",
  examplePayload: { data: videoStreamingLinks },
  run: (bynder, { assetId }) =>
    onPlanFeature("Get Video Streaming Links", "Adaptive video streaming", () =>
      bynder.get<typeof videoStreamingLinks>(path`/api/1/assets/${assetId}/public-links`),
    ).catch((error: unknown) => {
      if (error instanceof BynderError && error.status === 404) {
        throw new BynderError(
          `${error.message} (Bynder has no adaptive stream for asset ${assetId}: it is not a video, its stream is not ready yet, or the id is unknown.)`,
          404,
          error.method,
          error.path,
          error.body,
        );
      }
      throw error;
    }),
});

export const assetServiceActions = { findSimilarAssets, getVideoStreamingLinks };
