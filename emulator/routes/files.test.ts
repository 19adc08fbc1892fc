import { randomBytes } from "node:crypto";
import { brandId, call, emulator, originalBytes, sha, someMedia } from "./upload.support";

describe("/v7/file_cmds/upload", () => {
  const prepare = async () => {
    const res = await call("/v7/file_cmds/upload/prepare", { json: {} });
    expect(res.status).toBe(200);
    return res.body.file_id as string;
  };
  const putChunk = (fileId: string, n: number, data: Buffer, header = "Content-SHA256") =>
    call(`/v7/file_cmds/upload/${fileId}/chunk/${n}`, {
      body: data,
      headers: { [header]: sha(data) },
    });

  it("prepares (with or without a body) a uuid v4 file id", async () => {
    expect(await prepare()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const bare = await call("/v7/file_cmds/upload/prepare", { method: "POST" });
    expect(bare.status).toBe(200);
    expect(
      (await call("/v7/file_cmds/upload/prepare", { method: "POST", auth: false })).status,
    ).toBe(401);
  });

  it("checks each chunk's Content-SHA256, whatever the header's case", async () => {
    const fileId = await prepare();
    const data = randomBytes(100);
    expect((await putChunk(fileId, 0, data, "content-sha256")).status).toBe(201);
    const wrong = await call(`/v7/file_cmds/upload/${fileId}/chunk/1`, {
      body: data,
      headers: { "Content-SHA256": sha(Buffer.from("other")) },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get("content-type")).toMatch(/application\/vnd\.api\+json/);
    expect(wrong.body.errors[0].detail).toMatch(/does not match/);
    const none = await call(`/v7/file_cmds/upload/${fileId}/chunk/1`, { body: data });
    expect(none.status).toBe(400);
    expect((await putChunk("00000000-0000-4000-8000-000000000000", 0, data)).status).toBe(404);
  });

  it("finalises against size, chunk count and SHA-256, then saves by file id without polling", async () => {
    const fileId = await prepare();
    const data = randomBytes(2500);
    const parts = [data.subarray(0, 1000), data.subarray(1000, 2000), data.subarray(2000)];
    for (const [n, part] of parts.entries())
      expect((await putChunk(fileId, n, part)).status).toBe(201);
    const fin = (form: Record<string, string | number>) =>
      call(`/v7/file_cmds/upload/${fileId}/finalise_api`, {
        form: { fileName: "clip.mp4", fileSize: 2500, chunksCount: 3, sha256: sha(data), ...form },
      });
    expect((await fin({ fileSize: 2499 })).status).toBe(400);
    expect((await fin({ chunksCount: 4 })).status).toBe(400);
    expect((await fin({ chunksCount: 2 })).status).toBe(400);
    expect((await fin({ sha256: sha(Buffer.from("x")) })).status).toBe(400);
    expect((await fin({ fileName: "" })).status).toBe(400);
    const ok = await fin({});
    expect(ok.status).toBe(201);
    expect(ok.headers.get("x-api-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    const save = await call(`/api/v4/media/save/${fileId}/`, { form: { brandId: brandId() } });
    expect(save.status).toBe(201);
    const media = emulator.portal.media.get(save.body.mediaid)!;
    expect(media.type).toBe("video");
    expect(originalBytes(media.id).equals(data)).toBe(true);
  });

  it("saves a file id as a new version and as an additional file", async () => {
    const media = someMedia();
    for (const mode of ["version", "additional"]) {
      const fileId = await prepare();
      const data = randomBytes(50);
      await putChunk(fileId, 0, data);
      await call(`/v7/file_cmds/upload/${fileId}/finalise_api`, {
        form: { fileName: "f.png", fileSize: 50, chunksCount: 1, sha256: sha(data) },
      });
      const path =
        mode === "version"
          ? `/api/v4/media/${media.id}/save/${fileId}/`
          : `/api/v4/media/${media.id}/save/additional/${fileId}/`;
      const res = await call(path, { form: {} });
      expect(res.status).toBe(201);
      const stored =
        mode === "version"
          ? originalBytes(media.id)
          : media.items.find((i) => i.id === res.body.itemId)!.file.data;
      expect(stored.equals(data)).toBe(true);
    }
  });

  it("accepts an empty file as zero chunks or one empty chunk", async () => {
    for (const chunks of [0, 1]) {
      const fileId = await prepare();
      if (chunks) await putChunk(fileId, 0, Buffer.alloc(0));
      const res = await call(`/v7/file_cmds/upload/${fileId}/finalise_api`, {
        form: {
          fileName: "empty.txt",
          fileSize: 0,
          chunksCount: chunks,
          sha256: sha(Buffer.alloc(0)),
        },
      });
      expect(res.status).toBe(201);
    }
  });
});
