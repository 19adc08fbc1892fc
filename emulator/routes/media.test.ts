import { createMedia } from "../media";
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
