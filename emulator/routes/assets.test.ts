import { imageSize, pngImage } from "../images";
import { addMediaItem, createMedia } from "../media";
import { useEmulatorHttp } from "../testing";
import { CF_ID } from "../util";

const env = useEmulatorHttp({ seed: { assets: 60 } });
const { call } = env;

const allMedia = () => [...env.emulator.portal.media.values()];
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe("GET /api/v4/media", () => {
  it("returns a plain array of 50, newest first, in Bynder's media shape", async () => {
    const { status, body } = await call("GET", "/api/v4/media/");
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    expect(body).toHaveLength(50);
    const first = body[0];
    expect(first.id).toMatch(CF_ID);
    expect(first.dateCreated).toMatch(ISO_Z);
    expect(first.dateModified).toMatch(ISO_Z);
    expect([0, 1]).toContain(first.archive);
    expect([0, 1]).toContain(first.isPublic);
    expect(Array.isArray(first.extension)).toBe(true);
    expect(typeof first.fileSize).toBe("number");
    expect(Object.keys(first.thumbnails)).toEqual(
      expect.arrayContaining(["mini", "thul", "webimage"]),
    );
    expect(first.transformBaseUrl).toMatch(
      new RegExp(`^${env.emulator.url}/transform/[0-9a-f-]{36}/[\\w-]+$`),
    );
    const dates = body.map((m: { dateCreated: string }) => m.dateCreated);
    expect([...dates].sort().reverse()).toEqual(dates);
    const media = env.emulator.portal.media.get(first.id)!;
    const mp = env.emulator.portal.metaproperties.find((p) =>
      p.options.some((o) => o.id === media.propertyOptions[0]),
    )!;
    expect(first[`property_${mp.name}`]).toEqual([
      mp.options.find((o) => o.id === media.propertyOptions[0])!.name,
    ]);
  });

  it("answers total=1 with {media, total:{count}} and count=1 with {media, count:{total}}", async () => {
    const total = await call("GET", "/api/v4/media?total=1&limit=5");
    expect(total.body.media).toHaveLength(5);
    expect(total.body.total).toEqual({ count: env.emulator.portal.media.size });
    const count = await call("GET", "/api/v4/media?count=true&total=true&limit=5&type=image");
    const images = allMedia().filter((m) => m.type === "image").length;
    expect(count.body.count.total).toBe(images);
    expect(count.body.count.type).toEqual({ image: images });
    expect(count.body.total).toBeUndefined();
    // The JS SDK always sends count=false: still a plain array.
    const sdk = await call("GET", "/api/v4/media/?count=false&limit=3&page=1&0=x&1=y");
    expect(Array.isArray(sdk.body)).toBe(true);
    expect(sdk.body).toHaveLength(3);
  });

  it("pages with a stable order that never repeats or skips, for every orderBy", async () => {
    for (const orderBy of ["dateCreated desc", "dateModified asc", "name asc", "name desc"]) {
      const seen: string[] = [];
      for (let page = 1; page <= 7; page++) {
        const { body } = await call(
          "GET",
          `/api/v4/media?limit=9&page=${page}&orderBy=${encodeURIComponent(orderBy)}`,
        );
        seen.push(...body.map((m: { id: string }) => m.id));
      }
      expect(seen).toHaveLength(env.emulator.portal.media.size);
      expect(new Set(seen).size).toBe(env.emulator.portal.media.size);
    }
    const { body } = await call("GET", "/api/v4/media?orderBy=name+asc&limit=1000");
    const names = body.map((m: { name: string }) => m.name.toLowerCase());
    expect([...names].sort()).toEqual(names);
  });

  it("rejects a bad orderBy, limit above 1000, page 0 and malformed dates with 400", async () => {
    for (const [query, text] of [
      ["orderBy=size%20desc", "orderBy"],
      ["limit=1001", "1000"],
      ["limit=abc", "limit"],
      ["page=0", "page"],
      ["dateModified=yesterday", "dateModified"],
      ["type=spreadsheet", "type"],
    ]) {
      const { status, body } = await call("GET", `/api/v4/media?${query}`);
      expect(status).toBe(400);
      expect(body.statuscode).toBe(400);
      expect(body.message).toContain(text);
    }
  });

  it("filters by brand, type, ids, tags, keyword, flags, orientation and metaproperties", async () => {
    const media = allMedia();
    const brandId = env.emulator.portal.brands[1].id;
    const byBrand = await call("GET", `/api/v4/media?brandId=${brandId}&limit=1000`);
    expect(byBrand.body.length).toBe(media.filter((m) => m.brandId === brandId).length);

    const types = await call("GET", "/api/v4/media?type=video,audio&limit=1000");
    expect(types.body.every((m: { type: string }) => ["video", "audio"].includes(m.type))).toBe(
      true,
    );
    expect(types.body.length).toBe(media.filter((m) => ["video", "audio"].includes(m.type)).length);

    const [a, b] = media;
    const ids = await call("GET", `/api/v4/media?ids=${a.id},${b.id}`);
    expect(ids.body.map((m: { id: string }) => m.id).sort()).toEqual([a.id, b.id].sort());
    const one = await call("GET", `/api/v4/media?id=${a.id}`);
    expect(one.body.map((m: { id: string }) => m.id)).toEqual([a.id]);

    const tagged = await call("GET", `/api/v4/media?tags=${a.tags.join(",")}&limit=1000`);
    expect(tagged.body.length).toBe(
      media.filter((m) => a.tags.every((t) => m.tags.includes(t))).length,
    );

    const keyword = await call("GET", `/api/v4/media?keyword=${encodeURIComponent(a.name)}`);
    expect(keyword.body.map((m: { id: string }) => m.id)).toContain(a.id);

    const isPublic = await call("GET", "/api/v4/media?isPublic=1&limit=1000");
    expect(isPublic.body.length).toBe(media.filter((m) => m.isPublic === 1).length);
    const notPublic = await call("GET", "/api/v4/media?isPublic=False&limit=1000");
    expect(notPublic.body.length).toBe(media.filter((m) => m.isPublic === 0).length);

    const landscape = await call("GET", "/api/v4/media?orientation=landscape&limit=1000");
    expect(landscape.body.every((m: { width: number; height: number }) => m.width > m.height)).toBe(
      true,
    );

    const mp = env.emulator.portal.metaproperties[0];
    const option = mp.options[0];
    const expected = media.filter((m) => m.propertyOptions.includes(option.id)).length;
    expect(expected).toBeGreaterThan(0);
    for (const value of [option.name, option.id]) {
      const found = await call(
        "GET",
        `/api/v4/media?property_${mp.name}=${encodeURIComponent(value)}&limit=1000`,
      );
      expect(found.body.length).toBe(expected);
    }
    const byOption = await call("GET", `/api/v4/media?propertyOptionId=${option.id}&limit=1000`);
    expect(byOption.body.length).toBe(expected);
    const unknown = await call("GET", `/api/v4/media?property_${mp.name}=Nope`);
    expect(unknown.body).toEqual([]);

    const collection = [...env.emulator.portal.collections.values()][0];
    const inCollection = await call(
      "GET",
      `/api/v4/media?collectionId=${collection.id}&limit=1000`,
    );
    expect(inCollection.body.map((m: { id: string }) => m.id).sort()).toEqual(
      [...collection.mediaIds].sort(),
    );
  });

  it("filters on date bounds at whole seconds, the lower bound included", async () => {
    const media = allMedia().sort((x, y) => x.dateModified - y.dateModified);
    const pivot = media[30];
    const iso = new Date(Math.floor(pivot.dateModified / 1000) * 1000)
      .toISOString()
      .replace(".000Z", "Z");
    const since = await call("GET", `/api/v4/media?dateModified=${iso}&limit=1000`);
    const ids = since.body.map((m: { id: string }) => m.id);
    expect(ids).toContain(pivot.id);
    expect(ids.length).toBe(
      media.filter((m) => Math.floor(m.dateModified / 1000) * 1000 >= Date.parse(iso)).length,
    );
    const until = await call("GET", `/api/v4/media?dateModifiedTo=${iso}&limit=1000`);
    expect(until.body.length + since.body.length).toBeGreaterThanOrEqual(media.length);
    const on = await call("GET", `/api/v4/media?dateCreatedOn=${iso.slice(0, 10)}T00:00:00Z`);
    for (const m of on.body) expect(m.dateCreated.slice(0, 10)).toBe(iso.slice(0, 10));
  });

  it("needs a token with asset:read", async () => {
    const none = await call("GET", "/api/v4/media", { token: false });
    expect(none.status).toBe(401);
    expect(none.text).toBe("Invalid or expired token.");
    const wrong = await call("GET", "/api/v4/media", {
      token: env.emulator.issueToken(["collection:read"]),
    });
    expect(wrong.status).toBe(403);
  });
});

describe("GET /api/v4/media/{id}", () => {
  it("returns one asset, with mediaItems for versions and views/downloads for stats", async () => {
    const media = allMedia()[3];
    const plain = await call("GET", `/api/v4/media/${media.id}/`);
    expect(plain.body.id).toBe(media.id);
    expect(plain.body.mediaItems).toBeUndefined();
    expect(plain.body.views).toBeUndefined();
    const full = await call("GET", `/api/v4/media/${media.id}?versions=1&stats=true`);
    expect(full.body.views).toBe(media.views);
    expect(full.body.downloads).toBe(media.downloads);
    expect(full.body.mediaItems).toEqual([
      expect.objectContaining({ type: "original", version: 1, active: 1, size: media.fileSize }),
    ]);
    expect(full.body.mediaItems[0].id).toMatch(CF_ID);
  });

  it("answers 404 {message, statuscode} for an unknown asset", async () => {
    const { status, body } = await call("GET", "/api/v4/media/00000000-0000-0000-0000000000000000");
    expect(status).toBe(404);
    expect(body).toEqual({ message: "Media not found", statuscode: 404 });
  });
});

describe("POST /api/v4/media/{id}", () => {
  it("modifies fields, replaces tags and metaproperty options, and answers 202", async () => {
    const media = allMedia()[5];
    const mp = env.emulator.portal.metaproperties.find((p) => p.isMultiselect === 1)!;
    env.emulator.portal.now = () => Date.UTC(2030, 0, 2, 3, 4, 5);
    try {
      const response = await call("POST", `/api/v4/media/${media.id}/`, {
        form: {
          name: "Renamed asset",
          description: "New description",
          copyright: "© Test",
          tags: "alpha,Beta",
          [`metaproperty.${mp.id}`]: `${mp.options[0].id},${mp.options[1].id}`,
          datePublished: "2024-05-01T10:00:00Z",
          archive: "true",
          limited: "1",
          isPublic: "1",
        },
      });
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ message: "Accepted", statuscode: 202 });
    } finally {
      env.emulator.portal.now = () => Date.now();
    }
    expect(media).toMatchObject({
      name: "Renamed asset",
      description: "New description",
      copyright: "© Test",
      tags: ["alpha", "Beta"],
      archive: 1,
      limited: 1,
      isPublic: 1,
      datePublished: Date.parse("2024-05-01T10:00:00Z"),
      dateModified: Date.UTC(2030, 0, 2, 3, 4, 5),
    });
    expect(media.propertyOptions).toEqual(
      expect.arrayContaining([mp.options[0].id, mp.options[1].id]),
    );
    const tags = await call("GET", "/api/v4/tags?keyword=beta");
    expect(tags.body).toEqual([expect.objectContaining({ tag: "Beta", mediaCount: 1 })]);
    const { body } = await call("GET", `/api/v4/media/${media.id}`);
    expect(body.transformBaseUrl).toMatch(/\/Renamed-asset$/);
    expect(body[`property_${mp.name}`]).toEqual([mp.options[0].name, mp.options[1].name]);

    const undo = await call("POST", `/api/v4/media/${media.id}`, { form: { isPublic: "0" } });
    expect(undo.status).toBe(400);
  });

  it("takes the id in the body (JS SDK) and rejects empty, unknown and non-form updates", async () => {
    const media = allMedia()[6];
    const sdk = await call("POST", "/api/v4/media/", {
      form: { id: media.id, description: "via SDK" },
    });
    expect(sdk.status).toBe(202);
    expect(media.description).toBe("via SDK");

    const empty = await call("POST", `/api/v4/media/${media.id}`, { form: {} });
    expect(empty.status).toBe(400);
    const noId = await call("POST", "/api/v4/media", { form: { name: "x" } });
    expect(noId.status).toBe(400);
    const unknown = await call("POST", "/api/v4/media/00000000-0000-0000-0000000000000000", {
      form: { name: "x" },
    });
    expect(unknown.status).toBe(404);
    const asJson = await call("POST", `/api/v4/media/${media.id}`, {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(asJson.status).toBe(415);
    const badOption = await call("POST", `/api/v4/media/${media.id}`, {
      form: { [`metaproperty.${env.emulator.portal.metaproperties[0].id}`]: "NOT-AN-OPTION" },
    });
    expect(badOption.status).toBe(400);
    const badBrand = await call("POST", `/api/v4/media/${media.id}`, { form: { brandId: "nope" } });
    expect(badBrand.status).toBe(400);
    expect(media.name).not.toBe("x");
    const writeless = await call("POST", `/api/v4/media/${media.id}`, {
      form: { name: "x" },
      token: env.emulator.issueToken(["asset:read"]),
    });
    expect(writeless.status).toBe(403);
  });
});

describe("POST /api/v4/media/save (the JS SDK's save, which looks like /api/v4/media/:id)", () => {
  it("is the upload routes' save, not a modify of an asset called save", async () => {
    const response = await call("POST", "/api/v4/media/save/", {
      form: { importId: "unknown-import" },
    });
    expect(response.status).toBe(404);
    expect((response.body as { message: string }).message).not.toMatch(/^Accepted/);
    const missing = await call("POST", "/api/v4/media/save", { form: { name: "x" } });
    expect(missing.status).toBe(400);
  });
});

describe("DELETE /api/v4/media/{id} and the trash", () => {
  it("answers 204, moves the asset to the trash, which lists it since dateRemoved", async () => {
    const media = allMedia()[7];
    const before = new Date(Date.now() - 2000).toISOString().replace(/\.\d+Z/, "Z");
    const response = await call("DELETE", `/api/v4/media/${media.id}/`);
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(env.emulator.portal.media.has(media.id)).toBe(false);
    expect((await call("GET", `/api/v4/media/${media.id}`)).status).toBe(404);

    const trash = await call("GET", `/api/trash/media/?dateRemoved=${before}`);
    expect(trash.body).toEqual([
      expect.objectContaining({
        id: media.id,
        name: media.name,
        dateRemoved: expect.stringMatching(/\+00:00$/),
        username: expect.stringContaining("@"),
      }),
    ]);
    const later = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z/, "Z");
    expect((await call("GET", `/api/trash/media?dateRemoved=${later}`)).body).toEqual([]);
    expect((await call("GET", "/api/trash/media?field=media.size")).status).toBe(400);
    const again = await call("DELETE", `/api/v4/media/${media.id}`);
    expect(again.status).toBe(404);
  });

  it("pages the trash (default 10) and sorts it by field and order", async () => {
    for (const m of allMedia().slice(10, 22)) {
      await call("DELETE", `/api/v4/media?id=${m.id}`); // the Java SDK's form
    }
    const first = await call("GET", "/api/trash/media");
    expect(first.body).toHaveLength(10);
    const second = await call("GET", "/api/trash/media?page=2");
    expect(second.body.length).toBeGreaterThanOrEqual(3);
    const byName = await call("GET", "/api/trash/media?field=media.name&order=asc&limit=100");
    const names = byName.body.map((d: { name: string }) => d.name.toLowerCase());
    expect([...names].sort()).toEqual(names);
  });
});

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

describe("tags", () => {
  it("lists tags with media counts, ordered, filtered and paged", async () => {
    const { body } = await call("GET", "/api/v4/tags/?limit=1000");
    const counts = new Map<string, number>();
    for (const m of allMedia()) for (const t of m.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const tag of body) {
      expect(tag.id).toMatch(CF_ID);
      expect(tag.mediaCount).toBe(counts.get(tag.tag) ?? 0);
    }
    const names = body.map((t: { tag: string }) => t.tag.toLowerCase());
    expect([...names].sort()).toEqual(names);
    const byCount = await call("GET", "/api/v4/tags?orderBy=mediaCount%20desc&limit=3");
    expect(byCount.body).toHaveLength(3);
    expect(byCount.body[0].mediaCount).toBeGreaterThanOrEqual(byCount.body[1].mediaCount);
    const min = await call("GET", "/api/v4/tags?mincount=1000");
    expect(min.body).toEqual([]);
    expect((await call("GET", "/api/v4/tags?orderBy=popularity")).status).toBe(400);
  });

  it("adds a tag to assets with data=<JSON ids> and removes it with deleteIds", async () => {
    const tag = [...env.emulator.portal.tags.values()].find((t) => t.tag === "holland")!;
    const targets = allMedia()
      .filter((m) => !m.tags.includes("holland"))
      .slice(0, 2);
    const added = await call("POST", `/api/v4/tags/${tag.id}/media/`, {
      form: { data: JSON.stringify(targets.map((m) => m.id)) },
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ message: "Created", statuscode: 201 });
    for (const m of targets) expect(m.tags).toContain("holland");

    const removed = await call(
      "DELETE",
      `/api/v4/tags/${tag.id}/media/?deleteIds=${targets.map((m) => m.id).join(",")}`,
    );
    expect(removed.status).toBe(204);
    for (const m of targets) expect(m.tags).not.toContain("holland");

    const unknownTag = await call(
      "POST",
      "/api/v4/tags/00000000-0000-0000-0000000000000000/media",
      { form: { data: JSON.stringify([targets[0].id]) } },
    );
    expect(unknownTag.status).toBe(404);
    for (const data of [
      "",
      "not json",
      "[]",
      JSON.stringify(["00000000-0000-0000-0000000000000000"]),
    ]) {
      expect((await call("POST", `/api/v4/tags/${tag.id}/media`, { form: { data } })).status).toBe(
        400,
      );
    }
    expect((await call("DELETE", `/api/v4/tags/${tag.id}/media`)).status).toBe(400);
  });
});

describe("sorted views", () => {
  it("follow changes: a modified asset moves to the top of dateModified desc, a new one appears", async () => {
    const ids = async (query: string) =>
      (await call("GET", `/api/v4/media?${query}`)).body.map(
        (m: { id: string }) => m.id,
      ) as string[];
    await ids("orderBy=dateModified%20desc&limit=1000"); // builds and caches the view
    const target = allMedia()[40];
    env.emulator.portal.now = () => Date.UTC(2040, 0, 1); // later than anything an earlier test set
    let added;
    try {
      const response = await call("POST", `/api/v4/media/${target.id}`, {
        form: { copyright: "changed" },
      });
      expect(response.status).toBe(202);
      added = createMedia(env.emulator.portal, { name: "Brand new" });
    } finally {
      env.emulator.portal.now = () => Date.now();
    }
    expect((await ids("orderBy=dateModified%20desc&limit=1"))[0]).toMatch(
      new RegExp(`^(${target.id}|${added.id})$`),
    );
    expect((await ids("orderBy=dateModified%20desc&limit=2")).sort()).toEqual(
      [target.id, added.id].sort(),
    );
    expect((await ids("orderBy=dateCreated%20desc&limit=1"))[0]).toBe(added.id);
    expect(await ids("orderBy=dateModified%20desc&limit=1000")).toHaveLength(
      env.emulator.portal.media.size,
    );
  });

  it("are rebuilt when a record is swapped for another, and cached JSON follows in-place edits", async () => {
    const portal = env.emulator.portal;
    const list = async () =>
      (await call("GET", "/api/v4/media?orderBy=name%20asc&limit=1000&total=1")).body as {
        media: { id: string; tags: string[] }[];
        total: { count: number };
      };
    const before = await list();
    const victim = portal.media.get(before.media[0].id)!;
    portal.media.delete(victim.id);
    const twin = createMedia(portal, { name: victim.name }); // same size, same sort key
    const after = await list();
    expect(after.total.count).toBe(before.total.count);
    expect(after.media.map((m) => m.id)).toContain(twin.id);
    expect(after.media.map((m) => m.id)).not.toContain(victim.id);

    const edited = portal.media.get(after.media[1].id)!;
    edited.tags = [...edited.tags, "edited-in-place"]; // no touch, same dateModified
    const again = await list();
    expect(again.media.find((m) => m.id === edited.id)!.tags).toContain("edited-in-place");
  });
});
