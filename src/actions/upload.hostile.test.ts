/**
 * Upload File and the upload steps against a portal, proxy or file server that misbehaves: an
 * upload reports success only for an asset that exists, a compressed Source URL works, and the
 * download is closed whatever ends the upload (issue 13).
 */
import { randomBytes } from "node:crypto";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { activeOriginal } from "../../emulator/media";
import { bynderClientCredentials, DEFAULT_SCOPES } from "../connections";
import { harness, useEmulator } from "../../test/support";
import { configureUploads, MiB } from "../client";
import { failure as actionFailure, loggerInto, portalOf } from "./upload.testing";

const env = useEmulator({ processingMs: 20 });
configureUploads({ chunkTimeoutMs: 2_000, pollInitialMs: 10, pollMaxMs: 50 });

const { brandId, someAsset } = portalOf(env);

interface Uploaded {
  data: { mediaId: string; size: number; fileName: string };
}
const run = (key: string, params: Record<string, unknown>, connection = env.connection) =>
  harness.action(key, { connection, ...params }, loggerInto([]));
const failure = (key: string, params: Record<string, unknown>, connection?: unknown) =>
  actionFailure(key, { connection: connection ?? env.connection, ...params });

const closeServer = (server: ReturnType<typeof createServer>) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
const listen = async (server: ReturnType<typeof createServer>) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const LOGIN_PAGE =
  "<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body><form>Password</form></body></html>";

/**
 * A proxy in front of the emulator that answers the requests `hijack` picks with a 200 login page
 * (a captive portal, a wrong host); everything else goes through. Returns a connection via it.
 */
const loginPageProxy = async (hijack: (method: string, path: string) => boolean) => {
  const target = new URL(env.emulator.url);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (hijack(req.method ?? "GET", req.url ?? "/")) {
      req.resume();
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(LOGIN_PAGE);
      return;
    }
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  const url = await listen(server);
  const connection = createConnection(
    bynderClientCredentials,
    {
      tokenUrl: `${url}/v6/authentication/oauth2/token`,
      scopes: DEFAULT_SCOPES,
      clientId: env.emulator.clientId,
      clientSecret: env.emulator.clientSecret,
    },
    { access_token: env.emulator.issueToken(DEFAULT_SCOPES), token_type: "bearer" },
  );
  return { connection, close: () => closeServer(server) };
};

const newAsset = (method: string, extra: Record<string, unknown> = {}) => ({
  file: Buffer.from("a small file"),
  fileName: "small.png",
  saveAs: "newAsset",
  brandId: brandId(),
  uploadMethod: method,
  ...extra,
});

describe("an upload reports success only for an asset that exists", () => {
  const refusals: [string, unknown, string][] = [
    [
      '{"success": false, …}',
      { success: false, message: "Brand is archived" },
      "HTTP 200, application/json: Brand is archived",
    ],
    ["{}", {}, "HTTP 200, application/json: {}"],
  ];
  for (const method of ["legacy", "filesService"]) {
    it.each(refusals)(`fails a ${method} save answered 200 with %s`, async (_name, body, said) => {
      env.emulator.faults.inject({
        path: "/api/v4/media/save/",
        method: "POST",
        steps: [{ status: 200, body }],
      });
      const error = await failure("uploadFile", newAsset(method));
      expect(error.message).toMatch(/^Bynder did not save import \S+ as a new asset/);
      expect(error.message).toContain(said);
    });
  }

  it("fails a save answered with a login page", async () => {
    const proxy = await loginPageProxy((method, path) => path.startsWith("/api/v4/media/save/"));
    try {
      const error = await failure("uploadFile", newAsset("legacy"), proxy.connection);
      expect(error.message).toMatch(
        /^Bynder POST \/api\/v4\/media\/save\/\S+ answered something other than what Bynder sends: not JSON \(HTTP 200, text\/html.*Sign in to the network/,
      );
    } finally {
      await proxy.close();
    }
  });

  it("fails a new version or an additional file Bynder did not save", async () => {
    env.emulator.faults.inject({
      path: /^\/api\/v4\/media\/[^/]+\/save\//,
      method: "POST",
      steps: [
        { status: 200, body: { success: false, message: "Asset is locked" } },
        { status: 200, body: {} },
      ],
    });
    const version = await failure("uploadFile", {
      ...newAsset("legacy"),
      saveAs: "newVersion",
      assetId: someAsset().id,
    });
    expect(version.message).toMatch(
      /^Bynder did not save import \S+ as a new version of asset \S+ \(no mediaid in its answer\): HTTP 200, application\/json: Asset is locked$/,
    );
    const additional = await failure("uploadFile", {
      ...newAsset("legacy"),
      saveAs: "additional",
      assetId: someAsset().id,
    });
    expect(additional.message).toBe(
      `Bynder did not save the upload as an additional file of asset ${someAsset().id}: HTTP 200, application/json: {}`,
    );
  });

  it("fails a finalise that gives no import, before polling or saving", async () => {
    env.emulator.faults.inject({
      path: /^\/api\/v4\/upload\/[^/]+/,
      method: "POST",
      steps: [{ status: 200, body: { success: 0, message: "Could not assemble the file" } }],
    });
    const error = await failure("uploadFile", newAsset("legacy"));
    expect(error.message).toBe(
      "Bynder did not finalise the upload of small.png (no importId in its answer): HTTP 200, application/json: Could not assemble the file",
    );
    expect(env.emulator.requestsTo("/api/v4/upload/poll")).toHaveLength(0);
    expect(env.emulator.requestsTo("/api/v4/media/save/")).toHaveLength(0);
  });

  it("fails a poll that lists nothing at once, not at the processing timeout", async () => {
    env.emulator.faults.inject({
      path: "/api/v4/upload/poll",
      method: "GET",
      steps: [{ status: 200, body: {} }],
      loop: true,
    });
    const error = await failure("uploadFile", newAsset("legacy"));
    expect(error.message).toMatch(
      /^Bynder's poll of \S+ listed no itemsDone, itemsFailed or itemsRejected: HTTP 200, application\/json: \{\}$/,
    );
    expect(env.emulator.faults.hits()).toEqual([1]);
  });

  it("fails a chunk registration answered with a login page", async () => {
    const proxy = await loginPageProxy(
      (method, path) => method === "POST" && path === "/api/v4/upload/",
    );
    try {
      const error = await failure("uploadFile", newAsset("legacy"), proxy.connection);
      expect(error.message).toMatch(
        /^Registering chunk 1 of 1 \(\S+\/p1\) failed \(HTTP 200\): .*Sign in to the network/,
      );
      const finalised = env.emulator.requests.filter(
        (r) => r.path.startsWith("/api/v4/") && r.form?.chunks !== undefined,
      );
      expect(finalised).toHaveLength(0);
    } finally {
      await proxy.close();
    }
  });

  it("fails an init answered with a login page with Bynder's answer, not a TypeError", async () => {
    const proxy = await loginPageProxy((method, path) => path.startsWith("/api/upload/init"));
    try {
      const error = await failure("uploadFile", newAsset("legacy"), proxy.connection);
      expect(error.message).not.toContain("Cannot read properties");
      expect(error.message).toMatch(
        /^Bynder POST \/api\/upload\/init\/ answered something other than what Bynder sends: not JSON \(HTTP 200, text\/html.*Sign in to the network/,
      );
      const step = await failure("initialiseUpload", { filename: "small.png" }, proxy.connection);
      expect(step.message).toContain("Bynder POST /api/upload/init/ answered something other");
    } finally {
      await proxy.close();
    }
  });

  it("fails an S3 endpoint answered with a login page", async () => {
    const proxy = await loginPageProxy((method, path) => path.startsWith("/api/upload/endpoint"));
    try {
      const error = await failure("uploadFile", newAsset("legacy"), proxy.connection);
      expect(error.message).toMatch(
        /^Bynder GET \/api\/upload\/endpoint\/ answered something other than what Bynder sends: not JSON \(HTTP 200, text\/html.*Sign in to the network/,
      );
    } finally {
      await proxy.close();
    }
  });

  it("fails each /v7 step Bynder did not do", async () => {
    const prepare = await loginPageProxy((method, path) => path.endsWith("/upload/prepare"));
    try {
      const error = await failure("uploadFile", newAsset("filesService"), prepare.connection);
      expect(error.message).toMatch(
        /^Bynder POST \/v7\/file_cmds\/upload\/prepare answered something other than what Bynder sends: not JSON \(HTTP 200, text\/html.*Sign in to the network/,
      );
    } finally {
      await prepare.close();
    }
    const chunk = await loginPageProxy((method, path) => path.includes("/chunk/"));
    try {
      const error = await failure("uploadFile", newAsset("filesService"), chunk.connection);
      expect(error.message).toMatch(
        /^Uploading chunk 1 of 1 to Bynder failed \(HTTP 200\): .*Sign in to the network/,
      );
    } finally {
      await chunk.close();
    }
    env.emulator.faults.inject({
      path: /\/finalise_api$/,
      method: "POST",
      steps: [{ status: 200, body: { success: false, message: "sha256 mismatch" } }],
    });
    const error = await failure("uploadFile", newAsset("filesService"));
    expect(error.message).toMatch(
      /^Bynder did not finalise the upload of small\.png \(file \S+\): HTTP 200, application\/json: sha256 mismatch$/,
    );
    expect(env.emulator.requestsTo("/api/v4/media/save/")).toHaveLength(0);
  });

  it("the single steps check Bynder's answer too", async () => {
    env.emulator.faults.inject({
      path: "/api/v4/media/save/",
      method: "POST",
      steps: [{ status: 200, body: {} }],
    });
    const error = await failure("saveAsNewAsset", {
      importId: "00B627BB-8054-44C0-A343FCF40BC790CD",
      brandId: brandId(),
    });
    expect(error.message).toMatch(/^Bynder did not save import 00B627BB-\S+ as a new asset/);
  });
});

// ---------------------------------------------------------------------------------------------
// Source URL: compressed, truncated, and closed on every path
// ---------------------------------------------------------------------------------------------

/** A file server whose answers the test shapes; it records whether each download was closed. */
const fileServer = async (
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; closed: Promise<void>[]; close: () => Promise<void> }> => {
  const closed: Promise<void>[] = [];
  const server = createServer((req, res) => {
    closed.push(new Promise((resolve) => res.on("close", () => resolve())));
    answer(req, res);
  });
  const url = await listen(server);
  return { url, closed, close: () => closeServer(server) };
};

const stored = (result: Uploaded) =>
  activeOriginal(env.emulator.portal.media.get(result.data.mediaId)!)!.file.data;

describe("Source URL", () => {
  const file = randomBytes(6 * MiB + 321);
  const encodings: [string, (data: Buffer) => Buffer][] = [
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["deflate (raw, as some servers send it)", deflateRawSync],
    // Brotli's default quality takes half a minute on 6 MiB; the decoder does not care.
    ["br", (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })],
  ];

  it.each(encodings)(
    "uploads a file served with Content-Encoding %s and a Content-Length",
    async (name, encode) => {
      const body = encode(file);
      const server = await fileServer((_req, res) => {
        res.writeHead(200, {
          "Content-Type": "application/octet-stream",
          "Content-Encoding": name.split(" ")[0],
          "Content-Length": String(body.length),
        });
        res.end(body);
      });
      try {
        for (const method of ["legacy", "filesService"]) {
          const result = (await run("uploadFile", {
            sourceUrl: `${server.url}/files/archive.bin`,
            saveAs: "newAsset",
            brandId: brandId(),
            uploadMethod: method,
          })) as Uploaded;
          expect(result.data).toMatchObject({ fileName: "archive.bin", size: file.length });
          expect(stored(result).equals(file)).toBe(true);
        }
      } finally {
        await server.close();
      }
    },
  );

  it("fails a truncated download naming the Source URL without its query values", async () => {
    const server = await fileServer((_req, res) => {
      res.writeHead(200, { "Content-Length": String(file.length) });
      res.write(file.subarray(0, 3 * MiB), () => res.destroy());
    });
    try {
      for (const method of ["legacy", "filesService"]) {
        const error = await failure("uploadFile", {
          sourceUrl: `${server.url}/files/cut.bin?token=s3cr3t-value&v=2`,
          saveAs: "newAsset",
          brandId: brandId(),
          uploadMethod: method,
        });
        expect(error.message).toContain(`${server.url}/files/cut.bin?token=…&v=…`);
        expect(error.message).toMatch(
          /^Source URL: the download ended before the 6291777 bytes its Content-Length announced/,
        );
        expect(error.message).not.toContain("s3cr3t-value");
      }
      expect(env.emulator.requests.filter((r) => r.form?.chunks !== undefined)).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("closes the download whatever ends the upload", async () => {
    // A big file that the server sends only as fast as it is read: open until someone closes it.
    const server = await fileServer((req, res) => {
      const named = !req.url?.startsWith("/nameless");
      res.writeHead(200, {
        "Content-Length": String(512 * MiB),
        ...(named ? { "Content-Disposition": 'attachment; filename="big.mov"' } : {}),
      });
      const piece = Buffer.alloc(MiB);
      const more = () => {
        while (res.write(piece));
      };
      res.on("drain", more);
      more();
    });
    const ends: [string, () => void, Record<string, unknown>][] = [
      ["no file name", () => undefined, { sourceUrl: `${server.url}/nameless/` }],
      [
        "init refused",
        () =>
          env.emulator.faults.inject({ path: "/api/upload/init", method: "POST", steps: [400] }),
        {},
      ],
      [
        "prepare refused",
        () =>
          env.emulator.faults.inject({
            path: "/v7/file_cmds/upload/prepare",
            method: "POST",
            steps: [403],
          }),
        { uploadMethod: "filesService" },
      ],
      [
        "a chunk refused",
        () =>
          env.emulator.faults.inject({
            path: "/s3/bynder-uploads",
            method: "POST",
            steps: ["pass", 403],
          }),
        {},
      ],
    ];
    try {
      for (const [name, fault, params] of ends) {
        env.emulator.faults.clear();
        fault();
        const error = await failure("uploadFile", {
          sourceUrl: `${server.url}/media/big.mov`,
          saveAs: "newAsset",
          brandId: brandId(),
          uploadMethod: "legacy",
          ...params,
        });
        const closed = await Promise.race([
          server.closed.at(-1)!.then(() => "closed"),
          new Promise((resolve) => setTimeout(() => resolve(`left open after: ${name}`), 5_000)),
        ]);
        expect(`${closed}: ${error.message}`).toMatch(/^closed: /);
      }
    } finally {
      await server.close();
    }
  });

  it("Upload File To Job closes the download when the job does not exist", async () => {
    const server = await fileServer((_req, res) => {
      res.writeHead(200, { "Content-Length": String(64 * MiB) });
      res.write(Buffer.alloc(MiB)); // and then nothing: open until someone closes it
    });
    try {
      const error = await failure("uploadFileToJob", {
        jobId: "00000000-0000-4000-8000-000000000000",
        sourceUrl: `${server.url}/brief.pdf`,
      });
      expect(error.message).toMatch(/404/);
      const closed = await Promise.race([
        server.closed.at(-1)!.then(() => "closed"),
        new Promise((resolve) => setTimeout(() => resolve("left open"), 5_000)),
      ]);
      expect(closed).toBe("closed");
    } finally {
      await server.close();
    }
  });
});
