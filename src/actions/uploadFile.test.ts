/** Upload File: the whole upload in one step, against the emulator. */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { activeOriginal } from "../../emulator/media";
import { MIN_PART_BYTES, uploadStateOf } from "../../emulator/routes/upload";
import { harness } from "../../test/support";
import { MiB } from "../client";
import * as examples from "../examplePayloads/upload";
import {
  failure,
  loggerInto,
  portalOf,
  useUploadEmulator,
  sha,
  shapeOf,
  type Logged,
} from "./upload.testing";

const env = useUploadEmulator();
const { brandId, someAsset } = portalOf(env);

// ---------------------------------------------------------------------------------------------
// Upload File
// ---------------------------------------------------------------------------------------------

interface UploadResult {
  data: typeof examples.uploadedFile;
}

const uploadFile = (params: Record<string, unknown>, lines: Logged = []) =>
  harness.action(
    "uploadFile",
    { connection: env.connection, ...params },
    loggerInto(lines),
  ) as Promise<UploadResult>;

/** The bytes the portal holds for what an Upload File run saved. */
const storedBytes = (result: UploadResult, saveAs: string): Buffer => {
  const media = env.emulator.portal.media.get(result.data.mediaId)!;
  if (saveAs === "additional") {
    return media.items.filter((i) => i.type === "additional").at(-1)!.file.data;
  }
  return activeOriginal(media)!.file.data;
};

/** Drops a big upload's bytes once checked, so the test file's memory stays small. */
const forget = (result: UploadResult, saveAs: string) => {
  const media = env.emulator.portal.media.get(result.data.mediaId)!;
  if (saveAs === "newAsset") env.emulator.portal.media.delete(media.id);
  else media.items = media.items.filter((i) => i.file.data.length < MiB);
};

const params = (saveAs: string, method: string) => ({
  saveAs,
  uploadMethod: method,
  ...(saveAs === "newAsset" ? { brandId: brandId() } : { assetId: someAsset().id }),
});

describe("uploadFile", () => {
  const edges: [string, number][] = [
    ["0 bytes", 0],
    ["1 byte", 1],
    ["exactly one chunk", MIN_PART_BYTES],
    ["one byte over a chunk", MIN_PART_BYTES + 1],
  ];
  for (const method of ["legacy", "filesService"]) {
    it.each(edges)(`uploads %s through ${method} byte for byte`, async (_name, size) => {
      const data = randomBytes(size);
      const result = await uploadFile({
        file: data,
        fileName: "edge.bin.png",
        ...params("newAsset", method),
      });
      const chunks = Math.max(1, Math.ceil(size / MIN_PART_BYTES));
      expect(result.data).toMatchObject({ fileName: "edge.bin.png", size, chunks });
      expect(storedBytes(result, "newAsset").equals(data)).toBe(true);
      expect(shapeOf(result.data)).toEqual(shapeOf(examples.uploadedFile));
    });
  }

  for (const method of ["legacy", "filesService"]) {
    for (const saveAs of ["newAsset", "newVersion", "additional"]) {
      it(`uploads 50 MiB through ${method} as ${saveAs}, byte for byte`, async () => {
        const data = randomBytes(50 * MiB);
        const lines: Logged = [];
        const result = await uploadFile(
          { file: data, fileName: "film.mp4", ...params(saveAs, method), parallelChunks: "4" },
          lines,
        );
        expect(result.data).toMatchObject({ size: 50 * MiB, chunks: 10, fileName: "film.mp4" });
        if (saveAs !== "newAsset") expect(result.data.mediaId).toBe(someAsset().id);
        expect(sha(storedBytes(result, saveAs))).toBe(sha(data));
        const progress = lines.filter((l) => l.level === "info" && l.message.includes("chunks"));
        expect(progress.at(-1)!.message).toMatch(
          /^Upload of film\.mp4: 10 of 10 chunks, 50\.0 MiB of 50\.0 MiB, [\d.]+ MiB\/s$/,
        );
        if (method === "legacy") {
          const s3 = env.emulator.requestsTo("/s3/bynder-uploads", "POST");
          expect(s3).toHaveLength(10);
          expect(s3.every((r) => r.headers.authorization === undefined)).toBe(true);
          // Every chunk was registered before the upload was finalised (or saved as additional).
          const finalIndex = env.emulator.requests.findIndex(
            (r) => r.form?.chunks !== undefined && r.path.startsWith("/api/v4/"),
          );
          const registered = env.emulator.requests
            .map((r, i) => ({ r, i }))
            .filter(({ r }) => r.form?.chunkNumber !== undefined);
          expect(registered).toHaveLength(10);
          expect(registered.every(({ i }) => i < finalIndex)).toBe(true);
        } else {
          expect(env.emulator.requestsTo("/v7/file_cmds/upload/", "POST")).toHaveLength(12);
        }
        forget(result, saveAs);
      });
    }
  }

  it("streams a Source URL with at most Parallel Chunks + 1 chunks in memory", async () => {
    const source = await sourceServer();
    try {
      const size = 32 * MiB + 123;
      const lines: Logged = [];
      const result = await uploadFile(
        {
          sourceUrl: `${source.url}/media/Big%20Film.mp4?size=${size}`,
          ...params("newAsset", "legacy"),
          parallelChunks: "2",
        },
        lines,
      );
      expect(result.data).toMatchObject({ fileName: "Big Film.mp4", size, chunks: 7 });
      expect(sha(storedBytes(result, "newAsset"))).toBe(source.expected(size));
      const memory = lines.find((l) => l.message.includes("chunk buffers"))!.message;
      const held = Number(/at most (\d+) chunk buffers/.exec(memory)![1]);
      expect(held).toBeGreaterThanOrEqual(2);
      expect(held).toBeLessThanOrEqual(3);
      expect(source.requests[0].authorization).toBeUndefined();
      forget(result, "newAsset");
    } finally {
      await source.close();
    }
  });

  it("streams a Source URL without Content-Length, named by Content-Disposition", async () => {
    const source = await sourceServer();
    try {
      const size = 6 * MiB;
      const result = await uploadFile({
        sourceUrl: `${source.url}/download?size=${size}&chunked=1&name=report.pdf`,
        ...params("newAsset", "filesService"),
      });
      expect(result.data).toMatchObject({ fileName: "report.pdf", size, chunks: 2 });
      expect(sha(storedBytes(result, "newAsset"))).toBe(source.expected(size));
    } finally {
      await source.close();
    }
  });

  it("reports a Source URL that fails, without uploading anything", async () => {
    const source = await sourceServer();
    try {
      const error = await failure("uploadFile", {
        connection: env.connection,
        sourceUrl: `${source.url}/missing.png?status=404`,
        ...params("newAsset", "legacy"),
      });
      expect(error.message).toMatch(
        /^Source URL: downloading http:\/\/127\.0\.0\.1:\d+\/missing\.png\?status=… failed with HTTP 404: Not here$/,
      );
      expect(env.emulator.requestsTo("/s3/")).toHaveLength(0);
    } finally {
      await source.close();
    }
  });

  it("ends with an identical file despite 5xx, resets, 429 and a stalled S3 response", async () => {
    const data = randomBytes(3 * MIN_PART_BYTES + 77);
    env.emulator.faults.inject({
      path: "/s3/bynder-uploads",
      method: "POST",
      steps: [500, "reset", 429, "stall", 503],
    });
    env.emulator.faults.inject({ path: "/api/v4/upload", method: "POST", steps: [502, "reset"] });
    const lines: Logged = [];
    const result = await uploadFile(
      { file: data, fileName: "faults.png", ...params("newAsset", "legacy") },
      lines,
    );
    expect(env.emulator.faults.hits()).toEqual([5, 2]);
    expect(storedBytes(result, "newAsset").equals(data)).toBe(true);
    expect(lines.filter((l) => l.level === "warn").length).toBeGreaterThanOrEqual(5);
  });

  it("ends with an identical file despite faults on files-service chunks", async () => {
    const data = randomBytes(2 * MIN_PART_BYTES + 5);
    env.emulator.faults.inject({
      path: /^\/v7\/file_cmds\/upload\/[^/]+\/chunk\//,
      method: "POST",
      steps: [500, "reset", 429, "stall"],
    });
    const result = await uploadFile({
      file: data,
      fileName: "v7.png",
      ...params("newVersion", "filesService"),
    });
    expect(env.emulator.faults.hits()).toEqual([4]);
    expect(storedBytes(result, "newVersion").equals(data)).toBe(true);
  });

  it("names the chunk when a failure persists, and finalises nothing", async () => {
    env.emulator.faults.inject({
      path: "/s3/bynder-uploads",
      method: "POST",
      steps: [500],
      loop: true,
    });
    const error = await failure("uploadFile", {
      connection: env.connection,
      file: randomBytes(MIN_PART_BYTES + 10),
      fileName: "never.png",
      ...params("newAsset", "legacy"),
      parallelChunks: "1",
    });
    expect(error.message).toBe(
      "Uploading chunk 1 of 2 to S3 failed (HTTP 500): Injected fault: HTTP 500",
    );
    expect(env.emulator.requests.filter((r) => r.form?.chunks !== undefined)).toHaveLength(0);
  });

  it("fails clearly when the policy has expired by the time a chunk arrives", async () => {
    // init happens "7 hours ago"; S3 checks the policy now.
    env.emulator.portal.now = () =>
      env.emulator.requestsTo("/s3/").length ? Date.now() : Date.now() - 7 * 60 * 60 * 1000;
    try {
      const error = await failure("uploadFile", {
        connection: env.connection,
        file: Buffer.from("late"),
        fileName: "late.png",
        ...params("newAsset", "legacy"),
      });
      expect(error.message).toBe(
        "Uploading chunk 1 of 1 to S3 failed (HTTP 403): AccessDenied: Invalid according to Policy: Policy expired.",
      );
    } finally {
      env.emulator.portal.now = () => Date.now();
    }
  });

  it("fails when Bynder rejects the file in processing, naming the import", async () => {
    const blocked = uploadStateOf(env.emulator.portal).rejectedExtensions;
    blocked.add("exe");
    try {
      const error = await failure("uploadFile", {
        connection: env.connection,
        file: Buffer.from("MZ"),
        fileName: "setup.exe",
        ...params("newAsset", "legacy"),
      });
      expect(error.message).toMatch(
        /^Bynder's processing of setup\.exe \(import [0-9A-F-]{35}\) was rejected\.$/,
      );
      expect(env.emulator.requestsTo("/api/v4/media/save/")).toHaveLength(0);
    } finally {
      blocked.clear();
    }
  });

  it("passes Bynder's 404 on when the asset does not exist", async () => {
    const error = await failure("uploadFile", {
      connection: env.connection,
      file: Buffer.from("v"),
      fileName: "v.png",
      saveAs: "newVersion",
      assetId: "00000000-0000-0000-0000000000000000",
    });
    expect(error.message).toContain("failed with HTTP 404: Media not found");
  });

  it("sends the asset fields with the save", async () => {
    const mp = env.emulator.portal.metaproperties[1];
    const result = await uploadFile({
      file: Buffer.from("fields"),
      fileName: "fields.png",
      ...params("newAsset", "filesService"),
      name: "Field test",
      description: "With fields",
      copyright: "© Acme",
      tags: ["one", "two"],
      metaproperties: [{ key: mp.id, value: `${mp.options[0].id},${mp.options[1].id}` }],
      bodyData: '{"isPublic": true}',
    });
    const [save] = env.emulator.requestsTo("/api/v4/media/save/", "POST");
    expect(save.form).toEqual({
      brandId: [brandId()],
      name: ["Field test"],
      description: ["With fields"],
      copyright: ["© Acme"],
      tags: ["one,two"],
      [`metaproperty.${mp.id}`]: [`${mp.options[0].id},${mp.options[1].id}`],
      isPublic: ["true"],
    });
    const media = env.emulator.portal.media.get(result.data.mediaId)!;
    expect(media).toMatchObject({
      name: "Field test",
      tags: ["one", "two"],
      propertyOptions: [mp.options[0].id, mp.options[1].id],
      isPublic: 1,
    });
  });

  it("checks its inputs before any request", async () => {
    const base = {
      connection: env.connection,
      file: Buffer.from("x"),
      fileName: "x.png",
      brandId: brandId(),
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ file: undefined }, "File or Source URL: give exactly one of them (neither was given)."],
      [
        { sourceUrl: "https://example.com/x.png" },
        "File or Source URL: give exactly one of them (both were given).",
      ],
      [{ brandId: undefined }, "Brand ID is required when Save As is New asset."],
      [{ saveAs: "newVersion" }, "Asset ID is required when Save As is New version."],
      [{ saveAs: "additional" }, "Asset ID is required when Save As is Additional file."],
      [{ fileName: undefined }, "File Name is required with File"],
      [{ fileName: "noext" }, "File Name must be a file name with an extension"],
      [{ saveAs: "copy" }, "Save As must be one of newAsset, newVersion, additional"],
      [{ uploadMethod: "ftp" }, "Upload Method must be one of legacy, filesService"],
      [{ chunkSizeMiB: "4" }, "Chunk Size (MiB) must be between 5 and 100; got 4."],
      [{ parallelChunks: "0" }, "Parallel Chunks must be between 1 and 16; got 0."],
      [{ processingTimeoutSeconds: "x" }, "Processing Timeout (s) must be a whole number"],
      [{ assetId: "nope", saveAs: "newVersion" }, "Asset ID must be a Bynder asset-bank id"],
      [{ bodyData: "[1]" }, "Data must be a JSON object"],
      [
        { metaproperties: [{ key: "bad", value: "x" }] },
        "Metaproperties must be a Bynder asset-bank id",
      ],
      [{ file: undefined, sourceUrl: "http://example.com/a.png" }, "Source URL:"],
    ];
    for (const [change, message] of cases) {
      const error = await failure("uploadFile", { ...base, ...change });
      expect(error.message).toContain(message);
    }
    expect(env.emulator.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// A file server for Source URL: deterministic content generated on demand, with back-pressure
// ---------------------------------------------------------------------------------------------

const PIECE = 64 * 1024;
const piece = (k: number) => {
  const seed = createHash("sha256").update(`piece ${k}`).digest();
  return Buffer.concat(Array.from({ length: PIECE / seed.length }, () => seed));
};
function* content(size: number) {
  for (let k = 0, sent = 0; sent < size; k++) {
    const part = piece(k).subarray(0, Math.min(PIECE, size - sent));
    sent += part.length;
    yield part;
  }
}

const sourceServer = async () => {
  const requests: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.headers);
    const url = new URL(req.url ?? "/", "http://x");
    const status = Number(url.searchParams.get("status") ?? 200);
    if (status !== 200) {
      res.writeHead(status, { "Content-Type": "text/plain" }).end("Not here");
      return;
    }
    const size = Number(url.searchParams.get("size"));
    const headers: Record<string, string> = { "Content-Type": "application/octet-stream" };
    if (!url.searchParams.get("chunked")) headers["Content-Length"] = String(size);
    const name = url.searchParams.get("name");
    if (name) headers["Content-Disposition"] = `attachment; filename="${name}"`;
    res.writeHead(200, headers);
    Readable.from(content(size)).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    expected: (size: number) => {
      const hash = createHash("sha256");
      for (let k = 0, sent = 0; sent < size; k++) {
        const part = piece(k).subarray(0, Math.min(PIECE, size - sent));
        sent += part.length;
        hash.update(part);
      }
      return hash.digest("hex");
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
