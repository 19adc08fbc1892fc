/**
 * AWS Signature Version 4 as the emulated S3 uses it: signing keys, the POST policy Bynder's init
 * hands out, and the check S3 makes of a browser-style "POST Object" (signature, expiry, every
 * condition, no unlisted fields).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const S3_REGION = "eu-central-1";
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
