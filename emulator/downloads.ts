/**
 * Signed, expiring download URLs (like S3 pre-signed GETs) for an asset's files, checked when the
 * emulator's download bucket serves them; the signing secret is the portal's own.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Media, MediaItem, Portal } from "./portal";
import { amzDate } from "./s3Policy";

/** Seconds a download URL stays valid. */
export const DOWNLOAD_URL_TTL_SECONDS = 3600;
/** Path prefix of the emulator's download bucket (outside Bynder's API rate limit, like S3). */
export const DOWNLOAD_PATH = "/s3/files";

const parseAmzDate = (value: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
};
const sign = (portal: Portal, key: string, date: string, expires: string) =>
  createHmac("sha256", portal.downloadSecret)
    .update(`GET\n${key}\n${date}\n${expires}`)
    .digest("hex");

/** A pre-signed URL for one file of an asset, valid for `ttlSeconds` from `portal.now()`. */
export const signedDownloadUrl = (
  portal: Portal,
  baseUrl: string,
  media: Media,
  item: MediaItem,
  ttlSeconds = DOWNLOAD_URL_TTL_SECONDS,
): string => {
  const path = `${DOWNLOAD_PATH}/${encodeURIComponent(media.id)}/${encodeURIComponent(item.id)}/${encodeURIComponent(item.file.fileName)}`;
  const date = amzDate(portal.now());
  const expires = String(ttlSeconds);
  const signed = downloadKey(media.id, item.id, item.file.fileName);
  const query = new URLSearchParams({
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Credential": `EMULATOR/${date.slice(0, 8)}/eu-west-1/s3/aws4_request`,
    "X-Amz-Date": date,
    "X-Amz-Expires": expires,
    "X-Amz-SignedHeaders": "host",
    "X-Amz-Signature": sign(portal, signed, date, expires),
  });
  return `${baseUrl}${path}?${query.toString()}`;
};

/** What a download signature covers: the decoded object key (so URL re-encoding cannot break it). */
export const downloadKey = (mediaId: string, itemId: string, fileName: string) =>
  `${mediaId}/${itemId}/${fileName}`;

/** undefined when the URL's signature is valid and current; otherwise S3's error code and message. */
export const checkDownloadSignature = (
  portal: Portal,
  key: string,
  query: { get(name: string): string | undefined },
): { code: string; message: string } | undefined => {
  const date = query.get("X-Amz-Date");
  const expires = query.get("X-Amz-Expires");
  const signature = query.get("X-Amz-Signature");
  if (!date || !expires || !signature || query.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") {
    return {
      code: "AccessDenied",
      message:
        "Query-string authentication requires the X-Amz-Algorithm, X-Amz-Date, X-Amz-Expires and X-Amz-Signature parameters",
    };
  }
  const signedAt = parseAmzDate(date);
  const ttl = Number(expires);
  if (Number.isNaN(signedAt) || !Number.isInteger(ttl) || ttl < 1 || ttl > 604800) {
    return {
      code: "AuthorizationQueryParametersError",
      message: "X-Amz-Date or X-Amz-Expires is malformed",
    };
  }
  const expected = Buffer.from(sign(portal, key, date, expires), "hex");
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature) ? signature : "", "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      code: "SignatureDoesNotMatch",
      message:
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    };
  }
  if (portal.now() > signedAt + ttl * 1000)
    return { code: "AccessDenied", message: "Request has expired" };
  return undefined;
};

/** `attachment; filename="…"` with an RFC 5987 copy for names outside ASCII. */
export const contentDisposition = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};
