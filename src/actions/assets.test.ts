import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { imageSize } from "../../emulator/images";
import { errorOf, expectSameShape, harness, useEmulator } from "../../test/support";
import {
  asset as assetExample,
  deletedAssets as deletedExample,
  tagList as tagExample,
} from "../examplePayloads/assets";

const env = useEmulator({ seed: { assets: 2300 } });

const MISSING = "00000000-0000-0000-0000000000000000";
const media = () => [...env.emulator.portal.media.values()];
const run = (key: string, params: Record<string, unknown> = {}) =>
  harness.action(key, { connection: env.connection, ...params }) as Promise<{
    data: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- results are checked field by field
    contentType?: string;
    headers?: Record<string, string>;
  }>;
const failure = (key: string, params: Record<string, unknown>) => errorOf(run(key, params));
/** An asset without its `property_<name>` fields, which depend on the portal's metaproperties. */
const withoutProperties = (asset: object) =>
  Object.fromEntries(Object.entries(asset).filter(([key]) => !key.startsWith("property_")));

describe("getAsset", () => {
  it("GETs /api/v4/media/{id}/ and returns Bynder's asset", async () => {
    const target = media()[0];
    const { data } = await run("getAsset", { id: target.id });
    expect(data.id).toBe(target.id);
    expectSameShape(withoutProperties(data), withoutProperties(assetExample));
    const [request] = env.emulator.requestsTo("/api/v4/media", "GET");
    expect(request.path).toBe(`/api/v4/media/${target.id}`);
    expect(request.query).toEqual({});
  });

  it("sends versions and stats when on", async () => {
    const target = media()[1];
    const { data } = await run("getAsset", { id: target.id, versions: true, stats: "true" });
    expect(env.emulator.requests[0].query).toEqual({ versions: ["true"], stats: ["true"] });
    expect(data.mediaItems).toHaveLength(1);
    expect(data.views).toBe(target.views);
  });

  it("passes Bynder's 404 message on", async () => {
    const error = await failure("getAsset", { id: MISSING });
    expect(error.message).toContain("HTTP 404: Media not found");
  });

  it("refuses a malformed id before any request", async () => {
    const error = await failure("getAsset", { id: "not-an-id" });
    expect(error.message).toMatch(/^ID must be/);
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("listAssets", () => {
  it("without Fetch All returns Bynder's body as it is, with the paging inputs and extra parameters", async () => {
    const { data } = await run("listAssets", {
      page: "2",
      limit: "5",
      total: true,
      extraParams: [{ key: "type", value: "image" }],
    });
    const images = media().filter((m) => m.type === "image").length;
    expect(data.total).toEqual({ count: images });
    expect(data.media).toHaveLength(5);
    const [request] = env.emulator.requestsTo("/api/v4/media");
    expect(request.query).toEqual({
      type: ["image"],
      page: ["2"],
      limit: ["5"],
      total: ["true"],
    });
  });

  it("by default is a plain list of 50 and sends no query at all", async () => {
    const { data } = await run("listAssets");
    expect(Array.isArray(data)).toBe(true);
    expect(data).toHaveLength(50);
    expect(env.emulator.requests[0].query).toEqual({});
  });

  it("with Fetch All reads every page of 1000 with total=1 and returns { media, total }", async () => {
    const { data } = await run("listAssets", {
      fetchAll: true,
      limit: "7",
      extraParams: [{ key: "orderBy", value: "name asc" }],
    });
    const all = media();
    expect(data.total).toEqual({ count: all.length });
    expect(data.media).toHaveLength(all.length);
    expect(new Set(data.media.map((m: { id: string }) => m.id)).size).toBe(all.length);
    const names = data.media.map((m: { name: string }) => m.name.toLowerCase());
    expect([...names].sort()).toEqual(names);
    const requests = env.emulator.requestsTo("/api/v4/media");
    expect(requests.map((r) => r.query.page[0]).sort()).toEqual(["1", "2", "3"]);
    for (const r of requests) {
      expect(r.query).toMatchObject({ limit: ["1000"], total: ["1"], orderBy: ["name asc"] });
      expect(r.query.fetchAll).toBeUndefined();
    }
  });

  it("refuses a Limit above 1000 before any request", async () => {
    const error = await failure("listAssets", { limit: "5000" });
    expect(error.message).toMatch(/^Limit must be between 1 and 1000/);
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("searchAssets", () => {
  it("sends each filter the way Bynder takes it and returns { media, total }", async () => {
    const sample = media()[3];
    const mp = env.emulator.portal.metaproperties[0];
    const { data } = await run("searchAssets", {
      keyword: "  ",
      brandId: sample.brandId,
      tags: [sample.tags[0]],
      type: ["image", "video"],
      propertyOptionId: [mp.options[0].id],
      dateModified: "2020-01-01T00:00:00.000Z",
      orderBy: "dateModified desc",
      limit: "3",
    });
    const [request] = env.emulator.requestsTo("/api/v4/media");
    expect(request.query).toEqual({
      brandId: [sample.brandId],
      tags: [sample.tags[0]],
      type: ["image,video"],
      propertyOptionId: [mp.options[0].id],
      dateModified: ["2020-01-01T00:00:00Z"],
      orderBy: ["dateModified desc"],
      limit: ["3"],
      total: ["1"],
    });
    const expected = media().filter(
      (m) =>
        m.brandId === sample.brandId &&
        m.tags.includes(sample.tags[0]) &&
        ["image", "video"].includes(m.type) &&
        m.propertyOptions.includes(mp.options[0].id),
    );
    expect(data.total.count).toBe(expected.length);
    expect(data.media.length).toBe(Math.min(3, expected.length));
  });

  it("with Fetch All returns every match", async () => {
    const { data } = await run("searchAssets", { type: ["audio"], fetchAll: true });
    expect(data.media).toHaveLength(media().filter((m) => m.type === "audio").length);
    expect(data.total.count).toBe(data.media.length);
  });

  it("refuses an unknown type, a bad date and a bad order before any request", async () => {
    for (const [params, label] of [
      [{ type: ["spreadsheet"] }, "Type"],
      [{ dateModified: "last tuesday" }, "Date Modified After"],
      [{ orderBy: "size desc" }, "Order By"],
      [{ brandId: "acme" }, "Brand ID"],
    ] as const) {
      const error = await failure("searchAssets", params);
      expect(error.message.startsWith(label)).toBe(true);
    }
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("updateAsset", () => {
  it("POSTs a form with the named fields, the Data fields and metaproperty.<id>", async () => {
    const target = media()[10];
    const mp = env.emulator.portal.metaproperties.find((p) => p.isMultiselect === 1)!;
    const { data } = await run("updateAsset", {
      id: target.id,
      name: "New name",
      description: "",
      copyright: "© Acme",
      bodyData: JSON.stringify({
        tags: ["one", "two"],
        limited: true,
        name: "ignored: the Name input wins",
        metaproperty: { [mp.id]: [mp.options[0].id, mp.options[2].id] },
      }),
    });
    expect(data).toEqual({ message: "Accepted", statuscode: 202 });
    const [request] = env.emulator.requestsTo("/api/v4/media", "POST");
    expect(request.path).toBe(`/api/v4/media/${target.id}`);
    expect(request.contentType).toBe("application/x-www-form-urlencoded");
    expect(request.form).toEqual({
      tags: ["one,two"],
      limited: ["true"],
      name: ["New name"],
      copyright: ["© Acme"],
      [`metaproperty.${mp.id}`]: [`${mp.options[0].id},${mp.options[2].id}`],
    });
    expect(target).toMatchObject({ name: "New name", tags: ["one", "two"], limited: 1 });
    expect(target.propertyOptions).toEqual(
      expect.arrayContaining([mp.options[0].id, mp.options[2].id]),
    );
  });

  it("refuses an update with nothing in it, and invalid Data, before any request", async () => {
    const target = media()[11];
    const empty = await failure("updateAsset", { id: target.id, name: "  " });
    expect(empty.message).toContain("nothing to change");
    const badJson = await failure("updateAsset", { id: target.id, bodyData: "{oops" });
    expect(badJson.message).toMatch(/^Data must be valid JSON/);
    const badMeta = await failure("updateAsset", {
      id: target.id,
      bodyData: '{"metaproperty": ["x"]}',
    });
    expect(badMeta.message).toMatch(/^Data: "metaproperty" must be an object/);
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("passes Bynder's 404 message on", async () => {
    const error = await failure("updateAsset", { id: MISSING, name: "x" });
    expect(error.message).toContain("HTTP 404: Media not found");
  });
});

describe("deleteAsset and listDeletedAssets", () => {
  it("DELETEs the asset, which then shows in the trash", async () => {
    const target = media()[20];
    const since = new Date(Date.now() - 5000);
    const { data } = await run("deleteAsset", { id: target.id });
    expect(data).toBe("");
    const [request] = env.emulator.requestsTo("/api/v4/media", "DELETE");
    expect(request.path).toBe(`/api/v4/media/${target.id}`);
    expect(request.status).toBe(204);

    const { data: trash } = await run("listDeletedAssets", { dateRemoved: since.toISOString() });
    expect(trash.map((d: { id: string }) => d.id)).toEqual([target.id]);
    expectSameShape(trash[0], deletedExample[0]);
    const [listed] = env.emulator.requestsTo("/api/trash/media");
    expect(listed.query).toEqual({
      dateRemoved: [since.toISOString().replace(/\.\d{3}Z$/, "Z")],
      field: ["media.dateRemoved"],
      order: ["desc"],
    });

    const again = await failure("deleteAsset", { id: target.id });
    expect(again.message).toContain("HTTP 404: Media not found");
  });

  it("reads the whole trash with Fetch All", async () => {
    for (const m of media().slice(30, 42)) await run("deleteAsset", { id: m.id });
    env.emulator.clearLog();
    const { data } = await run("listDeletedAssets", { fetchAll: true });
    expect(data.length).toBe(env.emulator.portal.trash.length);
    expect(env.emulator.requestsTo("/api/trash/media")[0].query.limit).toEqual(["100"]);
    const page = await run("listDeletedAssets", { limit: "5", page: "2" });
    expect(page.data).toHaveLength(5);
  });
});

describe("downloads", () => {
  it("downloadSpecificAssetItem GETs the item's location, with hash when on", async () => {
    const target = media()[50];
    const { data: full } = await run("getAsset", { id: target.id, versions: true });
    const item = full.mediaItems[0];
    const { data } = await run("downloadSpecificAssetItem", { id: target.id, itemId: item.id });
    expect(data.s3_file).toMatch(/X-Amz-Signature=/);
    const hashed = await run("downloadSpecificAssetItem", {
      id: target.id,
      itemId: item.idHash,
      hash: true,
    });
    expect(hashed.data.s3_file).toContain(item.id);
    const requests = env.emulator.requestsTo(`/api/v4/media/${target.id}/download`);
    expect(requests.map((r) => [r.path, r.query])).toEqual([
      [`/api/v4/media/${target.id}/download/${item.id}`, {}],
      [`/api/v4/media/${target.id}/download/${item.idHash}`, { hash: ["true"] }],
    ]);
    const missing = await failure("downloadSpecificAssetItem", { id: target.id, itemId: MISSING });
    expect(missing.message).toContain("HTTP 404: Media item not found");
  });

  it("getAssetDownloadUrl asks for the original, or for a version", async () => {
    const target = media()[51];
    await run("getAssetDownloadUrl", { id: target.id });
    await run("getAssetDownloadUrl", { id: target.id, version: "1" });
    expect(env.emulator.requestsTo(`/api/v4/media/${target.id}`).map((r) => r.path)).toEqual([
      `/api/v4/media/${target.id}/download`,
      `/api/v4/media/${target.id}/1/download`,
    ]);
    const error = await failure("getAssetDownloadUrl", { id: target.id, version: "7" });
    expect(error.message).toContain("HTTP 404: Version 7 not found");
    const bad = await failure("getAssetDownloadUrl", { id: target.id, version: "0" });
    expect(bad.message).toMatch(/^Version must be at least 1/);
  });

  it("downloadAsset returns the file's bytes, type and name, fetched without the token", async () => {
    const target = media().find((m) => m.extension[0] === "png")!;
    const result = await run("downloadAsset", { id: target.id });
    expect(Buffer.isBuffer(result.data)).toBe(true);
    expect(result.data.length).toBe(target.fileSize);
    expect(imageSize(result.data)).toEqual({ width: target.width, height: target.height });
    expect(result.contentType).toBe("image/png");
    expect(result.headers?.["Content-Disposition"]).toMatch(/^attachment; filename=".+\.png"/);
    const [file] = env.emulator.requestsTo("/s3/files/", "GET");
    expect(file.status).toBe(200);
    expect(file.headers.authorization).toBeUndefined();
    expect(env.emulator.requestsTo("/api/v4/media")[0].headers.authorization).toMatch(/^Bearer /);
  });
});

describe("generateDynamicTransformation", () => {
  const image = () => media().find((m) => m.type === "image" && m.width > 0)!;

  it("builds the URL from transformBaseUrl and returns the image through the portal client", async () => {
    const target = image();
    const result = await run("generateDynamicTransformation", {
      id: target.id,
      name: "hero shot",
      io: "transform:fill,width:300,height:200\nrotate,angle:90",
      focuspoint: "0.5, 0.25",
      format: "PNG",
      quality: "80",
    });
    expect(result.contentType).toBe("image/png");
    expect(imageSize(result.data)).toEqual({ width: 200, height: 300 });
    const [read, transform] = env.emulator.requests;
    expect(read.path).toBe(`/api/v4/media/${target.id}`);
    expect(transform.path).toBe(`/transform/${target.transformId}/hero%20shot`);
    expect(transform.query).toEqual({
      io: ["transform:fill,width:300,height:200", "transform:rotate,angle:90"],
      focuspoint: ["0.5,0.25"],
      format: ["png"],
      quality: ["80"],
    });
    expect(transform.headers.authorization).toMatch(/^Bearer /);
  });

  it("requests a transformBaseUrl on another host without the token", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const cdn = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "Content-Type": "image/webp" });
      res.end(Buffer.from("RIFF\0\0\0\0WEBP"));
    });
    await new Promise<void>((resolve) => cdn.listen(0, "127.0.0.1", resolve));
    try {
      const cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
      const target = image();
      env.emulator.faults.inject({
        method: "GET",
        path: `/api/v4/media/${target.id}`,
        steps: [
          { status: 200, body: { id: target.id, transformBaseUrl: `${cdnUrl}/transform/abc/x` } },
        ],
      });
      const result = await run("generateDynamicTransformation", { id: target.id });
      expect(result.contentType).toBe("image/webp");
      expect(result.data.subarray(0, 4).toString()).toBe("RIFF");
      expect(seen).toHaveLength(1);
      expect(seen[0].authorization).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => cdn.close(() => resolve()));
    }
  });

  it("refuses a bad focus point, quality, format or operation before any request", async () => {
    const id = image().id;
    for (const [params, label] of [
      [{ focuspoint: "1.5,0" }, "Focus Point"],
      [{ quality: "0" }, "Format (image quality)"],
      [{ quality: "high" }, "Format (image quality)"],
      [{ format: "gif" }, "Format"],
      [{ io: "transform:blur,radius:2" }, "IO"],
    ] as const) {
      const error = await failure("generateDynamicTransformation", { id, ...params });
      expect(error.message.startsWith(label)).toBe(true);
    }
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("passes Bynder's 404 message on", async () => {
    const error = await failure("generateDynamicTransformation", { id: MISSING });
    expect(error.message).toContain("HTTP 404: Media not found");
  });
});

describe("tags", () => {
  it("listTags sends the filters and returns [{id, tag, mediaCount}]", async () => {
    const { data } = await run("listTags", {
      keyword: "o",
      orderBy: "mediaCount desc",
      mincount: "1",
      limit: "3",
    });
    expect(data.length).toBeLessThanOrEqual(3);
    expectSameShape(data[0], tagExample[0]);
    expect(env.emulator.requests[0].query).toEqual({
      keyword: ["o"],
      orderBy: ["mediaCount desc"],
      mincount: ["1"],
      limit: ["3"],
    });
    const all = await run("listTags", { fetchAll: true });
    expect(all.data.length).toBe(env.emulator.portal.tags.size);
  });

  it("addTagToAssets takes a tag id and posts data=<JSON ids>", async () => {
    const tag = [...env.emulator.portal.tags.values()].find((t) => t.tag === "scenery")!;
    const targets = media()
      .filter((m) => !m.tags.includes("scenery"))
      .slice(0, 2);
    const { data } = await run("addTagToAssets", {
      tag: tag.id.toLowerCase(),
      assetIds: targets.map((m) => m.id),
    });
    expect(data).toEqual({ message: "Created", statuscode: 201 });
    const [request] = env.emulator.requests;
    expect(request.path).toBe(`/api/v4/tags/${tag.id}/media`);
    expect(request.form).toEqual({ data: [JSON.stringify(targets.map((m) => m.id))] });
    for (const m of targets) expect(m.tags).toContain("scenery");
  });

  it("addTagToAssets and removeTagFromAssets look a tag name up first", async () => {
    const targets = media().slice(60, 63);
    await run("addTagToAssets", { tag: "Holland", assetIds: targets.map((m) => m.id) });
    const [lookup, post] = env.emulator.requests;
    expect(lookup.path).toBe("/api/v4/tags");
    expect(lookup.query).toMatchObject({ keyword: ["Holland"] });
    expect(post.method).toBe("POST");
    for (const m of targets) expect(m.tags).toContain("holland");

    env.emulator.clearLog();
    const { data } = await run("removeTagFromAssets", {
      tag: "holland",
      assetIds: targets.map((m) => m.id).join(","),
    });
    expect(data).toBe("");
    const remove = env.emulator.requestsTo("/api/v4/tags", "DELETE")[0];
    expect(remove.query).toEqual({ deleteIds: [targets.map((m) => m.id).join(",")] });
    for (const m of targets) expect(m.tags).not.toContain("holland");
  });

  it("fails clearly for an unknown tag name or id, and for malformed asset ids without a request", async () => {
    const unknownName = await failure("addTagToAssets", {
      tag: "no-such-tag",
      assetIds: [media()[0].id],
    });
    expect(unknownName.message).toMatch(/^Tag: Bynder has no tag named "no-such-tag"/);
    const unknownId = await failure("removeTagFromAssets", {
      tag: MISSING,
      assetIds: [media()[0].id],
    });
    expect(unknownId.message).toContain("HTTP 404: Tag not found");
    env.emulator.clearLog();
    const malformed = await failure("addTagToAssets", { tag: "summer", assetIds: ["abc"] });
    expect(malformed.message).toMatch(/^Asset IDs must be/);
    const none = await failure("removeTagFromAssets", { tag: "summer", assetIds: [] });
    expect(none.message).toMatch(/^Asset IDs is required/);
    expect(env.emulator.requests).toHaveLength(0);
  });
});
