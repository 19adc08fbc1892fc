/** The nine steps of the legacy upload, against the emulator (Upload File: uploadFile.test.ts). */
import { createHash, randomBytes } from "node:crypto";
import { activeOriginal } from "../../emulator/media";
import { uploadStateOf } from "../../emulator/routes/upload";
import { harness } from "../../test/support";
import * as examples from "../examplePayloads/upload";
import {
  failure,
  loggerInto,
  portalOf,
  useUploadEmulator,
  shapeOf,
  type Logged,
} from "./upload.testing";

const env = useUploadEmulator();
const { brandId, someAsset } = portalOf(env);

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
