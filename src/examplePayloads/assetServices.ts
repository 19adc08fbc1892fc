/** Shaped like the emulator's real responses to /api/1/assets (similarity search, public links). */
export const similarAssets = {
  assets: [
    {
      assetId: "e0664bc4-4d64-4776-a010-a19d337f7ee9",
      similarityScore: 0.98,
      mediaId: "E0664BC4-4D64-4776-A010A19D337F7EE9",
    },
  ],
};

export const videoStreamingLinks = {
  hls: "https://portal.bynder.com/vod-stream/f4d5881d-9a2b-4e3d-a1f7-29f6771309f9/play-hls2.m3u8",
  dash: "https://portal.bynder.com/vod-stream/f4d5881d-9a2b-4e3d-a1f7-29f6771309f9/play-dash.mpd",
  embedCode:
    '<div bvd-manifest-url="https://portal.bynder.com/vod-stream/f4d5881d-9a2b-4e3d-a1f7-29f6771309f9/play-hls2.m3u8" bvd-poster="https://portal.bynder.com/asset/f4d5881d-9a2b-4e3d-a1f7-29f6771309f9/thumbnail/webimage-poster"></div><script src="https://portal.bynder.com/v7/video-delivery/main.js"></script>',
};
