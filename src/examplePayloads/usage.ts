/** Shaped like the emulator's real responses to /api/media/usage. */
export const assetUsage = {
  id: "ae68cb39-aff5-48fe-845a-58b2804546c1",
  asset_id: "95B68385-67CF-BAEB-9D6DE37291749308",
  integration: {
    id: "27ab561d-4b3f-4268-9ae1-76d23d70d098",
    description: "Acme Website CMS",
  },
  timestamp: "2024-05-01T09:30:00+00:00",
  uri: "/blog/summer-launch",
  additional: "Hero image of the summer launch post",
};

export const assetUsages = [assetUsage];

/** What Bynder did with a sync: usages kept or updated, added, refused and removed. */
export const usageSync = {
  accepted: [
    {
      asset_id: "95B68385-67CF-BAEB-9D6DE37291749308",
      uri: "/blog/summer-launch",
      additional: "Hero image of the summer launch post",
    },
  ],
  new: [assetUsage],
  rejected: [
    {
      asset_id: "00000000-0000-0000-0000000000000000",
      uri: "/blog/summer-launch",
      reason: 'Asset "00000000-0000-0000-0000000000000000" does not exist',
    },
  ],
  removed: [{ asset_id: "95B68385-67CF-BAEB-9D6DE37291749308", uri: "/blog/spring-sale" }],
};
