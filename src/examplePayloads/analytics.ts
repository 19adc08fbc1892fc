/** Shaped like the emulator's real responses to /v7/analytics/api. */

/** The default feed (asset views, v2) with the header that leads to the next page. */
export const analyticsEvents = [
  {
    eventId: "236280dd-b06e-44be-ae9f-85e2661510a1",
    eventType: "AssetViewed",
    userId: "1A84D758-2B3A-141F-8F07D71AA1F223BD",
    dateTime: "2021-11-15T10:07:57.781+00:00",
    assetId: "CA510292-E39E-4B28-AB6444CDD2B1C5C0",
  },
];
export const nextCursorHeaders = { "next-cursor": "1000" };

/**
 * Every event on one asset, oldest first (v1 style: the asset's name and type with each event;
 * download events add mediaItemId and mediaItemType).
 */
export const assetActivity = [
  {
    id: "62de6d714e29485a81824fe3",
    eventType: "asset.create",
    userId: "1A84D758-2B3A-141F-8F07D71AA1F223BD",
    dateTime: "2021-11-15T10:07:57.781+00:00",
    assetId: "CA510292-E39E-4B28-AB6444CDD2B1C5C0",
    assetType: "image",
    assetName: "Product Insights",
    assetAudit: "ACCEPTED",
    fileName: "CA510292-E39E-4B28-AB6444CDD2B1C5C0___Product Insights",
  },
];
