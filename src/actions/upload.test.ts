import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { activeOriginal } from "../../emulator/media";
import { MIN_PART_BYTES, uploadStateOf } from "../../emulator/routes/upload";
import type { ActionContext } from "@prismatic-io/spectral";
import { harness, useEmulator } from "../../test/support";
import { configureUploads, MiB } from "../client";
import * as examples from "../examplePayloads/upload";

const env = useEmulator({ processingMs: 60 });
configureUploads({
  chunkTimeoutMs: 2_000,
  pollInitialMs: 20,
  pollMaxMs: 100,
  progressIntervalMs: 0,
});

const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const brandId = () => env.emulator.portal.brands[0].id;
const someAsset = () => [...env.emulator.portal.media.values()][3];

type Logged = { level: string; message: string }[];
/** A context whose logger writes into `lines` (and keeps retry warnings off the console). */
const loggerInto = (lines: Logged): Partial<ActionContext> => ({
  logger: Object.fromEntries(
    ["info", "warn", "debug", "error", "log", "trace", "metric"].map((level) => [
      level,
      (message: string) => void lines.push({ level, message }),
    ]),
  ) as unknown as ActionContext["logger"],
});

/** Runs an action; resolves to its error (or fails the test if it succeeded). */
const failure = async (key: string, params: Record<string, unknown>): Promise<Error> => {
  const result = await harness.action(key, params, loggerInto([])).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in result)) throw new Error(`${key} succeeded: ${JSON.stringify(result.value)}`);
  return result.error as Error;
};

/** Same keys and value types, recursively (arrays: their first item). */
const shapeOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  }
  return value === null ? "null" : typeof value;
};

const init = async (filename = "Logo.png") =>
  (await harness.action("initialiseUpload", { connection: env.connection, filename })) as {
    data: typeof examples.initialised;
  };
const endpoint = async () =>
  (
    (await harness.action("getClosestS3Endpoint", { connection: env.connection })) as {
      data: string;
    }
  ).data;

/** Steps 1–3 for a small file: init, one chunk to S3, registered. */
const uploadedChunk = async (data: Buffer, filename = "Logo.png") => {
  const started = (await init(filename)).data;
  const chunk = (await harness.action("uploadChunk", {
    uploadURL: await endpoint(),
    file: data,
    chunk: "1",
    chunks: "1",
    multipartParams: JSON.stringify(started.multipart_params),
  })) as { data: typeof examples.s3ChunkUploaded };
  await harness.action("registerUploadedChunk", {
    connection: env.connection,
    id: started.s3file.uploadid,
    chunkNumber: "1",
    targetid: started.s3file.targetid,
    filename: chunk.data.filename,
  });
  return { started, filename: chunk.data.filename };
};

const finalisedImport = async (data: Buffer, filename = "Logo.png") => {
  const { started, filename: key } = await uploadedChunk(data, filename);
  const fin = (await harness.action("finaliseCompleteUpload", {
    connection: env.connection,
    id: started.s3file.uploadid,
    targetid: started.s3file.targetid,
    s3Filename: key,
    chunks: "1",
    originalFilename: filename,
  })) as { data: typeof examples.finalised };
  return fin.data.importId;
};

describe("getClosestS3Endpoint", () => {
  it("returns the portal's S3 endpoint", async () => {
    const result = await harness.action("getClosestS3Endpoint", { connection: env.connection });
    expect(result).toEqual({ data: `${env.emulator.url}/s3/bynder-uploads/` });
    const [request] = env.emulator.requestsTo("/api/upload/endpoint", "GET");
    expect(request.path).toBe("/api/upload/endpoint");
    expect(request.headers.authorization).toMatch(/^Bearer /);
    expect(typeof examples.closestEndpoint).toBe("string");
  });
});

describe("initialiseUpload", () => {
  it("posts the filename and returns the signed policy fields", async () => {
    const result = await init("Team photo.jpg");
    const [request] = env.emulator.requestsTo("/api/upload/init", "POST");
    expect(request.form).toEqual({ filename: ["Team photo.jpg"] });
    expect(result.data.multipart_params.key).toBe(result.data.s3_filename);
    expect(shapeOf(result.data)).toEqual(shapeOf(examples.initialised));
  });

  it("refuses a filename without extension before any request", async () => {
    const error = await failure("initialiseUpload", {
      connection: env.connection,
      filename: "image",
    });
    expect(error.message).toBe(
      'Filename must be a file name with an extension, such as Logo.png; got "image".',
    );
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("uploadChunk", () => {
  it("posts every policy field, the chunk's key and the file last to S3, without the token", async () => {
    const started = (await init()).data;
    const url = await endpoint();
    env.emulator.clearLog();
    const data = randomBytes(1234);
    const result = (await harness.action("uploadChunk", {
      uploadURL: url,
      file: { data, contentType: "image/png" },
      chunk: "2",
      chunks: "3",
      multipartParams: started.multipart_params,
    })) as { data: typeof examples.s3ChunkUploaded };
    const key = `${started.s3_filename}/p2`;
    expect(result.data).toEqual({
      PostResponse: {
        Location: `${url}${key.split("/").map(encodeURIComponent).join("/")}`,
        Bucket: "bynder-uploads",
        Key: key,
        ETag: `"${createHash("md5").update(data).digest("hex")}"`,
      },
      filename: key,
    });
    expect(shapeOf(result.data)).toEqual(shapeOf(examples.s3ChunkUploaded));
    const [request] = env.emulator.requests;
    expect(request.path).toBe("/s3/bynder-uploads");
    expect(request.headers.authorization).toBeUndefined();
    const params = started.multipart_params;
    expect(request.form).toEqual({
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [v]])),
      key: [key],
      name: ["Logo.png/p2"],
      chunk: ["2"],
      chunks: ["3"],
      Filename: [key],
      file: ["<1234 bytes>"],
    });
    expect(Object.keys(request.form!).at(-1)).toBe("file");
    expect(uploadStateOf(env.emulator.portal).s3.bucket().get(key)!.data.equals(data)).toBe(true);
  });

  it("retries a chunk S3 failed transiently", async () => {
    const started = (await init()).data;
    env.emulator.faults.inject({
      path: "/s3/bynder-uploads",
      method: "POST",
      steps: [503, "reset"],
    });
    const lines: Logged = [];
    const result = (await harness.action(
      "uploadChunk",
      {
        uploadURL: await endpoint(),
        file: Buffer.from("x"),
        chunk: "1",
        chunks: "1",
        multipartParams: started.multipart_params,
      },
      loggerInto(lines),
    )) as { data: typeof examples.s3ChunkUploaded };
    expect(result.data.filename).toBe(`${started.s3_filename}/p1`);
    expect(env.emulator.faults.hits()).toEqual([2]);
    // The client's one retry policy logs each retry (withRetries and its own wording are gone).
    expect(lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      expect.stringMatching(/POST \/s3\/bynder-uploads\/ .*503.*; retry 1 of 5 in \d+ ms$/),
      expect.stringMatching(/POST \/s3\/bynder-uploads\/ .*; retry 2 of 5 in \d+ ms$/),
    ]);
  });

  it("fails clearly, at once, on a tampered policy", async () => {
    const started = (await init()).data;
    const policy = JSON.parse(Buffer.from(started.multipart_params.Policy, "base64").toString());
    policy.expiration = "2099-01-01T00:00:00.000Z";
    const error = await failure("uploadChunk", {
      uploadURL: await endpoint(),
      file: Buffer.from("x"),
      chunk: "1",
      chunks: "1",
      multipartParams: {
        ...started.multipart_params,
        Policy: Buffer.from(JSON.stringify(policy)).toString("base64"),
      },
    });
    expect(error.message).toBe(
      "Uploading chunk 1 of 1 to S3 failed (HTTP 403): SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    );
    expect(env.emulator.requestsTo("/s3/", "POST")).toHaveLength(1);
  });

  it("fails clearly on an expired policy", async () => {
    const started = (await init()).data;
    env.emulator.portal.now = () => Date.now() + 7 * 60 * 60 * 1000;
    try {
      const error = await failure("uploadChunk", {
        uploadURL: await endpoint(),
        file: Buffer.from("x"),
        chunk: "1",
        chunks: "1",
        multipartParams: started.multipart_params,
      });
      expect(error.message).toBe(
        "Uploading chunk 1 of 1 to S3 failed (HTTP 403): AccessDenied: Invalid according to Policy: Policy expired.",
      );
    } finally {
      env.emulator.portal.now = () => Date.now();
    }
  });

  it("checks its inputs before sending anything", async () => {
    const base = {
      uploadURL: "https://bynder-public-eu-central-1.s3.amazonaws.com/",
      file: Buffer.from("x"),
      chunk: "1",
      chunks: "1",
      multipartParams: { key: "pluploads/api/x/a.png" },
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ multipartParams: { acl: "private" } }, "Multipart Parameters has no key"],
      [{ multipartParams: "{not json" }, "Multipart Parameters must be valid JSON"],
      [{ chunk: "0" }, "Chunk must be at least 1; got 0."],
      [{ chunk: "3", chunks: "2" }, "Chunk must be at most Chunks (2); got 3."],
      [{ uploadURL: "http://example.com/" }, "Upload URL:"],
      [{ file: undefined }, "File is required"],
    ];
    for (const [change, message] of cases) {
      const error = await failure("uploadChunk", { ...base, ...change });
      expect(error.message).toContain(message);
    }
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("registerUploadedChunk", () => {
  it("registers the chunk with the upload id in the body", async () => {
    const started = (await init()).data;
    const key = `${started.s3_filename}/p1`;
    await harness.action("uploadChunk", {
      uploadURL: await endpoint(),
      file: Buffer.from("abc"),
      chunk: "1",
      chunks: "1",
      multipartParams: started.multipart_params,
    });
    env.emulator.clearLog();
    const result = (await harness.action("registerUploadedChunk", {
      connection: env.connection,
      id: started.s3file.uploadid,
      chunkNumber: "1",
      targetid: started.s3file.targetid,
      filename: key,
    })) as { data: unknown };
    const [request] = env.emulator.requests;
    expect(request).toMatchObject({ method: "POST", path: "/api/v4/upload", status: 202 });
    expect(request.form).toEqual({
      id: [started.s3file.uploadid],
      targetid: [started.s3file.targetid],
      filename: [key],
      chunkNumber: ["1"],
    });
    expect(shapeOf(result.data)).toEqual(shapeOf(examples.chunkRegistered));
  });

  it("refuses a filename that is not the chunk's key, and reports Bynder's 404", async () => {
    const error = await failure("registerUploadedChunk", {
      connection: env.connection,
      id: "abc",
      chunkNumber: "2",
      targetid: "final/x/a.png",
      filename: "pluploads/api/x/a.png/p1",
    });
    expect(error.message).toMatch(/^Filename must be the chunk's S3 key, ending in \/p2/);
    expect(env.emulator.requests).toHaveLength(0);
    const unknown = await failure("registerUploadedChunk", {
      connection: env.connection,
      id: "no-such-upload",
      chunkNumber: "1",
      targetid: "final/x/a.png",
      filename: "pluploads/api/x/a.png/p1",
    });
    expect(unknown.message).toBe(
      "Bynder POST /api/v4/upload/ failed with HTTP 404: Upload doesn't exist",
    );
  });
});

describe("finaliseCompleteUpload and the saves", () => {
  it("finalises to the upload's path and returns the import", async () => {
    const { started, filename } = await uploadedChunk(Buffer.from("hello"));
    env.emulator.clearLog();
    const result = (await harness.action("finaliseCompleteUpload", {
      connection: env.connection,
      id: started.s3file.uploadid,
      targetid: started.s3file.targetid,
      s3Filename: filename,
      chunks: "1",
    })) as { data: typeof examples.finalised };
    const [request] = env.emulator.requests;
    expect(request.path).toBe(`/api/v4/upload/${started.s3file.uploadid}`);
    expect(request.form).toEqual({
      targetid: [started.s3file.targetid],
      s3_filename: [filename],
      chunks: ["1"],
    });
    expect(shapeOf(result.data)).toEqual(shapeOf(examples.finalised));
  });

  it("passes Bynder's message on when a chunk is missing", async () => {
    const started = (await init()).data;
    const error = await failure("finaliseCompleteUpload", {
      connection: env.connection,
      id: started.s3file.uploadid,
      targetid: started.s3file.targetid,
      s3Filename: started.s3_filename,
      chunks: "2",
    });
    expect(error.message).toContain(
      "failed with HTTP 500: Could not complete upload: chunk 1 of 2 was never registered",
    );
  });

  it("retrievePollState waits with backoff until the item is done", async () => {
    const importId = await finalisedImport(Buffer.from("poll me"));
    env.emulator.clearLog();
    const lines: Logged = [];
    const result = (await harness.action(
      "retrievePollState",
      { connection: env.connection, items: importId },
      loggerInto(lines),
    )) as { data: typeof examples.pollDone };
    expect(lines.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^1 of 1 item\(s\) still processing; next poll in \d+ ms$/),
    );
    expect(result.data).toEqual({ itemsDone: [importId], itemsFailed: [], itemsRejected: [] });
    const polls = env.emulator.requestsTo("/api/v4/upload/poll", "GET");
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls[0].query).toEqual({ items: [importId] });
    expect(shapeOf(result.data)).toEqual(shapeOf(examples.pollDone));
  });

  it("retrievePollState gives up after its timeout, naming the items still processing", async () => {
    const importId = await finalisedImport(Buffer.from("done soon"));
    const error = await failure("retrievePollState", {
      connection: env.connection,
      items: `${importId}, 11111111-2222-3333-4444444444444444`,
      timeoutSeconds: "1",
    });
    expect(error.message).toMatch(
      /^Bynder was still processing 1 of 2 item\(s\) after 1 s \(\d+ polls\): 11111111-2222-3333-4444444444444444\./,
    );
    const bad = await failure("retrievePollState", {
      connection: env.connection,
      items: "a",
      timeoutSeconds: "0",
    });
    expect(bad.message).toBe("Timeout (s) must be between 1 and 3600; got 0.");
  });

  it("saveAsNewAsset sends the fields (not the empty ones) and Data, and stores the bytes", async () => {
    const data = randomBytes(500);
    const importId = await finalisedImport(data);
    const early = await failure("saveAsNewAsset", {
      connection: env.connection,
      importId,
      brandId: brandId(),
    });
    expect(early.message).toBe(
      `Bynder POST /api/v4/media/save/${importId}/ failed with HTTP 303: Import not converted yet, please poll`,
    );
    await harness.action(
      "retrievePollState",
      { connection: env.connection, items: importId },
      loggerInto([]),
    );
    env.emulator.clearLog();
    const result = (await harness.action("saveAsNewAsset", {
      connection: env.connection,
      importId,
      brandId: brandId(),
      name: "Logo",
      description: "",
      copyright: "© Acme",
      bodyData: '{"tags": "logo,blue", "isPublic": true}',
    })) as { data: typeof examples.saved };
    const [request] = env.emulator.requests;
    expect(request.path).toBe(`/api/v4/media/save/${importId}`);
    expect(request.form).toEqual({
      brandId: [brandId()],
      name: ["Logo"],
      copyright: ["© Acme"],
      tags: ["logo,blue"],
      isPublic: ["true"],
    });
    const media = env.emulator.portal.media.get(result.data.mediaid)!;
    expect(media).toMatchObject({ name: "Logo", tags: ["logo", "blue"], isPublic: 1 });
    expect(activeOriginal(media)!.file.data.equals(data)).toBe(true);
    expect(shapeOf(result.data)).toEqual(shapeOf(examples.saved));
  });

  it("saveAsNewAsset checks its inputs before any request", async () => {
    const base = { connection: env.connection, importId: "ABC", brandId: brandId() };
    expect((await failure("saveAsNewAsset", { ...base, brandId: "nope" })).message).toMatch(
      /^Brand ID must be a Bynder asset-bank id/,
    );
    expect((await failure("saveAsNewAsset", { ...base, bodyData: "{bad" })).message).toMatch(
      /^Data must be valid JSON/,
    );
    expect((await failure("saveAsNewAsset", { ...base, importId: "" })).message).toBe(
      "Import ID is required.",
    );
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("saveAsNewAssetVersion makes the upload the asset's new original", async () => {
    const data = randomBytes(300);
    const importId = await finalisedImport(data, "v2.png");
    await harness.action(
      "retrievePollState",
      { connection: env.connection, items: importId },
      loggerInto([]),
    );
    const asset = someAsset();
    env.emulator.clearLog();
    const result = (await harness.action("saveAsNewAssetVersion", {
      connection: env.connection,
      assetId: asset.id,
      importId,
    })) as { data: typeof examples.versionSaved };
    expect(env.emulator.requests[0].path).toBe(`/api/v4/media/${asset.id}/save/${importId}`);
    expect(result.data.mediaid).toBe(asset.id);
    expect(activeOriginal(asset)!.file.data.equals(data)).toBe(true);
    expect(shapeOf(result.data)).toEqual(shapeOf(examples.versionSaved));
    const missing = await failure("saveAsNewAssetVersion", {
      connection: env.connection,
      assetId: "00000000-0000-0000-0000000000000000",
      importId,
    });
    expect(missing.message).toContain("failed with HTTP 404: Media not found");
  });

  it("finaliseCompleteUploadAndSaveAsNewAsset adds the upload as an additional file", async () => {
    const data = randomBytes(700);
    const { started, filename } = await uploadedChunk(data, "guide.pdf");
    const asset = someAsset();
    env.emulator.clearLog();
    const result = (await harness.action("finaliseCompleteUploadAndSaveAsNewAsset", {
      connection: env.connection,
      assetId: asset.id,
      uploadId: started.s3file.uploadid,
      targetid: started.s3file.targetid,
      s3Filename: filename,
      chunks: "1",
    })) as { data: typeof examples.additionalSaved };
    const [request] = env.emulator.requests;
    expect(request.path).toBe(
      `/api/v4/media/${asset.id}/save/additional/${started.s3file.uploadid}`,
    );
    expect(request.form).toEqual({
      targetid: [started.s3file.targetid],
      s3_filename: [filename],
      chunks: ["1"],
    });
    const item = asset.items.find((i) => i.id === result.data.itemId)!;
    expect(item.type).toBe("additional");
    expect(item.file.data.equals(data)).toBe(true);
    expect(shapeOf(result.data)).toEqual(shapeOf(examples.additionalSaved));
    const malformed = await failure("finaliseCompleteUploadAndSaveAsNewAsset", {
      connection: env.connection,
      assetId: "abc",
      uploadId: "x",
      targetid: "t",
      s3Filename: "s",
      chunks: "1",
    });
    expect(malformed.message).toMatch(/^Asset ID must be a Bynder asset-bank id/);
  });
});

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
        /^Source URL: downloading http:\/\/127\.0\.0\.1:\d+\/missing\.png\?status=404 failed with HTTP 404: Not here$/,
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
