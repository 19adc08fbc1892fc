import { imageSize, pngImage } from "../images";
import { addMediaItem, createMedia } from "../media";
import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp({ seed: { assets: 60 } });
const { call } = env;

const allMedia = () => [...env.emulator.portal.media.values()];

describe("downloads", () => {
  it("hands out a signed URL that serves the original's bytes without a token", async () => {
    const media = allMedia().find((m) => m.extension[0] === "jpg")!;
    const { body } = await call("GET", `/api/v4/media/${media.id}/download/`);
    expect(Object.keys(body)).toEqual(["s3_file"]);
    expect(body.s3_file).toContain("X-Amz-Signature=");
    const file = await fetch(body.s3_file);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.jpg"/);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(media.fileSize);
    expect(imageSize(bytes)).toEqual({ width: media.width, height: media.height });
    // Deterministic: the same file twice.
    const again = Buffer.from(await (await fetch(body.s3_file)).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
  });

  it("refuses a tampered or expired signature with S3's 403 XML", async () => {
    const media = allMedia()[1];
    const { body } = await call("GET", `/api/v4/media/${media.id}/download`);
    const tampered = body.s3_file.replace(
      /X-Amz-Signature=(.)/,
      (_: string, c: string) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`,
    );
    const bad = await fetch(tampered);
    expect(bad.status).toBe(403);
    expect(bad.headers.get("content-type")).toBe("application/xml");
    expect(await bad.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
    const otherFile = body.s3_file.replace(/\/([^/?]+)\?/, "/other.jpg?");
    expect((await fetch(otherFile)).status).toBe(403);

    env.emulator.portal.now = () => Date.now() + 2 * 3600 * 1000;
    try {
      const expired = await fetch(body.s3_file);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain("Request has expired");
    } finally {
      env.emulator.portal.now = () => Date.now();
    }
    const unsigned = await fetch(body.s3_file.split("?")[0]);
    expect(unsigned.status).toBe(403);
  });

  it("serves uploaded versions and additional files, by item id, hash and version", async () => {
    const portal = env.emulator.portal;
    const media = createMedia(portal, { name: "Uploaded logo", brandId: portal.brands[0].id });
    const v1 = addMediaItem(portal, media, {
      fileName: "logo.png",
      contentType: "image/png",
      data: pngImage(40, 30, [1, 2, 3]),
    });
    const v2 = addMediaItem(portal, media, {
      fileName: "logo-v2.png",
      contentType: "image/png",
      data: pngImage(64, 48, [4, 5, 6]),
    });
    const extra = addMediaItem(
      portal,
      media,
      { fileName: "notes.txt", contentType: "text/plain", data: Buffer.from("hello") },
      "additional",
    );
    expect(media).toMatchObject({ width: 64, height: 48, extension: ["png"], type: "image" });
    expect([v1.version, v2.version, v1.active, v2.active]).toEqual([1, 2, false, true]);

    const fetchUrl = async (path: string) => {
      const { status, body } = await call("GET", path);
      expect(status).toBe(200);
      return Buffer.from(await (await fetch(body.s3_file)).arrayBuffer());
    };
    expect((await fetchUrl(`/api/v4/media/${media.id}/download`)).equals(v2.file.data)).toBe(true);
    expect((await fetchUrl(`/api/v4/media/${media.id}/1/download`)).equals(v1.file.data)).toBe(
      true,
    );
    expect(
      (await fetchUrl(`/api/v4/media/${media.id}/download/${v1.id}`)).equals(v1.file.data),
    ).toBe(true);
    expect((await fetchUrl(`/api/v4/media/${media.id}/download?type=additional`)).toString()).toBe(
      "hello",
    );
    const { body: asset } = await call("GET", `/api/v4/media/${media.id}?versions=1`);
    expect(asset.mediaItems.map((i: { id: string }) => i.id)).toEqual([v1.id, v2.id, extra.id]);
    const hash = asset.mediaItems[2].idHash as string;
    expect(
      (await fetchUrl(`/api/v4/media/${media.id}/download/${hash}?hash=true`)).toString(),
    ).toBe("hello");

    expect((await call("GET", `/api/v4/media/${media.id}/9/download`)).status).toBe(404);
    expect((await call("GET", `/api/v4/media/${media.id}/download/${v1.id}?hash=1`)).status).toBe(
      404,
    );
    expect((await call("GET", `/api/v4/media/${media.id}/download?type=preview`)).status).toBe(400);
    const empty = createMedia(portal, { name: "No file yet" });
    const none = await call("GET", `/api/v4/media/${empty.id}/download`);
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ message: "Original file not available", statuscode: 404 });
  });

  it("gives seeded assets a new version when a file is added", () => {
    const media = allMedia().find((m) => m.items.length === 0)!;
    const item = addMediaItem(env.emulator.portal, media, {
      fileName: "new.png",
      contentType: "image/png",
      data: pngImage(10, 10, [0, 0, 0]),
    });
    expect(item.version).toBe(2);
    expect(media.items.map((i) => [i.version, i.active])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});
