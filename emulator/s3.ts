/**
 * A small Amazon S3 for the legacy upload flow: browser-style "POST Object" uploads authorised by a
 * POST policy signed with AWS Signature Version 4, checked the way S3 checks them (signature,
 * expiry, every condition, no unlisted fields), with S3's XML answers.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { Bytes, Md5Hasher, md5Hex } from "./bytes";
import type { EmulatorResponse } from "./http";

export const S3_REGION = "eu-central-1";
export const S3_BUCKET = "bynder-uploads";
export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
/** S3's largest single PUT/POST object (5 GiB). */
export const S3_MAX_OBJECT_BYTES = 5 * 1024 ** 3;

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export type PolicyCondition =
  | Record<string, string>
  | ["eq" | "starts-with", string, string]
  | ["content-length-range", number, number];

export interface PolicyDocument {
  expiration: string;
  conditions: PolicyCondition[];
}

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

/** `20160216T100755Z`: SigV4's x-amz-date. */
export const amzDate = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");

const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac("sha256", key).update(data, "utf8").digest();

/** SigV4 signing key: HMAC chain over the date (yyyymmdd), region, service and "aws4_request". */
export const signingKey = (secret: string, date: string, region: string, service = "s3"): Buffer =>
  hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");

/** A POST policy's signature: hex HMAC-SHA256 of the base64 policy under the signing key. */
export const signPolicy = (
  policyBase64: string,
  credentials: S3Credentials,
  date: string,
): string =>
  createHmac("sha256", signingKey(credentials.secretAccessKey, date, credentials.region))
    .update(policyBase64, "utf8")
    .digest("hex");

export const newCredentials = (region = S3_REGION): S3Credentials => ({
  accessKeyId: `AKIA${randomBytes(10).toString("hex").toUpperCase().slice(0, 16)}`,
  secretAccessKey: randomBytes(30).toString("base64"),
  region,
});

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

interface Failure {
  status: number;
  code: string;
  message: string;
}
const fail = (status: number, code: string, message: string): Failure => ({
  status,
  code,
  message,
});

/**
 * The fields Bynder's init hands out (`multipart_params`), in Bynder's order, for uploads whose
 * keys start with `keyPrefix`. The policy also lists plupload's `name`, `chunk`, `chunks` and
 * `Filename`, which every SDK sends: S3 refuses any form field that no condition names.
 */
export const createPostPolicy = (options: {
  bucket: string;
  keyPrefix: string;
  contentType: string;
  credentials: S3Credentials;
  now: number;
  ttlMs: number;
  maxBytes?: number;
}): Record<string, string> => {
  const date = amzDate(options.now);
  const credential = `${options.credentials.accessKeyId}/${date.slice(0, 8)}/${options.credentials.region}/s3/aws4_request`;
  const policy: PolicyDocument = {
    expiration: new Date(options.now + options.ttlMs).toISOString(),
    conditions: [
      { bucket: options.bucket },
      ["starts-with", "$key", options.keyPrefix],
      { acl: "private" },
      { success_action_status: "201" },
      ["starts-with", "$Content-Type", ""],
      ["starts-with", "$name", ""],
      ["starts-with", "$chunk", ""],
      ["starts-with", "$chunks", ""],
      ["starts-with", "$Filename", ""],
      ["content-length-range", 0, options.maxBytes ?? S3_MAX_OBJECT_BYTES],
      { "x-amz-algorithm": SIGV4_ALGORITHM },
      { "x-amz-credential": credential },
      { "x-amz-date": date },
    ],
  };
  const encoded = Buffer.from(JSON.stringify(policy), "utf8").toString("base64");
  return {
    acl: "private",
    success_action_status: "201",
    "Content-Type": options.contentType,
    key: options.keyPrefix,
    Policy: encoded,
    "X-Amz-Signature": signPolicy(encoded, options.credentials, date.slice(0, 8)),
    "x-amz-credential": credential,
    "x-amz-algorithm": SIGV4_ALGORITHM,
    "x-amz-date": date,
  };
};

/** Fields S3 never expects a condition for. */
const EXEMPT = new Set(["policy", "x-amz-signature", "file"]);

const conditionText = (condition: PolicyCondition) => JSON.stringify(condition).replace(/,/g, ", ");

/**
 * Checks a POST Object request like S3: algorithm, credential scope, signature, policy expiry,
 * every condition (field names compare case-insensitively), and no field outside the policy.
 */
export const verifyPostPolicy = (options: {
  fields: Map<string, string>;
  fileSize: number;
  bucket: string;
  credentials: S3Credentials;
  now: number;
}): Failure | undefined => {
  const { fields, credentials } = options;
  const get = (name: string) => fields.get(name.toLowerCase());
  const policy = get("policy");
  if (policy === undefined) return fail(403, "AccessDenied", "Access Denied");
  const algorithm = get("x-amz-algorithm");
  if (algorithm !== SIGV4_ALGORITHM) {
    return fail(
      400,
      "InvalidArgument",
      `Only ${SIGV4_ALGORITHM} is supported as x-amz-algorithm; got "${algorithm ?? ""}"`,
    );
  }
  const credential = get("x-amz-credential") ?? "";
  const scope = /^([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request$/.exec(credential);
  if (!scope) {
    return fail(
      400,
      "AuthorizationQueryParametersError",
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  }
  if (scope[1] !== credentials.accessKeyId) {
    return fail(
      403,
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
    );
  }
  if (scope[3] !== credentials.region) {
    return fail(
      400,
      "AuthorizationQueryParametersError",
      `Error parsing the X-Amz-Credential parameter; the region '${scope[3]}' is wrong; expecting '${credentials.region}'`,
    );
  }
  const date = get("x-amz-date") ?? "";
  if (!/^\d{8}T\d{6}Z$/.test(date) || date.slice(0, 8) !== scope[2]) {
    return fail(
      400,
      "AuthorizationQueryParametersError",
      "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\" and match the date of the credential scope",
    );
  }
  const expected = signPolicy(policy, credentials, scope[2]);
  const given = (get("x-amz-signature") ?? "").toLowerCase();
  if (
    given.length !== expected.length ||
    !timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  ) {
    return fail(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    );
  }
  let document: PolicyDocument;
  try {
    document = JSON.parse(Buffer.from(policy, "base64").toString("utf8")) as PolicyDocument;
  } catch {
    return fail(400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON.");
  }
  if (!document || typeof document.expiration !== "string") {
    return fail(400, "InvalidPolicyDocument", "Invalid Policy: Policy missing expiration.");
  }
  const expires = Date.parse(document.expiration);
  if (Number.isNaN(expires)) {
    return fail(400, "InvalidPolicyDocument", "Invalid Policy: Invalid 'expiration' value.");
  }
  if (options.now > expires) {
    return fail(403, "AccessDenied", "Invalid according to Policy: Policy expired.");
  }
  if (!Array.isArray(document.conditions)) {
    return fail(400, "InvalidPolicyDocument", "Invalid Policy: Policy missing conditions.");
  }
  const named = new Set<string>();
  for (const condition of document.conditions) {
    const failed = fail(
      403,
      "AccessDenied",
      `Invalid according to Policy: Policy Condition failed: ${conditionText(condition)}`,
    );
    if (Array.isArray(condition)) {
      const [operator, subject, value] = condition;
      if (operator === "content-length-range") {
        if (options.fileSize > Number(value)) {
          return fail(
            400,
            "EntityTooLarge",
            "Your proposed upload exceeds the maximum allowed size",
          );
        }
        if (options.fileSize < Number(subject)) {
          return fail(
            400,
            "EntityTooSmall",
            "Your proposed upload is smaller than the minimum allowed size",
          );
        }
        continue;
      }
      if (typeof subject !== "string" || !subject.startsWith("$")) {
        return fail(400, "InvalidPolicyDocument", `Invalid Policy: ${conditionText(condition)}`);
      }
      const field = subject.slice(1).toLowerCase();
      named.add(field);
      const actual = field === "bucket" ? options.bucket : get(field);
      if (actual === undefined) return failed;
      if (operator === "eq" ? actual !== value : !actual.startsWith(String(value))) return failed;
    } else if (condition && typeof condition === "object") {
      for (const [name, value] of Object.entries(condition)) {
        const field = name.toLowerCase();
        named.add(field);
        const actual = field === "bucket" ? options.bucket : get(field);
        if (actual !== value) return failed;
      }
    } else {
      return fail(400, "InvalidPolicyDocument", "Invalid Policy: Invalid Simple-Condition.");
    }
  }
  const extra = [...fields.keys()].filter(
    (name) => !EXEMPT.has(name) && !name.startsWith("x-ignore-") && !named.has(name),
  );
  if (extra.length) {
    return fail(
      403,
      "AccessDenied",
      `Invalid according to Policy: Extra input fields: ${extra.join(", ")}`,
    );
  }
  return undefined;
};

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
