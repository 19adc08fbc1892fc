/**
 * A small Amazon S3 for the legacy upload flow: buckets of objects, browser-style "POST Object"
 * uploads checked against their signed policy (`s3Policy.ts`), and S3's XML answers.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { Bytes, Md5Hasher, md5Hex } from "./bytes";
import type { EmulatorResponse } from "./http";
import { S3_MAX_OBJECT_BYTES, newCredentials, verifyPostPolicy } from "./s3Policy";

export const S3_BUCKET = "bynder-uploads";

export interface S3Object {
  readonly bytes: Bytes;
  /** The object's bytes as one Buffer (joined from its pieces when first read). */
  readonly data: Buffer;
  readonly etag: string;
  contentType: string;
  lastModified: number;
}

/** What one POST brought, kept for assertions (the file's bytes are not repeated here). */
export interface S3PostRecord {
  bucket: string;
  /** Form fields in the order they arrived; the file part is listed as `file`. */
  fields: [string, string][];
  file?: { filename?: string; mimeType: string; bytes: number };
  authorization?: string;
  status: number;
  code?: string;
}

/** Escapes element text the way S3 does: `&`, `<` and `>` only (an ETag keeps its quotes). */
export const xmlEscape = (value: string): string =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** S3's error document. */
export const s3Error = (status: number, code: string, message: string): EmulatorResponse => ({
  status,
  contentType: "application/xml",
  text:
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code>` +
    `<Message>${xmlEscape(message)}</Message>` +
    `<RequestId>${randomBytes(8).toString("hex").toUpperCase()}</RequestId>` +
    `<HostId>${randomBytes(24).toString("base64")}</HostId></Error>`,
});

/** One emulated S3 region: its credentials, buckets and a log of POSTs. */
export class FakeS3 {
  readonly credentials = newCredentials();
  readonly buckets = new Map<string, Map<string, S3Object>>([[S3_BUCKET, new Map()]]);
  readonly posts: S3PostRecord[] = [];
  /** POSTs that arrived with an Authorization header (a leaked Bynder token would show here). */
  readonly authorizationHeaders: string[] = [];
  private readonly md5 = new Md5Hasher();

  constructor(private readonly now: () => number) {}

  bucket(name = S3_BUCKET): Map<string, S3Object> {
    return this.buckets.get(name)!;
  }

  /** Stores an object; without an ETag given, its MD5 is computed when first read. */
  put(
    bucket: string,
    key: string,
    content: Bytes | Buffer,
    contentType: string,
    etag?: string,
  ): S3Object {
    const bytes = content instanceof Bytes ? content : new Bytes(content);
    const object = {
      bytes,
      get data() {
        return bytes.data;
      },
      get etag() {
        return (etag ??= `"${md5Hex(bytes)}"`);
      },
      contentType,
      lastModified: this.now(),
    };
    this.bucket(bucket).set(key, object);
    return object;
  }

  /** Stops the hashing thread (the emulator's stop calls it). */
  close(): Promise<void> {
    return this.md5.close();
  }

  /**
   * POST Object: a multipart/form-data body of fields then the file, which must come last. The
   * file part is recognised by its name `file` whether or not it carries a filename (the JS SDK
   * sends it without one).
   */
  async handlePost(
    incoming: IncomingMessage,
    bucketName: string,
    baseUrl: string,
  ): Promise<{ response: EmulatorResponse; record: S3PostRecord }> {
    const record: S3PostRecord = { bucket: bucketName, fields: [], status: 0 };
    this.posts.push(record);
    const done = (response: EmulatorResponse) => {
      record.status = response.status;
      record.code = /<Code>([^<]*)<\/Code>/.exec(response.text ?? "")?.[1];
      return { response, record };
    };
    const authorization = incoming.headers.authorization;
    if (authorization) {
      record.authorization = authorization.replace(/^(\S+)\s.*$/, "$1 [redacted]");
      this.authorizationHeaders.push(record.authorization);
    }
    const parsed = await parseMultipart(incoming).catch((error: Error) => error);
    if (parsed instanceof Error) {
      return done(s3Error(400, "MalformedPOSTRequest", parsed.message));
    }
    record.fields = parsed.order;
    if (parsed.file) {
      record.file = {
        filename: parsed.file.filename,
        mimeType: parsed.file.mimeType,
        bytes: parsed.file.bytes.length,
      };
    }
    if (authorization) {
      // S3 reads an Authorization header as a request signature; a Bynder bearer token is not one.
      return done(s3Error(400, "InvalidArgument", "Unsupported Authorization Type"));
    }
    const bucket = this.buckets.get(bucketName);
    if (!bucket) return done(s3Error(404, "NoSuchBucket", "The specified bucket does not exist"));
    if (parsed.problem) return done(s3Error(400, parsed.problem.code, parsed.problem.message));
    if (!parsed.file) {
      return done(
        s3Error(400, "InvalidArgument", "POST requires exactly one file upload per request."),
      );
    }
    const failure = verifyPostPolicy({
      fields: parsed.fields,
      fileSize: parsed.file.bytes.length,
      bucket: bucketName,
      credentials: this.credentials,
      now: this.now(),
    });
    if (failure) return done(s3Error(failure.status, failure.code, failure.message));
    const key = parsed.fields.get("key");
    if (!key) {
      return done(s3Error(400, "InvalidArgument", "Bucket POST must contain a field named 'key'."));
    }
    const { bytes, md5 } = await this.md5.hash(parsed.file.bytes.parts());
    const object = this.put(
      bucketName,
      key,
      bytes,
      parsed.fields.get("content-type") ?? "binary/octet-stream",
      `"${md5}"`,
    );
    const location = `${baseUrl}/s3/${bucketName}/${key.split("/").map(encodeURIComponent).join("/")}`;
    const headers = { ETag: object.etag, Location: location };
    const status = parsed.fields.get("success_action_status");
    if (status === "201") {
      return done({
        status: 201,
        contentType: "application/xml",
        headers,
        text:
          `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${xmlEscape(location)}</Location>` +
          `<Bucket>${xmlEscape(bucketName)}</Bucket><Key>${xmlEscape(key)}</Key>` +
          `<ETag>${xmlEscape(object.etag)}</ETag></PostResponse>`,
      });
    }
    return done({ status: status === "200" ? 200 : 204, headers });
  }
}

interface ParsedPost {
  /** Lower-cased field names (S3 compares them case-insensitively) to values. */
  fields: Map<string, string>;
  order: [string, string][];
  file?: { filename?: string; mimeType: string; bytes: Bytes };
  problem?: { code: string; message: string };
}

/** Reads a multipart body with busboy, keeping the field order and the file's bytes. */
const parseMultipart = (incoming: IncomingMessage): Promise<ParsedPost> =>
  new Promise((resolve, reject) => {
    const contentType = String(incoming.headers["content-type"] ?? "");
    const result: ParsedPost = { fields: new Map(), order: [] };
    const problem = (code: string, message: string) => {
      result.problem ??= { code, message };
    };
    let parser: busboy.Busboy;
    try {
      if (!/^multipart\/form-data/i.test(contentType)) throw new Error("not multipart");
      parser = busboy({
        headers: incoming.headers,
        limits: { fieldSize: 64 * 1024, fields: 100, files: 5, fileSize: S3_MAX_OBJECT_BYTES },
      });
    } catch {
      incoming.resume();
      incoming.on("end", () =>
        resolve({
          ...result,
          problem: {
            code: "PreconditionFailed",
            message: "Bucket POST must be of the enclosure-type multipart/form-data",
          },
        }),
      );
      incoming.on("error", reject);
      return;
    }
    let fileSeen = false;
    const afterFile = (name: string) => {
      if (fileSeen) {
        problem(
          "InvalidArgument",
          `The file must be the last field of the form; "${name}" came after it`,
        );
      }
    };
    const takeFile = (name: string, bytes: Bytes, mimeType: string, filename?: string) => {
      result.order.push([name, `<${bytes.length} bytes>`]);
      if (!result.file) result.file = { filename, mimeType, bytes };
    };
    parser.on("field", (name, value, info) => {
      afterFile(name);
      if (name.toLowerCase() === "file") {
        // A file part with neither filename nor Content-Type arrives as a plain field.
        fileSeen = true;
        if (info.valueTruncated) problem("EntityTooLarge", "The text file field is too large");
        takeFile(name, new Bytes(Buffer.from(value, "utf8")), info.mimeType);
        return;
      }
      result.order.push([name, value]);
      const lower = name.toLowerCase();
      if (result.fields.has(lower)) {
        problem("InvalidArgument", `Field ${name} appears more than once`);
      }
      result.fields.set(lower, value);
    });
    parser.on("file", (name, stream, info) => {
      afterFile(name);
      if (name.toLowerCase() !== "file") {
        problem(
          "InvalidArgument",
          `POST requires exactly one file upload per request, in a field named "file"; got "${name}".`,
        );
      }
      fileSeen = true;
      const pieces: Buffer[] = [];
      stream.on("data", (piece: Buffer) => pieces.push(piece));
      stream.on("end", () => takeFile(name, new Bytes(pieces), info.mimeType, info.filename));
    });
    parser.on("close", () => resolve(result));
    parser.on("error", (error: Error) => {
      incoming.unpipe(parser);
      incoming.resume();
      reject(error);
    });
    incoming.on("error", reject);
    incoming.pipe(parser);
  });
