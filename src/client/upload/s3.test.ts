import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { BynderClient, configureRetries, retrySettings } from "../client";
import { BynderError } from "../errors";
import { s3ChunkForm, uploadChunkToS3 } from "./s3";

describe("s3ChunkForm", () => {
  const parts = (body: Buffer) =>
    [...body.toString("latin1").matchAll(/name="([^"]+)"(; filename="([^"]*)")?/g)].map(
      (m) => m[1] + (m[3] !== undefined ? ` (file ${m[3]})` : ""),
    );

  it("keeps the policy fields in order, sets the chunk's key in place and puts the file last", () => {
    const params = {
      acl: "private",
      key: "pluploads/api/u/Logo.png",
      Policy: "cG9saWN5",
      "x-amz-date": "20240101T000000Z",
    };
    const { form, key } = s3ChunkForm(params, 3, 7, Buffer.from("bytes"));
    expect(key).toBe("pluploads/api/u/Logo.png/p3");
    const body = form.getBuffer();
    expect(parts(body)).toEqual([
      "acl",
      "key",
      "Policy",
      "x-amz-date",
      "name",
      "chunk",
      "chunks",
      "Filename",
      "file (file Logo.png)",
    ]);
    const text = body.toString("latin1");
    expect(text).toContain('name="key"\r\n\r\npluploads/api/u/Logo.png/p3\r\n');
    expect(text).toContain('name="name"\r\n\r\nLogo.png/p3\r\n');
    expect(text).toContain('name="chunks"\r\n\r\n7\r\n');
    expect(text).toMatch(/Content-Type: application\/octet-stream\r\n\r\nbytes\r\n--[-\w]+--\r\n$/);
  });

  it("does not repeat plupload fields the parameters already carry", () => {
    const { form } = s3ChunkForm(
      { key: "k/a.png", name: "old", Filename: "old", chunk: "9" },
      1,
      1,
      Buffer.alloc(0),
    );
    expect(parts(form.getBuffer())).toEqual([
      "key",
      "name",
      "chunk",
      "chunks",
      "Filename",
      "file (file a.png)",
    ]);
  });

  it("refuses parameters without a key", () => {
    expect(() => s3ChunkForm({ acl: "private" }, 1, 1, Buffer.alloc(1))).toThrow(
      "Multipart Parameters has no key",
    );
  });
});

/**
 * An S3 stand-in on 127.0.0.1: answers each POST with the next step (a status, or "reset" to drop
 * the connection), then 201 with S3's PostResponse; records what arrived.
 */
const s3 = async (steps: (number | "reset")[], loop = false) => {
  const seen: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const server = createServer((req, res) => {
    const pieces: Buffer[] = [];
    req.on("data", (piece: Buffer) => pieces.push(piece));
    req.on("end", () => {
      seen.push({ headers: req.headers, body: Buffer.concat(pieces) });
      const step = loop ? steps[0] : (steps.shift() ?? 201);
      if (step === "reset") return void req.socket.destroy();
      const xml =
        step === 201
          ? "<PostResponse><Location>l</Location><Bucket>b</Bucket><Key>k</Key><ETag>e</ETag></PostResponse>"
          : `<Error><Code>${step === 403 ? "AccessDenied" : "InternalError"}</Code><Message>${step === 403 ? "Invalid according to Policy: Policy expired." : "We encountered an internal error."}</Message></Error>`;
      res.writeHead(step, { "Content-Type": "application/xml" }).end(xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, seen, close };
};

describe("uploadChunkToS3 follows the client's one retry policy", () => {
  const token = "portal-token-that-must-stay-home";
  const bynder = new BynderClient("http://127.0.0.1:9", token);
  const send = (url: string, spec: Parameters<BynderClient["external"]>[1]) =>
    bynder.external(url, spec);
  const params = { acl: "private", key: "pluploads/api/u/Logo.png", Policy: "cG9saWN5" };
  const data = Buffer.from("the bytes of chunk three");

  it("retries 5xx and network failures with a fresh form each time, never with the token", async () => {
    const server = await s3([503, "reset", 500]);
    try {
      const result = await uploadChunkToS3(send, {
        uploadUrl: server.url,
        params,
        chunk: 3,
        chunks: 10,
        data,
      });
      expect(result).toEqual({
        PostResponse: { Location: "l", Bucket: "b", Key: "k", ETag: "e" },
        filename: "pluploads/api/u/Logo.png/p3",
      });
      expect(server.seen).toHaveLength(4);
      for (const { headers, body } of server.seen) {
        expect(headers.authorization).toBeUndefined();
        expect(JSON.stringify(headers)).not.toContain(token);
        // Each attempt carries the whole form: its length as announced, the chunk's key and bytes.
        expect(body.length).toBe(Number(headers["content-length"]));
        expect(body.toString("latin1")).toContain("pluploads/api/u/Logo.png/p3");
        expect(body.includes(data)).toBe(true);
      }
      // A new form (and boundary) per attempt: a sent stream cannot be sent again.
      const boundaries = new Set(server.seen.map(({ headers }) => headers["content-type"]));
      expect(boundaries.size).toBe(4);
    } finally {
      await server.close();
    }
  });

  it("gives up after the client's maxRetries, naming the chunk and S3's message", async () => {
    const saved = retrySettings.maxRetries;
    configureRetries({ maxRetries: 2 });
    const server = await s3([500], true);
    try {
      const error = (await uploadChunkToS3(send, {
        uploadUrl: server.url,
        params,
        chunk: 3,
        chunks: 10,
        data,
      }).catch((e: unknown) => e)) as BynderError;
      expect(error).toBeInstanceOf(BynderError);
      expect(error.message).toBe(
        "Uploading chunk 3 of 10 to S3 failed (HTTP 500): InternalError: We encountered an internal error.",
      );
      expect(error.status).toBe(500);
      expect(server.seen).toHaveLength(3);
    } finally {
      configureRetries({ maxRetries: saved });
      await server.close();
    }
  });

  it("does not retry a 4xx", async () => {
    const server = await s3([403]);
    try {
      await expect(
        uploadChunkToS3(send, { uploadUrl: server.url, params, chunk: 3, chunks: 10, data }),
      ).rejects.toThrow(
        "Uploading chunk 3 of 10 to S3 failed (HTTP 403): AccessDenied: Invalid according to Policy: Policy expired.",
      );
      expect(server.seen).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
