import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import FormData from "form-data";
import { startEmulator } from "../server";
import { type PolicyDocument, signPolicy } from "../s3Policy";
import { MIN_PART_BYTES, uploadStateOf } from "./upload";
import {
  brandId,
  call,
  emulator,
  endpoint,
  finalise,
  init,
  postS3,
  s3Form,
  sha,
  token,
  uploadChunks,
} from "./upload.support";

describe("GET /api/upload/endpoint", () => {
  it("returns the emulator's own S3 route as a JSON string, with or without the slash", async () => {
    for (const path of ["/api/upload/endpoint", "/api/upload/endpoint/"]) {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(res.body).toBe(`${emulator.url}/s3/bynder-uploads/`);
    }
  });

  it("needs a token with asset:write", async () => {
    expect((await call("/api/upload/endpoint", { auth: false })).status).toBe(401);
    const readOnly = emulator.issueToken(["asset:read"]);
    expect((await call("/api/upload/endpoint", { auth: readOnly })).status).toBe(403);
  });
});

describe("POST /api/upload/init", () => {
  it("hands out ids, keys and a SigV4-signed POST policy", async () => {
    const body = await init("Logo.png");
    expect(body.s3file.uploadid).toMatch(/^[A-Za-z0-9._-]{40,}$/);
    expect(body.s3file.targetid).toMatch(/^final\/[0-9a-f-]{36}\/Logo\.png$/);
    expect(body.s3_filename).toMatch(/^pluploads\/api\/[0-9a-f-]{36}\/Logo\.png$/);
    expect(body.target_key).toBe(body.s3_filename);
    const params = body.multipart_params;
    expect(Object.keys(params)).toEqual([
      "acl",
      "success_action_status",
      "Content-Type",
      "key",
      "Policy",
      "X-Amz-Signature",
      "x-amz-credential",
      "x-amz-algorithm",
      "x-amz-date",
    ]);
    expect(params).toMatchObject({
      acl: "private",
      success_action_status: "201",
      "Content-Type": "image/png",
      key: body.s3_filename,
      "x-amz-algorithm": "AWS4-HMAC-SHA256",
    });
    expect(params["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    const credentials = uploadStateOf(emulator.portal).s3.credentials;
    expect(params["x-amz-credential"]).toBe(
      `${credentials.accessKeyId}/${params["x-amz-date"].slice(0, 8)}/eu-central-1/s3/aws4_request`,
    );
    const policy = JSON.parse(Buffer.from(params.Policy, "base64").toString()) as PolicyDocument;
    expect(Date.parse(policy.expiration)).toBeGreaterThan(Date.now());
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: "bynder-uploads" },
        ["starts-with", "$key", body.s3_filename],
        { acl: "private" },
        { success_action_status: "201" },
        ["content-length-range", 0, 5 * 1024 ** 3],
        { "x-amz-algorithm": "AWS4-HMAC-SHA256" },
        { "x-amz-credential": params["x-amz-credential"] },
        { "x-amz-date": params["x-amz-date"] },
      ]),
    );
    expect(params["X-Amz-Signature"]).toBe(
      signPolicy(params.Policy, credentials, params["x-amz-date"].slice(0, 8)),
    );
  });

  it("answers 400 text/plain when the filename has no extension or is missing", async () => {
    const bad = await call("/api/upload/init", { form: { filename: "image" } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(bad.text).toBe(`{'filename': "'image' is not a valid filename"}`);
    const missing = await call("/api/upload/init", { form: {} });
    expect(missing.status).toBe(400);
    expect(missing.text).toBe(`{'filename': 'Missing data for required field.'}`);
  });

  it("takes a form, not JSON", async () => {
    const res = await call("/api/upload/init", { json: { filename: "a.png" } });
    expect(res.status).toBe(415);
  });
});

describe("the S3 route", () => {
  it("accepts the SDK's POST (file part last, no filename, no token) and stores the chunk", async () => {
    const s3 = await endpoint();
    const started = await init("photo.jpg");
    const data = randomBytes(3000);
    const res = await postS3(s3, s3Form({ ...started.multipart_params }, 1, 1, data));
    expect(res.status).toBe(201);
    const key = `${started.s3_filename}/p1`;
    const etag = `"${createHash("md5").update(data).digest("hex")}"`;
    expect(res.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${s3}${key
        .split("/")
        .map(encodeURIComponent)
        .join(
          "/",
        )}</Location><Bucket>bynder-uploads</Bucket><Key>${key}</Key><ETag>${etag}</ETag></PostResponse>`,
    );
    expect(res.headers.get("etag")).toBe(etag);
    const stored = uploadStateOf(emulator.portal).s3.bucket().get(key)!;
    expect(stored.data.equals(data)).toBe(true);
    const [logged] = emulator.requestsTo("/s3/bynder-uploads", "POST");
    expect(logged.headers.authorization).toBeUndefined();
    expect(Object.keys(logged.form!)).toEqual([
      "acl",
      "success_action_status",
      "Content-Type",
      "key",
      "Policy",
      "X-Amz-Signature",
      "x-amz-credential",
      "x-amz-algorithm",
      "x-amz-date",
      "name",
      "chunk",
      "chunks",
      "Filename",
      "file",
    ]);
    expect(logged.bodyBytes).toBe(3000);
    const record = uploadStateOf(emulator.portal).s3.posts.at(-1)!;
    expect(record.file).toEqual({
      filename: undefined,
      mimeType: "application/octet-stream",
      bytes: 3000,
    });
  });

  it("accepts a file part with a filename too, and an empty file", async () => {
    const s3 = await endpoint();
    const started = await init("empty.txt");
    const res = await postS3(
      s3,
      s3Form({ ...started.multipart_params }, 1, 1, Buffer.alloc(0), { filename: "empty.txt" }),
    );
    expect(res.status).toBe(201);
  });

  const expectS3Error = (res: { status: number; text: string }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.text).toContain(`<Code>${code}</Code>`);
  };

  it("refuses a key outside the policy's prefix", async () => {
    const started = await init("a.png");
    const params = { ...started.multipart_params, key: "pluploads/api/someone-else/a.png" };
    const res = await postS3(await endpoint(), s3Form(params, 1, 1, Buffer.from("x")));
    expectS3Error(res, 403, "AccessDenied");
    expect(res.text).toContain(
      `Policy Condition failed: ["starts-with", "$key", "${started.s3_filename}"]`,
    );
  });

  it("refuses a tampered policy (SignatureDoesNotMatch)", async () => {
    const started = await init("a.png");
    const policy = JSON.parse(
      Buffer.from(started.multipart_params.Policy, "base64").toString(),
    ) as PolicyDocument;
    policy.conditions = policy.conditions.map((c) =>
      Array.isArray(c) && c[1] === "$key" ? ["starts-with", "$key", ""] : c,
    );
    const params = {
      ...started.multipart_params,
      Policy: Buffer.from(JSON.stringify(policy)).toString("base64"),
    };
    const res = await postS3(await endpoint(), s3Form(params, 1, 1, Buffer.from("x")));
    expectS3Error(res, 403, "SignatureDoesNotMatch");
  });

  it("refuses a forged signature and an unknown access key", async () => {
    const started = await init("a.png");
    const forged = { ...started.multipart_params, "X-Amz-Signature": "0".repeat(64) };
    expectS3Error(
      await postS3(await endpoint(), s3Form(forged, 1, 1, Buffer.from("x"))),
      403,
      "SignatureDoesNotMatch",
    );
    const credential = started.multipart_params["x-amz-credential"].replace(
      /^[^/]+/,
      "AKIAUNKNOWN0000000",
    );
    const stranger = { ...started.multipart_params, "x-amz-credential": credential };
    expectS3Error(
      await postS3(await endpoint(), s3Form(stranger, 1, 1, Buffer.from("x"))),
      403,
      "InvalidAccessKeyId",
    );
  });

  it("refuses an expired policy", async () => {
    const started = await init("a.png");
    emulator.portal.now = () => Date.now() + 7 * 60 * 60 * 1000;
    const res = await postS3(
      await endpoint(),
      s3Form({ ...started.multipart_params }, 1, 1, Buffer.from("x")),
    );
    expectS3Error(res, 403, "AccessDenied");
    expect(res.text).toContain("Invalid according to Policy: Policy expired.");
  });

  it("refuses fields the policy does not name, and x-ignore- fields pass", async () => {
    const started = await init("a.png");
    const s3 = await endpoint();
    const extra = await postS3(
      s3,
      s3Form({ ...started.multipart_params }, 1, 1, Buffer.from("x"), {
        extra: [["comment", "hi"]],
      }),
    );
    expectS3Error(extra, 403, "AccessDenied");
    expect(extra.text).toContain("Extra input fields: comment");
    const ignored = await postS3(
      s3,
      s3Form({ ...started.multipart_params }, 1, 1, Buffer.from("x"), {
        extra: [["x-ignore-comment", "hi"]],
      }),
    );
    expect(ignored.status).toBe(201);
  });

  it("requires the file last, exactly one file, and a multipart body", async () => {
    const started = await init("a.png");
    const s3 = await endpoint();
    const first = await postS3(
      s3,
      s3Form({ ...started.multipart_params }, 1, 1, Buffer.from("x"), { fileFirst: true }),
    );
    expectS3Error(first, 400, "InvalidArgument");
    expect(first.text).toContain("The file must be the last field");
    const form = new FormData();
    for (const [k, v] of Object.entries(started.multipart_params)) form.append(k, v);
    expectS3Error(await postS3(s3, form), 400, "InvalidArgument");
    const plain = await fetch(s3, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "key=a",
    });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toContain("multipart/form-data");
  });

  it("refuses a duplicated field and an unknown bucket", async () => {
    const started = await init("a.png");
    const twice = await postS3(
      await endpoint(),
      s3Form({ ...started.multipart_params }, 1, 1, Buffer.from("x"), {
        extra: [["acl", "private"]],
      }),
    );
    expectS3Error(twice, 400, "InvalidArgument");
    const other = await postS3(
      `${emulator.url}/s3/other-bucket/`,
      s3Form({ ...started.multipart_params }, 1, 1, Buffer.from("x")),
    );
    expectS3Error(other, 404, "NoSuchBucket");
  });

  it("flags and refuses a request that carries an Authorization header", async () => {
    const started = await init("a.png");
    const s3 = uploadStateOf(emulator.portal).s3;
    const before = s3.authorizationHeaders.length;
    const res = await postS3(
      await endpoint(),
      s3Form({ ...started.multipart_params }, 1, 1, Buffer.from("x")),
      { Authorization: `Bearer ${token}` },
    );
    expectS3Error(res, 400, "InvalidArgument");
    expect(res.text).toContain("Unsupported Authorization Type");
    expect(s3.authorizationHeaders.slice(before)).toEqual(["Bearer [redacted]"]);
    expect(s3.bucket().has(`${started.s3_filename}/p1`)).toBe(false);
  });

  it("is not rate limited and needs no token", async () => {
    const started = await init("a.png");
    const res = await postS3(
      await endpoint(),
      s3Form({ ...started.multipart_params }, 1, 1, Buffer.from("x")),
    );
    expect(res.status).toBe(201);
  });
});

describe("register and finalise", () => {
  it("registers with the id in the body or in the path, only after the chunk is in S3", async () => {
    const started = await init("a.png");
    const form = {
      targetid: started.s3file.targetid,
      filename: `${started.s3_filename}/p1`,
      chunkNumber: 1,
    };
    const early = await call("/api/v4/upload/", { form: { ...form, id: started.s3file.uploadid } });
    expect(early.status).toBe(500);
    expect(early.body).toMatchObject({ retry: 1, success: false });
    expect(early.body.message).toMatch(/^Could not complete upload/);
    await postS3(await endpoint(), s3Form({ ...started.multipart_params }, 1, 1, Buffer.from("x")));
    const inBody = await call("/api/v4/upload", { form: { ...form, id: started.s3file.uploadid } });
    expect(inBody.status).toBe(202);
    expect(inBody.body.status).toBe("ok");
    const inPath = await call(`/api/v4/upload/${started.s3file.uploadid}/`, { form });
    expect(inPath.status).toBe(202);
  });

  it("checks the upload id, targetid, filename and chunk number", async () => {
    const started = await init("a.png");
    const form = {
      id: started.s3file.uploadid,
      targetid: started.s3file.targetid,
      filename: `${started.s3_filename}/p1`,
      chunkNumber: "1",
    };
    expect((await call("/api/v4/upload/", { form: { ...form, id: "nope" } })).status).toBe(404);
    expect(
      (await call("/api/v4/upload/", { form: { ...form, targetid: "final/x/a.png" } })).status,
    ).toBe(400);
    expect((await call("/api/v4/upload/", { form: { ...form, filename: "x/p1" } })).status).toBe(
      400,
    );
    expect((await call("/api/v4/upload/", { form: { ...form, chunkNumber: "0" } })).status).toBe(
      400,
    );
    const { targetid: _t, ...noTarget } = form;
    expect((await call("/api/v4/upload/", { form: noTarget })).body.message).toBe(
      "No targetid provided",
    );
  });

  it("finalises chunks 1..N into one file, with or without /pN, and only once", async () => {
    const data = randomBytes(MIN_PART_BYTES + 10);
    const { init: started, chunks } = await uploadChunks(data, "a.png");
    expect(chunks).toBe(2);
    const res = await call(`/api/v4/upload/${started.s3file.uploadid}`, {
      form: { targetid: started.s3file.targetid, s3_filename: started.s3_filename, chunks: 2 },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      output: started.s3file.targetid.replace(/a\.png$/, ""),
      batchId: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}$/),
      file: { bucket: "bynder-uploads", path: started.s3file.targetid, type: "s3" },
      filename: started.s3file.targetid,
      importId: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}$/),
      locationType: "s3",
      success: 1,
    });
    const state = uploadStateOf(emulator.portal);
    expect(sha(state.imports.get(res.body.importId)!.bytes.data)).toBe(sha(data));
    expect(state.s3.bucket().has(`${started.s3_filename}/p1`)).toBe(false);
    const again = await finalise(started, 2);
    expect(again.body.importId).toBe(res.body.importId);
  });

  it("refuses to finalise with a chunk missing, unregistered or too small", async () => {
    const s3 = await endpoint();
    const started = await init("a.png");
    await postS3(s3, s3Form({ ...started.multipart_params }, 1, 2, Buffer.alloc(1000)));
    await postS3(s3, s3Form({ ...started.multipart_params }, 2, 2, Buffer.alloc(10)));
    const unregistered = await finalise(started, 2);
    expect(unregistered.status).toBe(500);
    expect(unregistered.body).toEqual({
      message: "Could not complete upload: chunk 1 of 2 was never registered",
      retry: 0,
      success: false,
    });
    for (const n of [1, 2]) {
      await call("/api/v4/upload/", {
        form: {
          id: started.s3file.uploadid,
          targetid: started.s3file.targetid,
          filename: `${started.s3_filename}/p${n}`,
          chunkNumber: n,
        },
      });
    }
    const small = await finalise(started, 2);
    expect(small.status).toBe(500);
    expect(small.body.message).toMatch(/chunk 1 of 2 is 1000 bytes; every chunk but the last/);
    const missing = await finalise(started, 3);
    expect(missing.body.message).toMatch(/chunk 3 of 3 was never registered/);
    const wrongKey = await finalise(started, 2, { s3_filename: `${started.s3_filename}/p1` });
    expect(wrongKey.status).toBe(400);
  });
});

describe("GET /api/v4/upload/poll", () => {
  it("reports an import in itemsDone only once processing has finished", async () => {
    const { init: started, chunks } = await uploadChunks(randomBytes(100), "a.png");
    const { importId } = (await finalise(started, chunks)).body;
    const early = await call(`/api/v4/upload/poll?items=${importId}`);
    expect(early.body).toEqual({ itemsDone: [], itemsFailed: [], itemsRejected: [] });
    await sleep(200);
    const late = await call(`/api/v4/upload/poll/?items=${importId},UNKNOWN`);
    expect(late.body).toEqual({ itemsDone: [importId], itemsFailed: [], itemsRejected: [] });
    const repeated = await call(`/api/v4/upload/poll/?items=${importId}&items=OTHER`);
    expect(repeated.body.itemsDone).toEqual([importId]);
    expect((await call("/api/v4/upload/poll/")).status).toBe(400);
  });

  it("puts a blocked extension in itemsRejected, and save refuses it", async () => {
    uploadStateOf(emulator.portal).rejectedExtensions.add("exe");
    try {
      const { init: started, chunks } = await uploadChunks(randomBytes(10), "setup.exe");
      const { importId } = (await finalise(started, chunks, { original_filename: "setup.exe" }))
        .body;
      await sleep(200);
      const res = await call(`/api/v4/upload/poll?items=${importId}`);
      expect(res.body.itemsRejected).toEqual([importId]);
      const save = await call(`/api/v4/media/save/${importId}`, { form: { brandId: brandId() } });
      expect(save.status).toBe(500);
    } finally {
      uploadStateOf(emulator.portal).rejectedExtensions.clear();
    }
  });
});

describe("the official JS SDK 2.5.2", () => {
  it("uploads with uploadFile as a new asset, a new version and an additional file, byte for byte", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Bynder = require("@bynder/bynder-js-sdk");
    // A portal of its own whose imports finish processing at once: the SDK polls every 2 s.
    const quick = await startEmulator({ processingMs: 0 });
    try {
      const sdk = new Bynder({ baseURL: `${quick.url}/api/`, permanentToken: quick.issueToken() });
      const data = randomBytes(MIN_PART_BYTES + 4321);
      const result = await sdk.uploadFile({
        filename: "sdk upload.png",
        body: data,
        length: data.length,
        data: { brandId: quick.portal.brands[0].id, name: "From the SDK" },
      });
      expect(result).toMatchObject({ success: true, mediaid: expect.any(String) });
      const media = quick.portal.media.get(result.mediaid)!;
      expect(media.name).toBe("From the SDK");
      expect(media.items.find((i) => i.type === "original")!.file.data.equals(data)).toBe(true);
      // What the SDK sent: two S3 POSTs without a token and with an unnamed file part, each
      // chunk registered with the id in the body, finalise with s3_filename=<key>/p2.
      const posts = quick.requestsTo("/s3/", "POST");
      expect(posts.map((p) => [p.status, p.headers.authorization])).toEqual([
        [201, undefined],
        [201, undefined],
      ]);
      const files = uploadStateOf(quick.portal).s3.posts.map((p) => p.file?.filename);
      expect(files).toEqual([undefined, undefined]);
      const registrations = quick
        .requestsTo("/api/v4/upload", "POST")
        .filter((r) => r.form?.chunkNumber);
      expect(registrations.map((r) => [r.path, r.form!.chunkNumber[0]])).toEqual([
        ["/api/v4/upload", "1"],
        ["/api/v4/upload", "2"],
      ]);
      const [finalise] = quick.requestsTo("/api/v4/upload/", "POST").filter((r) => r.form?.chunks);
      expect(finalise.form!.s3_filename[0]).toMatch(/\/p2$/);

      // A new version (saveAsset with mediaId) and an additional file (additional: true).
      const version = randomBytes(300);
      const asVersion = await sdk.uploadFile({
        filename: "v2.png",
        body: version,
        length: version.length,
        data: { brandId: quick.portal.brands[0].id, mediaId: result.mediaid },
      });
      expect(asVersion).toMatchObject({ success: true, mediaid: result.mediaid });
      const versions = media.items.filter((i) => i.type === "original");
      expect(versions.map((i) => [i.version, i.active])).toEqual([
        [1, false],
        [2, true],
      ]);
      expect(versions[1].file.data.equals(version)).toBe(true);
      const extra = randomBytes(200);
      const asAdditional = await sdk.uploadFile({
        filename: "extra.pdf",
        body: extra,
        length: extra.length,
        additional: true,
        data: { brandId: quick.portal.brands[0].id, id: result.mediaid },
      });
      expect(asAdditional).toMatchObject({ success: true, mediaid: result.mediaid });
      const additional = media.items.find((i) => i.id === asAdditional.itemId)!;
      expect(additional.type).toBe("additional");
      expect(additional.file.data.equals(extra)).toBe(true);
    } finally {
      await quick.stop();
    }
  });
});
