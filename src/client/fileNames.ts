/**
 * File names in Content-Disposition headers, for downloads and Source URLs alike. Reading is the
 * maintained `content-disposition` package's (RFC 6266, RFC 8187's `filename*`, quoting rules).
 */
import { parse } from "content-disposition";

/** The file name a Content-Disposition header gives, or undefined when it gives none or is malformed. */
export const fileNameFromDisposition = (header: string | undefined): string | undefined => {
  if (!header) return undefined;
  try {
    return parse(header).parameters.filename?.trim() || undefined;
  } catch {
    return undefined; // a malformed header names nothing; the URL's last segment is the fallback
  }
};

/** The last segment of a URL's path, decoded, or undefined. */
export const fileNameFromUrl = (url: string): string | undefined => {
  try {
    const last = new URL(url).pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * `attachment; filename="…"; filename*=UTF-8''…`: always quoted, with an ASCII fallback: the form
 * Download Asset has always returned, which flows may match on (the package would leave a plain
 * name unquoted).
 */
export const attachmentDisposition = (fileName: string): string =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
