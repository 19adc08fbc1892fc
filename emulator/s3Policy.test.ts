import { createHmac } from "node:crypto";
import {
  amzDate,
  createPostPolicy,
  newCredentials,
  signPolicy,
  signingKey,
  verifyPostPolicy,
  type PolicyDocument,
  type S3Credentials,
} from "./s3Policy";

const NOW = Date.UTC(2024, 4, 17, 10, 30, 5);

describe("SigV4 signing", () => {
  it("derives the signing key of AWS's published example", () => {
    // https://docs.aws.amazon.com/general/latest/gr/signature-v4-examples.html
    expect(
      signingKey(
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "20120215",
        "us-east-1",
        "iam",
      ).toString("hex"),
    ).toBe("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  });

  it("signs a policy as hex HMAC-SHA256 of its base64 under the day's key", () => {
    const credentials: S3Credentials = {
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      region: "us-east-1",
    };
    const policy = Buffer.from(
      '{"expiration":"2015-12-30T12:00:00.000Z","conditions":[]}',
    ).toString("base64");
    const key = signingKey(credentials.secretAccessKey, "20151229", "us-east-1");
    expect(signPolicy(policy, credentials, "20151229")).toBe(
      createHmac("sha256", key).update(policy).digest("hex"),
    );
    expect(signPolicy(policy, credentials, "20151230")).not.toBe(
      signPolicy(policy, credentials, "20151229"),
    );
  });

  it("formats x-amz-date", () => {
    expect(amzDate(NOW)).toBe("20240517T103005Z");
  });
});

describe("POST policy verification", () => {
  const credentials = newCredentials();
  const prefix = "pluploads/api/abc/Logo.png";
  const issued = () =>
    createPostPolicy({
      bucket: "bynder-uploads",
      keyPrefix: prefix,
      contentType: "image/png",
      credentials,
      now: NOW,
      ttlMs: 60_000,
      maxBytes: 100,
    });
  /** The form a client sends for chunk 1, as lower-cased field names (S3 compares them so). */
  const form = (params = issued(), extra: Record<string, string> = {}) =>
    new Map(
      Object.entries({
        ...params,
        key: `${prefix}/p1`,
        name: "Logo.png/p1",
        chunk: "1",
        chunks: "1",
        Filename: `${prefix}/p1`,
        ...extra,
      }).map(([k, v]) => [k.toLowerCase(), v]),
    );
  const verify = (fields: Map<string, string>, fileSize = 10, now = NOW) =>
    verifyPostPolicy({ fields, fileSize, bucket: "bynder-uploads", credentials, now });

  it("accepts what it issued, until the policy expires", () => {
    expect(verify(form())).toBeUndefined();
    expect(verify(form(), 10, NOW + 60_001)).toEqual({
      status: 403,
      code: "AccessDenied",
      message: "Invalid according to Policy: Policy expired.",
    });
  });

  it("lists the fields Bynder hands out, with the policy's conditions", () => {
    const params = issued();
    const policy = JSON.parse(Buffer.from(params.Policy, "base64").toString()) as PolicyDocument;
    expect(policy.expiration).toBe(new Date(NOW + 60_000).toISOString());
    expect(params["x-amz-credential"]).toBe(
      `${credentials.accessKeyId}/20240517/eu-central-1/s3/aws4_request`,
    );
    expect(params["x-amz-date"]).toBe("20240517T103005Z");
    expect(policy.conditions).toContainEqual(["content-length-range", 0, 100]);
  });

  it("checks every condition", () => {
    expect(verify(form(undefined, { key: "elsewhere/Logo.png/p1" }))?.message).toBe(
      `Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "${prefix}"]`,
    );
    expect(verify(form(undefined, { acl: "public-read" }))?.message).toBe(
      'Invalid according to Policy: Policy Condition failed: {"acl":"private"}',
    );
    const noName = form();
    noName.delete("name");
    expect(verify(noName)?.code).toBe("AccessDenied");
    expect(
      verifyPostPolicy({ fields: form(), fileSize: 1, bucket: "other", credentials, now: NOW })
        ?.message,
    ).toMatch(/Policy Condition failed: \{"bucket":"bynder-uploads"\}/);
    expect(verify(form(), 101)).toMatchObject({ status: 400, code: "EntityTooLarge" });
  });

  it("refuses fields no condition names, but not x-ignore- ones", () => {
    expect(verify(form(undefined, { "x-amz-meta-owner": "me" }))?.message).toBe(
      "Invalid according to Policy: Extra input fields: x-amz-meta-owner",
    );
    expect(verify(form(undefined, { "x-ignore-note": "fine" }))).toBeUndefined();
  });

  it("refuses a policy or signature that was changed, or another key's signature", () => {
    const params = issued();
    const policy = JSON.parse(Buffer.from(params.Policy, "base64").toString()) as PolicyDocument;
    policy.expiration = "2099-01-01T00:00:00.000Z";
    const tampered = { ...params, Policy: Buffer.from(JSON.stringify(policy)).toString("base64") };
    expect(verify(form(tampered))?.code).toBe("SignatureDoesNotMatch");
    const other = newCredentials();
    const foreign = createPostPolicy({
      bucket: "bynder-uploads",
      keyPrefix: prefix,
      contentType: "image/png",
      credentials: { ...other, accessKeyId: credentials.accessKeyId },
      now: NOW,
      ttlMs: 60_000,
    });
    expect(verify(form(foreign))?.code).toBe("SignatureDoesNotMatch");
    expect(
      verify(form(params, { "x-amz-signature": params["X-Amz-Signature"].toUpperCase() })),
    ).toBeUndefined();
  });

  it("checks algorithm, credential scope and date", () => {
    const params = issued();
    expect(verify(form(params, { "x-amz-algorithm": "AWS4-HMAC-SHA1" }))).toMatchObject({
      status: 400,
      code: "InvalidArgument",
    });
    expect(verify(form(params, { "x-amz-credential": "nonsense" }))?.code).toBe(
      "AuthorizationQueryParametersError",
    );
    const stranger = params["x-amz-credential"].replace(/^[^/]+/, "AKIAOTHER");
    expect(verify(form(params, { "x-amz-credential": stranger }))?.code).toBe("InvalidAccessKeyId");
    const region = params["x-amz-credential"].replace("eu-central-1", "us-east-1");
    expect(verify(form(params, { "x-amz-credential": region }))?.code).toBe(
      "AuthorizationQueryParametersError",
    );
    expect(verify(form(params, { "x-amz-date": "20240518T000000Z" }))?.code).toBe(
      "AuthorizationQueryParametersError",
    );
    const noPolicy = form(params);
    noPolicy.delete("policy");
    expect(verify(noPolicy)).toMatchObject({ status: 403, code: "AccessDenied" });
  });

  it("refuses a signed policy that is not JSON or has no expiration", () => {
    const sign = (text: string) => {
      const policy = Buffer.from(text).toString("base64");
      return {
        ...issued(),
        Policy: policy,
        "X-Amz-Signature": signPolicy(policy, credentials, "20240517"),
      };
    };
    expect(verify(form(sign("{nope")))).toMatchObject({ code: "InvalidPolicyDocument" });
    expect(verify(form(sign('{"conditions":[]}')))?.message).toBe(
      "Invalid Policy: Policy missing expiration.",
    );
  });
});
