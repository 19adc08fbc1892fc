import { addCollection, useEmulatorHttp } from "../testing";
import { CF_ID } from "../util";

const env = useEmulatorHttp();
const { call } = env;

const COLDFUSION = /^[A-Z][a-z]+, \d\d \d{4} \d\d:\d\d:\d\d \+0000$/;

const seeded = () => [...env.emulator.portal.collections.values()];
const assetIds = () => [...env.emulator.portal.media.keys()];

const makeCollection = (name = "Scratch", mediaIds: string[] = []) =>
  addCollection(env.emulator.portal, { name, mediaIds });

describe("GET /api/v4/collections", () => {
  it("returns a plain array of Bynder-shaped collections, newest first, 50 by default", async () => {
    const res = await call("GET", "/api/v4/collections/");
    expect(res.status).toBe(200);
    const body = res.body as Record<string, unknown>[];
    expect(Array.isArray(body)).toBe(true);
    expect(body.length).toBe(Math.min(50, env.emulator.portal.collections.size));
    const first = body[0];
    expect(Object.keys(first).sort()).toEqual(
      [
        "IsPublic",
        "collectionCount",
        "cover",
        "dateCreated",
        "dateModified",
        "description",
        "filename",
        "id",
        "link",
        "name",
        "user",
        "userId",
        "views",
      ].sort(),
    );
    expect(first.id).toMatch(CF_ID);
    expect(first.dateCreated).toMatch(COLDFUSION);
    expect(first.dateModified).toMatch(COLDFUSION);
    expect([0, 1]).toContain(first.IsPublic);
    expect(first).not.toHaveProperty("isPublic");
    const created = body.map((c) => Date.parse(c.dateCreated as string));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it("pages with limit and page, and answers {collections, count} with count=true", async () => {
    const all = seeded().length;
    const page2 = (await call("GET", "/api/v4/collections?limit=2&page=2&orderBy=name%20asc"))
      .body as { name: string }[];
    const names = seeded()
      .map((c) => c.name)
      .sort((a, b) => a.localeCompare(b));
    expect(page2.map((c) => c.name)).toEqual(names.slice(2, 4));

    const counted = (await call("GET", "/api/v4/collections?count=1&limit=1")).body as {
      collections: unknown[];
      count: number;
    };
    expect(counted.collections).toHaveLength(1);
    expect(counted.count).toBe(all);
    const notCounted = (await call("GET", "/api/v4/collections?count=false")).body;
    expect(Array.isArray(notCounted)).toBe(true);
  });

  it("filters by ids (csv or repeated), keyword, isPublic and minCount; ignores unknown params", async () => {
    const [a, b] = seeded();
    const csv = (await call("GET", `/api/v4/collections?ids=${a.id},${b.id.toLowerCase()}&junk=1`))
      .body as { id: string }[];
    expect(csv.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    const repeated = (await call("GET", `/api/v4/collections?ids=${a.id}&ids=${b.id}`)).body as {
      id: string;
    }[];
    expect(repeated).toHaveLength(2);

    const keyword = (
      await call("GET", `/api/v4/collections?keyword=${encodeURIComponent("brand ESSENTIALS")}`)
    ).body as { name: string }[];
    expect(keyword.map((c) => c.name)).toEqual(["Brand Essentials"]);

    const publicOnly = (await call("GET", "/api/v4/collections?isPublic=true")).body as {
      IsPublic: number;
    }[];
    expect(publicOnly.length).toBe(seeded().filter((c) => c.isPublic === 1).length);
    expect(publicOnly.every((c) => c.IsPublic === 1)).toBe(true);

    const big = (await call("GET", "/api/v4/collections?minCount=7")).body as {
      collectionCount: number;
    }[];
    expect(big.length).toBeGreaterThan(0);
    expect(big.every((c) => c.collectionCount >= 7)).toBe(true);
  });

  it("rejects bad paging, ordering and booleans with 400", async () => {
    for (const query of [
      "limit=0",
      "limit=1001",
      "page=0",
      "limit=abc",
      "orderBy=size",
      "count=maybe",
    ]) {
      const res = await call("GET", `/api/v4/collections?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statuscode: 400 });
    }
  });

  it("needs a token with collection:read", async () => {
    const res = await call("GET", "/api/v4/collections", { token: "nope" });
    expect(res.status).toBe(401);
    expect(res.text).toBe("Invalid or expired token.");
    const noScope = await call("GET", "/api/v4/collections", {
      token: env.emulator.issueToken(["asset:read"]),
    });
    expect(noScope.status).toBe(403);
  });
});

describe("GET /api/v4/collections/:id", () => {
  it("returns the collection with owner, count and cover", async () => {
    const collection = seeded()[1];
    const res = await call("GET", `/api/v4/collections/${collection.id}/`);
    expect(res.status).toBe(200);
    const body = res.body as Record<string, unknown> & {
      dateCreated: string;
      cover: { thumbnail: string; thumbnails: string[]; large: string };
      link: string;
    };
    const owner = env.emulator.portal.users.get(collection.userId)!;
    expect(body).toMatchObject({
      id: collection.id,
      name: collection.name,
      description: collection.description,
      userId: collection.userId,
      user: { id: owner.id, name: `${owner.firstname} ${owner.lastname}` },
      collectionCount: collection.mediaIds.length,
      IsPublic: collection.isPublic,
      views: collection.views,
    });
    expect(new Date(body.dateCreated).getTime()).toBe(
      Math.floor(collection.dateCreated / 1000) * 1000,
    );
    expect(body.cover.thumbnail.startsWith(`${env.emulator.url}/m/`)).toBe(true);
    expect(body.cover.thumbnails).toHaveLength(3);
    expect(body.cover.large).toContain("/webimage-");
    expect(body.link).toContain(collection.id);
  });

  it("accepts a lower-case id and answers 404 for an unknown one", async () => {
    const collection = seeded()[0];
    expect((await call("GET", `/api/v4/collections/${collection.id.toLowerCase()}`)).status).toBe(
      200,
    );
    const res = await call("GET", "/api/v4/collections/00000000-0000-0000-0000000000000000");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: "Collection not found", statuscode: 404 });
  });
});

describe("POST /api/v4/collections", () => {
  it("creates a collection: 201 Created, Location names it, owned by the token's user", async () => {
    env.emulator.portal.now = () => Date.UTC(2025, 4, 6, 7, 8, 9);
    try {
      const res = await call("POST", "/api/v4/collections/", {
        form: { name: "Launch kit", description: "For the launch" },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ message: "Created", statuscode: 201 });
      const location = res.headers.get("location")!;
      const match = /\/api\/v4\/collections\/([^/]+)\/$/.exec(location);
      expect(location.startsWith(env.emulator.url)).toBe(true);
      const id = match![1];
      expect(id).toMatch(CF_ID);
      const got = (await call("GET", new URL(location).pathname)).body as Record<string, unknown>;
      expect(got).toMatchObject({
        id,
        name: "Launch kit",
        description: "For the launch",
        userId: env.emulator.portal.defaultUserId(),
        collectionCount: 0,
        IsPublic: 0,
        dateCreated: "May, 06 2025 07:08:09 +0000",
        dateModified: "May, 06 2025 07:08:09 +0000",
        cover: { thumbnail: "", thumbnails: [], large: "" },
      });
    } finally {
      env.emulator.portal.now = () => Date.now();
    }
  });

  it("400s without a name and refuses a JSON body", async () => {
    const res = await call("POST", "/api/v4/collections", { form: { description: "x" } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: "Collection name can't be empty",
      statuscode: 400,
    });
    expect((await call("POST", "/api/v4/collections", { form: { name: "  " } })).status).toBe(400);
    const jsonBody = await call("POST", "/api/v4/collections", {
      body: JSON.stringify({ name: "x" }),
      headers: { "Content-Type": "application/json" },
    });
    expect(jsonBody.status).toBe(415);
    expect(
      await call("POST", "/api/v4/collections", {
        form: { name: "x" },
        token: env.emulator.issueToken(["collection:read"]),
      }),
    ).toHaveProperty("status", 403);
  });
});

describe("POST /api/v4/collections/:id", () => {
  it("modifies name, description, visibility and cover; 201 Created; dateModified moves", async () => {
    const collection = makeCollection("Before", assetIds().slice(0, 2));
    const cover = assetIds()[10];
    env.emulator.portal.now = () => Date.UTC(2025, 0, 2, 3, 4, 5);
    try {
      const res = await call("POST", `/api/v4/collections/${collection.id}/`, {
        form: { name: "After", description: "New", isPublic: "True", thumbnailAssetId: cover },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ message: "Created", statuscode: 201 });
    } finally {
      env.emulator.portal.now = () => Date.now();
    }
    expect(collection).toMatchObject({ name: "After", description: "New", isPublic: 1 });
    expect(collection.thumbnailAssetId).toBe(cover);
    expect(collection.dateModified).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    const got = (await call("GET", `/api/v4/collections/${collection.id}`)).body as {
      IsPublic: number;
      cover: { thumbnail: string };
    };
    expect(got.IsPublic).toBe(1);
    expect(got.cover.thumbnail).toContain(env.emulator.portal.media.get(cover)!.idHash);

    await call("POST", `/api/v4/collections/${collection.id}`, { form: { isPublic: "0" } });
    expect(collection.isPublic).toBe(0);
    expect(collection.name).toBe("After"); // fields not sent are kept
  });

  it("rejects an empty name, a bad boolean, an unknown cover asset and an unknown collection", async () => {
    const collection = makeCollection();
    const post = (form: Record<string, string>, id = collection.id) =>
      call("POST", `/api/v4/collections/${id}`, { form });
    expect((await post({ name: "" })).status).toBe(400);
    expect((await post({ isPublic: "perhaps" })).status).toBe(400);
    expect((await post({ thumbnailAssetId: "00000000-0000-0000-0000000000000000" })).status).toBe(
      400,
    );
    const missing = await post({ name: "x" }, "00000000-0000-0000-0000000000000000");
    expect(missing.status).toBe(404);
    expect(collection.name).toBe("Scratch");
  });
});

describe("DELETE /api/v4/collections", () => {
  it("deletes by path id (204, empty body) and 404s after", async () => {
    const collection = makeCollection();
    const res = await call("DELETE", `/api/v4/collections/${collection.id}/`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(env.emulator.portal.collections.has(collection.id)).toBe(false);
    expect((await call("DELETE", `/api/v4/collections/${collection.id}`)).status).toBe(404);
  });

  it("deletes with ?id= like the Java SDK, and 400s without an id", async () => {
    const collection = makeCollection();
    expect((await call("DELETE", `/api/v4/collections/?id=${collection.id}`)).status).toBe(204);
    expect(env.emulator.portal.collections.has(collection.id)).toBe(false);
    expect((await call("DELETE", "/api/v4/collections")).status).toBe(400);
  });
});

describe("POST /api/v4/collections/:id/share", () => {
  it("shares with recipients, groups and profiles: 202 accepted, recorded, dateModified moves", async () => {
    const collection = makeCollection();
    const profile = env.emulator.portal.profiles[1].id;
    const res = await call("POST", `/api/v4/collections/${collection.id}/share/`, {
      form: {
        recipients: "a@example.com,b@example.com",
        profiles: profile,
        collectionOptions: "edit",
        loginRequired: "1",
        sendMail: "false",
        dateStart: "2025-01-01T00:00:00Z",
        dateEnd: "2025-02-01T00:00:00Z",
        message: "Have a look",
      },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ message: "accepted", statuscode: 202 });
    expect(collection.shares).toEqual([
      expect.objectContaining({
        recipients: ["a@example.com", "b@example.com"],
        groups: [],
        profiles: [profile],
        collectionOptions: "edit",
        loginRequired: true,
        sendMail: false,
        dateStart: Date.UTC(2025, 0, 1),
        dateEnd: Date.UTC(2025, 1, 1),
        message: "Have a look",
      }),
    ]);
    expect(collection.dateModified).toBeGreaterThan(Date.UTC(2024, 0, 1));
  });

  it("accepts every documented collectionOptions value and groups alone", async () => {
    const collection = makeCollection();
    for (const option of ["view", "edit", "readOnly", "readAccess"]) {
      const res = await call("POST", `/api/v4/collections/${collection.id}/share`, {
        form: { groups: "G1", collectionOptions: option },
      });
      expect(res.status).toBe(202);
    }
  });

  it("400s without any recipient, group or profile, and on bad values", async () => {
    const collection = makeCollection();
    const share = (form: Record<string, string>) =>
      call("POST", `/api/v4/collections/${collection.id}/share`, { form });
    const none = await share({ collectionOptions: "view", recipients: " , " });
    expect(none.status).toBe(400);
    expect(none.body).toEqual({
      message: "Recipients, groups or profiles must contain at least one entry",
      statuscode: 400,
    });
    expect((await share({ recipients: "a@example.com" })).status).toBe(400);
    expect((await share({ recipients: "a@example.com", collectionOptions: "own" })).status).toBe(
      400,
    );
    expect((await share({ recipients: "not-an-email", collectionOptions: "view" })).status).toBe(
      400,
    );
    expect((await share({ profiles: "NOPE", collectionOptions: "view" })).status).toBe(400);
    expect(
      (await share({ recipients: "a@example.com", collectionOptions: "view", dateStart: "soon" }))
        .status,
    ).toBe(400);
    expect(collection.shares).toHaveLength(0);
    const unknown = await call(
      "POST",
      "/api/v4/collections/00000000-0000-0000-0000000000000000/share",
      {
        form: { recipients: "a@example.com", collectionOptions: "view" },
      },
    );
    expect(unknown.status).toBe(404);
  });
});

describe("/api/v4/collections/:id/media", () => {
  it("lists the collection's asset ids", async () => {
    const ids = assetIds().slice(3, 6);
    const collection = makeCollection("Media", ids);
    const res = await call("GET", `/api/v4/collections/${collection.id}/media/`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(ids);
    expect(
      (await call("GET", "/api/v4/collections/00000000-0000-0000-0000000000000000/media")).status,
    ).toBe(404);
  });

  it("adds assets from a JSON array in data= (202, no duplicates) and removes with deleteIds (204)", async () => {
    const [a, b, c] = assetIds().slice(20, 23);
    const collection = makeCollection("Media", [a]);
    const add = await call("POST", `/api/v4/collections/${collection.id}/media/`, {
      form: { data: JSON.stringify([a, b.toLowerCase(), c]) },
    });
    expect(add.status).toBe(202);
    expect(add.body).toEqual({ message: "Accepted", statuscode: 202 });
    expect(collection.mediaIds).toEqual([a, b, c]);
    expect(collection.dateModified).toBeGreaterThan(Date.UTC(2024, 0, 1));

    collection.dateModified = 0;
    const remove = await call(
      "DELETE",
      `/api/v4/collections/${collection.id}/media/?deleteIds=${a},${c}`,
    );
    expect(remove.status).toBe(204);
    expect(collection.mediaIds).toEqual([b]);
    expect(collection.dateModified).toBeGreaterThan(0);
    const repeated = await call(
      "DELETE",
      `/api/v4/collections/${collection.id}/media?deleteIds=${b}&deleteIds=${a}`,
    );
    expect(repeated.status).toBe(204);
    expect(collection.mediaIds).toEqual([]);
  });

  it("rejects missing or malformed data, unknown assets and a missing deleteIds", async () => {
    const collection = makeCollection();
    const add = (form: Record<string, string>) =>
      call("POST", `/api/v4/collections/${collection.id}/media`, { form });
    expect((await add({})).status).toBe(400);
    expect((await add({ data: "not json" })).status).toBe(400);
    expect((await add({ data: "{}" })).status).toBe(400);
    expect((await add({ data: "[]" })).status).toBe(400);
    const unknown = await add({
      data: JSON.stringify([assetIds()[0], "00000000-0000-0000-0000000000000000"]),
    });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { message: string }).message).toContain(
      "00000000-0000-0000-0000000000000000",
    );
    expect(collection.mediaIds).toEqual([]); // nothing added when one id is bad
    expect((await call("DELETE", `/api/v4/collections/${collection.id}/media`)).status).toBe(400);
    const otherCollection = await call(
      "POST",
      "/api/v4/collections/00000000-0000-0000-0000000000000000/media",
      {
        form: { data: JSON.stringify([assetIds()[0]]) },
      },
    );
    expect(otherCollection.status).toBe(404);
  });
});
