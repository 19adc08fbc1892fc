import { addCollection } from "../../emulator/testing";
import {
  expectSameShape,
  expectSameShapeWhereFilled,
  harness,
  useEmulator,
} from "../../test/support";
import component from "..";
import {
  collection as collectionPayload,
  collectionList,
  createdCollection,
} from "../examplePayloads/collections";

const env = useEmulator();

const UNKNOWN = "00000000-0000-0000-0000000000000000";
const portal = () => env.emulator.portal;
const collections = () => [...portal().collections.values()];
const assetIds = () => [...portal().media.keys()];
const run = (key: string, params: Record<string, unknown> = {}) =>
  harness.action(key, { connection: env.connection, ...params });

const makeCollection = (name = "Scratch", mediaIds: string[] = []) =>
  addCollection(portal(), { name, description: "Before", mediaIds });

const expectNoRequest = () => expect(env.emulator.requests).toHaveLength(0);

describe("createCollection", () => {
  it("posts name and description as a form and returns Bynder's body plus the new id", async () => {
    const result = (await run("createCollection", {
      name: " Spring kit ",
      description: "Visuals for spring",
    })) as { data: { id: string; message: string; statuscode: number } };
    const [request] = env.emulator.requestsTo("/api/v4/collections", "POST");
    expect(request.path).toBe("/api/v4/collections");
    expect(request.contentType).toBe("application/x-www-form-urlencoded");
    expect(request.form).toEqual({ name: ["Spring kit"], description: ["Visuals for spring"] });
    expect(result.data.message).toBe("Created");
    expect(result.data.statuscode).toBe(201);
    const created = portal().collections.get(result.data.id)!;
    expect(created).toMatchObject({ name: "Spring kit", description: "Visuals for spring" });
    expectSameShape(result.data, createdCollection);
  });

  it("leaves an empty description out, and fails before any request without a name", async () => {
    await run("createCollection", { name: "Only a name", description: "" });
    expect(env.emulator.requestsTo("/api/v4/collections", "POST")[0].form).toEqual({
      name: ["Only a name"],
    });
    env.emulator.clearLog();
    await expect(run("createCollection", { name: "  " })).rejects.toThrow(/^Collection Name/);
    expectNoRequest();
  });
});

describe("getCollection", () => {
  it("returns Bynder's collection, shaped like the example payload", async () => {
    const collection = collections()[1];
    const result = (await run("getCollection", { id: collection.id })) as {
      data: Record<string, unknown>;
    };
    expect(env.emulator.requestsTo(`/api/v4/collections/${collection.id}`, "GET")).toHaveLength(1);
    expect(result.data).toMatchObject({
      id: collection.id,
      name: collection.name,
      IsPublic: collection.isPublic,
    });
    expectSameShape(result.data, collectionPayload);
  });

  it("passes Bynder's 404 message on, and rejects a malformed id before any request", async () => {
    await expect(run("getCollection", { id: UNKNOWN })).rejects.toThrow(
      `Bynder GET /api/v4/collections/${UNKNOWN}/ failed with HTTP 404: Collection not found`,
    );
    env.emulator.clearLog();
    await expect(run("getCollection", { id: "abc/../x" })).rejects.toThrow(
      /^Collection ID must be/,
    );
    await expect(run("getCollection", { id: "" })).rejects.toThrow("Collection ID is required.");
    expectNoRequest();
  });
});

describe("listCollections", () => {
  it("without Fetch All returns Bynder's list and sends only what is set", async () => {
    const result = (await run("listCollections")) as { data: unknown[] };
    const [request] = env.emulator.requestsTo("/api/v4/collections", "GET");
    expect(request.query).toEqual({});
    expect(result.data).toHaveLength(collections().length);
    // Seeded covers may have no thumbnails, so empty arrays match any array here.
    expectSameShapeWhereFilled(result.data, collectionList);
  });

  it("sends page, limit, count and the Extra Parameters; Count gives { collections, count }", async () => {
    const result = (await run("listCollections", {
      page: "2",
      limit: "2",
      count: "true",
      extraParams: [
        { key: "orderBy", value: "name asc" },
        { key: "keyword", value: "collection" },
      ],
    })) as { data: { collections: { name: string }[]; count: number } };
    const [request] = env.emulator.requestsTo("/api/v4/collections", "GET");
    expect(request.query).toEqual({
      page: ["2"],
      limit: ["2"],
      count: ["true"],
      orderBy: ["name asc"],
      keyword: ["collection"],
    });
    const names = collections()
      .filter((c) => `${c.name} ${c.description}`.toLowerCase().includes("collection"))
      .map((c) => c.name)
      .sort((a, b) => a.localeCompare(b));
    expect(result.data.collections.map((c) => c.name)).toEqual(names.slice(2, 4));
    expect(result.data.count).toBe(names.length);
  });

  it("with Fetch All reads 1000 at a time with count=true and returns { collections, count }", async () => {
    const extra = Array.from({ length: 1003 }, (_, i) => makeCollection(`Bulk ${i}`));
    try {
      const result = (await run("listCollections", {
        fetchAll: "true",
        page: "7",
        limit: "5",
      })) as { data: { collections: { id: string }[]; count: number } };
      const requests = env.emulator.requestsTo("/api/v4/collections", "GET");
      expect(requests.map((r) => r.query)).toEqual([
        { page: ["1"], limit: ["1000"], count: ["true"] },
        { page: ["2"], limit: ["1000"], count: ["true"] },
      ]);
      expect(result.data.count).toBe(collections().length);
      expect(new Set(result.data.collections.map((c) => c.id))).toEqual(
        new Set(collections().map((c) => c.id)),
      );
    } finally {
      for (const c of extra) portal().collections.delete(c.id);
    }
  });

  it("rejects an out-of-range Limit and a non-number Page before any request", async () => {
    await expect(run("listCollections", { limit: "1001" })).rejects.toThrow(
      "Limit must be between 1 and 1000; got 1001.",
    );
    await expect(run("listCollections", { page: "two" })).rejects.toThrow(
      /^Page must be a whole number/,
    );
    expectNoRequest();
  });
});

describe("updateCollection", () => {
  it("sends only the fields that are set; Is Public left empty is not sent", async () => {
    const collection = makeCollection("Old", assetIds().slice(0, 2));
    await run("updateCollection", { id: collection.id, name: "New name", description: "" });
    const [request] = env.emulator.requestsTo(`/api/v4/collections/${collection.id}`, "POST");
    expect(request.form).toEqual({ name: ["New name"] });
    expect(collection).toMatchObject({ name: "New name", description: "Before", isPublic: 0 });
  });

  it("declares Is Public without a default, so an edit never changes visibility by itself", () => {
    const { actions } = component as unknown as {
      actions: Record<string, { inputs: { key: string; type: string; default?: unknown }[] }>;
    };
    const input = actions.updateCollection.inputs.find((i) => i.key === "isPublic")!;
    expect(input.type).toBe("string"); // a boolean input would get spectral's default "false"
    expect(input.default ?? "").toBe("");
  });

  it("sets visibility and cover when asked, and returns Bynder's 201 body", async () => {
    const collection = makeCollection("Vis", assetIds().slice(0, 2));
    const result = await run("updateCollection", {
      id: collection.id,
      isPublic: "true",
      thumbnailAssetId: assetIds()[1],
    });
    expect(result).toEqual({ data: { message: "Created", statuscode: 201 } });
    expect(env.emulator.requestsTo(`/api/v4/collections/${collection.id}`, "POST")[0].form).toEqual(
      {
        isPublic: ["true"],
        thumbnailAssetId: [assetIds()[1]],
      },
    );
    expect(collection.isPublic).toBe(1);
    await run("updateCollection", { id: collection.id, isPublic: "false" });
    expect(collection.isPublic).toBe(0);
  });

  it("fails on a bad Is Public or Thumbnail Asset ID before any request; 404 for an unknown collection", async () => {
    await expect(run("updateCollection", { id: UNKNOWN, isPublic: "sometimes" })).rejects.toThrow(
      /^Is Public must be true or false/,
    );
    await expect(
      run("updateCollection", { id: UNKNOWN, thumbnailAssetId: "nope" }),
    ).rejects.toThrow(/^Thumbnail Asset ID must be/);
    expectNoRequest();
    await expect(run("updateCollection", { id: UNKNOWN, name: "x" })).rejects.toThrow(
      "HTTP 404: Collection not found",
    );
  });
});

describe("deleteCollection", () => {
  it("sends DELETE and returns Bynder's empty 204 body", async () => {
    const collection = makeCollection();
    expect(await run("deleteCollection", { id: collection.id })).toEqual({ data: "" });
    expect(env.emulator.requestsTo(`/api/v4/collections/${collection.id}`, "DELETE")).toHaveLength(
      1,
    );
    expect(portal().collections.has(collection.id)).toBe(false);
    await expect(run("deleteCollection", { id: collection.id })).rejects.toThrow(
      "HTTP 404: Collection not found",
    );
  });
});

describe("shareCollection", () => {
  it("posts the options, csv lists and Data fields as one form", async () => {
    const collection = makeCollection();
    const profile = portal().profiles[1].id;
    const result = await run("shareCollection", {
      id: collection.id,
      collectionOptions: "edit",
      recipients: "a@example.com, b@example.com",
      profiles: profile,
      bodyData: JSON.stringify({ sendMail: true, message: "Look", loginRequired: false }),
    });
    expect(result).toEqual({ data: { message: "accepted", statuscode: 202 } });
    const [request] = env.emulator.requestsTo(`/api/v4/collections/${collection.id}/share`, "POST");
    expect(request.form).toEqual({
      collectionOptions: ["edit"],
      recipients: ["a@example.com,b@example.com"],
      profiles: [profile],
      sendMail: ["true"],
      message: ["Look"],
      loginRequired: ["false"],
    });
    expect(collection.shares[0]).toMatchObject({
      recipients: ["a@example.com", "b@example.com"],
      profiles: [profile],
      collectionOptions: "edit",
      sendMail: true,
      message: "Look",
    });
  });

  it("accepts recipients given only in Data", async () => {
    const collection = makeCollection();
    await run("shareCollection", {
      id: collection.id,
      collectionOptions: "view",
      bodyData: JSON.stringify({ groups: "G-1" }),
    });
    expect(collection.shares[0]).toMatchObject({ groups: ["G-1"], collectionOptions: "view" });
  });

  it("needs one of Recipients, Groups or Profiles, checked before any request", async () => {
    const collection = makeCollection();
    await expect(
      run("shareCollection", { id: collection.id, collectionOptions: "view", recipients: " , " }),
    ).rejects.toThrow(/^Recipients, Groups or Profiles: give at least one/);
    await expect(
      run("shareCollection", {
        id: collection.id,
        collectionOptions: "owner",
        recipients: "a@example.com",
      }),
    ).rejects.toThrow(/^Collection Options must be one of/);
    await expect(
      run("shareCollection", {
        id: collection.id,
        collectionOptions: "view",
        recipients: "not-an-email",
      }),
    ).rejects.toThrow(/^Recipients: "not-an-email" is not an email address/);
    await expect(
      run("shareCollection", {
        id: collection.id,
        collectionOptions: "view",
        recipients: "a@example.com",
        bodyData: "{ sendMail: yes",
      }),
    ).rejects.toThrow(/^Data must be valid JSON/);
    expectNoRequest();
    expect(collection.shares).toHaveLength(0);
  });
});

describe("collection assets", () => {
  it("listCollectionAssets returns the asset ids", async () => {
    const ids = assetIds().slice(5, 8);
    const collection = makeCollection("Media", ids);
    expect(await run("listCollectionAssets", { id: collection.id })).toEqual({ data: ids });
    expect(
      env.emulator.requestsTo(`/api/v4/collections/${collection.id}/media`, "GET"),
    ).toHaveLength(1);
    await expect(run("listCollectionAssets", { id: UNKNOWN })).rejects.toThrow(
      "HTTP 404: Collection not found",
    );
  });

  it("addAssetsToCollection sends the ids as a JSON array in data=", async () => {
    const [a, b] = assetIds().slice(10, 12);
    const collection = makeCollection();
    const result = await run("addAssetsToCollection", { id: collection.id, assetIds: [a, b] });
    expect(result).toEqual({ data: { message: "Accepted", statuscode: 202 } });
    const [request] = env.emulator.requestsTo(`/api/v4/collections/${collection.id}/media`, "POST");
    expect(request.form).toEqual({ data: [JSON.stringify([a, b])] });
    expect(collection.mediaIds).toEqual([a, b]);
  });

  it("passes Bynder's message on for unknown assets; malformed ids fail before any request", async () => {
    const collection = makeCollection();
    await expect(
      run("addAssetsToCollection", { id: collection.id, assetIds: `${assetIds()[0]},${UNKNOWN}` }),
    ).rejects.toThrow(`HTTP 400: Assets not found: ${UNKNOWN}`);
    env.emulator.clearLog();
    await expect(
      run("addAssetsToCollection", { id: collection.id, assetIds: ["bad id"] }),
    ).rejects.toThrow(/^Asset IDs must be/);
    await expect(run("addAssetsToCollection", { id: collection.id, assetIds: [] })).rejects.toThrow(
      /^Asset IDs is required/,
    );
    expectNoRequest();
  });

  it("removeAssetsFromCollection sends deleteIds as csv and returns the empty 204 body", async () => {
    const [a, b, c] = assetIds().slice(12, 15);
    const collection = makeCollection("Media", [a, b, c]);
    expect(
      await run("removeAssetsFromCollection", { id: collection.id, assetIds: [a, c] }),
    ).toEqual({
      data: "",
    });
    const [request] = env.emulator.requestsTo(
      `/api/v4/collections/${collection.id}/media`,
      "DELETE",
    );
    expect(request.query).toEqual({ deleteIds: [`${a},${c}`] });
    expect(collection.mediaIds).toEqual([b]);
  });
});
