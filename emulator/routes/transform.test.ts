import { imageSize } from "../images";
import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp({ seed: { assets: 60 } });
const { call } = env;

const allMedia = () => [...env.emulator.portal.media.values()];

describe("thumbnails and Dynamic Asset Transformation", () => {
  const asset = () =>
    allMedia().find((m) => m.type === "image" && m.width > 0 && m.items.length === 0)!;

  it("serves the thumbnails named in the media JSON, without a token", async () => {
    const media = asset();
    const { body } = await call("GET", `/api/v4/media/${media.id}`);
    const thumb = await fetch(body.thumbnails.thul);
    expect(thumb.status).toBe(200);
    const bytes = Buffer.from(await thumb.arrayBuffer());
    const size = imageSize(bytes)!;
    expect(Math.max(size.width, size.height)).toBe(250);
  });

  it("renders transformations publicly, sized by the operations, in the asked format", async () => {
    const media = asset();
    const base = `${env.emulator.url}/transform/${media.transformId}/whatever-name`;
    const webp = await fetch(`${base}?io=transform:scale,width:200`);
    expect(webp.status).toBe(200);
    expect(webp.headers.get("content-type")).toBe("image/webp");
    const webpBytes = Buffer.from(await webp.arrayBuffer());
    expect(webpBytes.subarray(0, 4).toString()).toBe("RIFF");
    expect(imageSize(webpBytes)).toEqual({
      width: 200,
      height: Math.round((media.height * 200) / media.width),
    });

    const png = await fetch(
      `${base}?io=transform:fill,width:300,height:100&io=transform:rotate,angle:90&format=png&focuspoint=0.5,0.25`,
    );
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(imageSize(Buffer.from(await png.arrayBuffer()))).toEqual({ width: 100, height: 300 });

    const jpg = await fetch(
      `${base}?io=transform:crop,width:64,height:32,gravity:center&format=jpg&quality=75`,
    );
    expect(jpg.headers.get("content-type")).toBe("image/jpeg");
    const jpgBytes = Buffer.from(await jpg.arrayBuffer());
    expect([jpgBytes[0], jpgBytes[1]]).toEqual([0xff, 0xd8]);
    expect(imageSize(jpgBytes)).toEqual({ width: 64, height: 32 });
  });

  it("rejects unknown operations, bad focus points, formats and qualities with 400", async () => {
    const base = `${env.emulator.url}/transform/${asset().transformId}/x`;
    const unknown = await fetch(`${base}?io=transform:blur,radius:3`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe("Image Operation not supported");
    for (const query of [
      "focuspoint=1.5,0.2",
      "focuspoint=0.5",
      "format=gif",
      "quality=0",
      "quality=101",
      "io=transform:scale,width:abc",
      "io=transform:fill,aspectratio:wide",
    ]) {
      expect((await fetch(`${base}?${query}`)).status).toBe(400);
    }
    expect(
      (await fetch(`${env.emulator.url}/transform/00000000-0000-4000-8000-000000000000/x`)).status,
    ).toBe(404);
  });

  it("also serves the incumbent's /api/transform/{assetId}/{name} with a token", async () => {
    const media = asset();
    const response = await call("GET", `/api/transform/${media.id}/name?format=png`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect((await call("GET", `/api/transform/${media.id}/name`, { token: false })).status).toBe(
      401,
    );
  });
});
