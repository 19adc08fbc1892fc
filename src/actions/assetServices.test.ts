import { isConnectionError } from "@prismatic-io/spectral";
import { errorOf, expectExampleShape, harness, useEmulator } from "../../test/support";

// Responses are checked field by field; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const env = useEmulator();
const run = (key: string, params: Record<string, unknown>) =>
  harness.action(key, { connection: env.connection, ...params }) as Promise<{ data: Loose }>;

const media = () => [...env.emulator.portal.media.values()];
const rfc = (id: string) => {
  const hex = id.replace(/-/g, "").toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

afterEach(() => {
  env.emulator.portal.features.similaritySearch = true;
  env.emulator.portal.features.videoStreaming = true;
});

describe("findSimilarAssets", () => {
  it("sends v4 asset ids in the 8-4-4-4-12 form and returns each hit with its v4 id too", async () => {
    const source = media()[0];
    const result = await run("findSimilarAssets", { assetIds: [source.id] });
    const [request] = env.emulator.requestsTo("/api/1/assets/similarity-search", "POST");
    expect(request.json).toEqual({ assetIds: [rfc(source.id)] });
    expect(request.path).toBe("/api/1/assets/similarity-search");
    const hits = result.data.assets as {
      assetId: string;
      similarityScore: number;
      mediaId: string;
    }[];
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.assetId).toBe(rfc(hit.mediaId));
      expect(env.emulator.portal.media.has(hit.mediaId)).toBe(true);
      expect(hit.mediaId).not.toBe(source.id);
    }
    const scores = hits.map((hit) => hit.similarityScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expectExampleShape("findSimilarAssets", result);
  });

  it("searches by a text description", async () => {
    const word = media()[0].name.split(" ")[0];
    const result = await run("findSimilarAssets", { textQuery: word });
    expect(env.emulator.requestsTo("/api/1/assets/similarity-search")[0].json).toEqual({
      textQuery: word,
    });
    expect(result.data.assets.length).toBeGreaterThan(0);
  });

  it("searches by image URL or image data", async () => {
    await run("findSimilarAssets", { imageUrl: "https://images.example.com/a.png" });
    await run("findSimilarAssets", { imageData: "data:image/png;base64,iVBORw0KGgo=" });
    expect(env.emulator.requestsTo("/api/1/assets/similarity-search").map((r) => r.json)).toEqual([
      { imageUrl: "https://images.example.com/a.png" },
      { imageData: "data:image/png;base64,iVBORw0KGgo=" },
    ]);
  });

  it("rejects bad input before calling Bynder", async () => {
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{}, "Asset IDs, Image URL, Image Data, Text Query: give exactly one of them; got 0."],
      [
        { textQuery: "shoe", imageUrl: "https://x.example/a.png" },
        "Asset IDs, Image URL, Image Data, Text Query: give exactly one of them; got 2.",
      ],
      [{ assetIds: ["12345"] }, /^Asset IDs must be an asset id of 8-4-4-16 hex digits/],
      [{ imageUrl: "ftp://x.example/a.png" }, /^Image URL must be an http\(s\) URL/],
      [{ imageData: "not base64!" }, /^Image Data must be base64 image data/],
    ];
    for (const [params, message] of cases) {
      await expect(run("findSimilarAssets", params)).rejects.toThrow(message);
    }
    expect(env.emulator.requests).toEqual([]);
  });

  it("passes Bynder's message on", async () => {
    const unknown = "0badc0de-0000-4000-8000-000000000000";
    await expect(run("findSimilarAssets", { assetIds: [unknown] })).rejects.toThrow(
      `Bynder POST /api/1/assets/similarity-search/ failed with HTTP 400: Unknown asset ids (8-4-4-4-12, lower case): ${unknown}.`,
    );
  });

  it("says plainly when the portal's plan has no similarity search", async () => {
    env.emulator.portal.features.similaritySearch = false;
    const error = await errorOf(run("findSimilarAssets", { textQuery: "logo" }));
    expect(isConnectionError(error)).toBe(false);
    expect(error.message).toMatch(
      /^Find Similar Assets: Similarity search is not enabled on this Bynder portal\. It is not part of every Bynder plan; ask Bynder to enable it\. \(.*HTTP 403: Similarity search is not enabled for this account\.\)$/,
    );
  });
});

describe("getVideoStreamingLinks", () => {
  const video = () => media().find((m) => m.type === "video")!;

  it("asks for the video's public links by its 8-4-4-4-12 id", async () => {
    const result = await run("getVideoStreamingLinks", { assetId: video().id });
    const [request] = env.emulator.requestsTo("/api/1/assets", "GET");
    expect(request.path).toBe(`/api/1/assets/${rfc(video().id)}/public-links`);
    expect(result.data).toEqual({
      hls: `${env.emulator.url}/vod-stream/${rfc(video().id)}/play-hls2.m3u8`,
      dash: `${env.emulator.url}/vod-stream/${rfc(video().id)}/play-dash.mpd`,
      embedCode: expect.stringContaining("bvd-manifest-url="),
    });
    expectExampleShape("getVideoStreamingLinks", result);
  });

  it("explains Bynder's 404 for an asset without a stream", async () => {
    const image = media().find((m) => m.type === "image")!;
    await expect(run("getVideoStreamingLinks", { assetId: image.id })).rejects.toThrow(
      `Bynder GET /api/1/assets/${rfc(image.id)}/public-links failed with HTTP 404: manifest file not found (Bynder has no adaptive stream for asset ${rfc(image.id)}: it is not a video, its stream is not ready yet, or the id is unknown.)`,
    );
  });

  it("says plainly when the portal's plan has no video streaming", async () => {
    env.emulator.portal.features.videoStreaming = false;
    const error = await errorOf(run("getVideoStreamingLinks", { assetId: video().id }));
    expect(isConnectionError(error)).toBe(false);
    expect(error.message).toMatch(
      /^Get Video Streaming Links: Adaptive video streaming is not enabled on this Bynder portal\./,
    );
  });

  it("rejects a malformed id before calling Bynder", async () => {
    await expect(run("getVideoStreamingLinks", { assetId: "video-1" })).rejects.toThrow(
      /^Asset ID must be an asset id of 8-4-4-16 hex digits/,
    );
    expect(env.emulator.requests).toEqual([]);
  });
});
