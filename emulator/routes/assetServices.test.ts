import { rfcId } from "../plan";
import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;
const media = () => [...env.emulator.portal.media.values()];

describe("/api/1/assets", () => {
  it("searches by one parameter only, and by lower-case 8-4-4-4-12 ids", async () => {
    const source = media()[0];
    const hit = await call("POST", "/api/1/assets/similarity-search/", {
      json: { assetIds: [rfcId(source.id)] },
    });
    expect(hit.status).toBe(200);
    expect(hit.body.assets.length).toBeGreaterThan(0);
    const two = await call("POST", "/api/1/assets/similarity-search/", {
      json: { textQuery: "logo", imageUrl: "https://x.example/a.png" },
    });
    expect(two).toMatchObject({ status: 400, body: { reason: "MULTIPLE_SEARCH_PARAMETERS" } });
    const v4 = await call("POST", "/api/1/assets/similarity-search/", {
      json: { assetIds: [source.id] },
    });
    expect(v4).toMatchObject({ status: 400, body: { reason: "INVALID_ASSET_IDS" } });
  });

  it("gives streaming links for videos only", async () => {
    const video = media().find((m) => m.type === "video")!;
    const links = await call("GET", `/api/1/assets/${rfcId(video.id)}/public-links`);
    expect(Object.keys(links.body).sort()).toEqual(["dash", "embedCode", "hls"]);
    const image = media().find((m) => m.type === "image")!;
    const none = await call("GET", `/api/1/assets/${rfcId(image.id)}/public-links`);
    expect(none).toMatchObject({ status: 404, text: "manifest file not found" });
  });
});
