/**
 * The destination: an HTTP endpoint that receives the file (POST, the bytes as the body) and answers
 * with the copy's URL, as JSON `{ "url": "…" }`, as a plain-text URL, or in a Location header.
 * Sent with spectral's HTTP client and its retry settings: network errors, 429 and 5xx are retried
 * with exponential backoff; anything else, or the last failure, is a clear error.
 */
import { createClient } from "@prismatic-io/spectral/dist/clients/http";
import type { AxiosError } from "axios";

export interface Destination {
  url: string;
  /** Optional authentication header, e.g. `Authorization` with `Bearer …`. */
  headerName?: string;
  headerValue?: string;
}

/** Attempts in all (the first plus retries), and the first retry's wait (each later one doubles). */
export const destinationRetry = { attempts: 4, delayMs: 1_000 };

export interface FileToCopy {
  assetId: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

const retryable = (error: AxiosError) =>
  !error.response || error.response.status === 429 || error.response.status >= 500;

/** The copy's URL from the destination's answer; undefined when it gave none. */
const urlOf = (data: unknown, location: unknown): string | undefined => {
  const text = Buffer.isBuffer(data) ? data.toString("utf8").trim() : String(data ?? "").trim();
  let candidate: unknown = typeof location === "string" ? location : undefined;
  if (text.startsWith("{")) {
    try {
      candidate = (JSON.parse(text) as { url?: unknown }).url ?? candidate;
    } catch {
      /* not JSON: fall through to the text itself */
    }
  } else if (/^https?:\/\//i.test(text)) {
    candidate = text;
  }
  if (typeof candidate !== "string") return undefined;
  try {
    return new URL(candidate).toString();
  } catch {
    return undefined;
  }
};

export const sendToDestination = async (
  destination: Destination,
  file: FileToCopy,
): Promise<string> => {
  const { attempts, delayMs } = destinationRetry;
  const client = createClient({
    responseType: "arraybuffer",
    timeout: 120_000,
    retryConfig: {
      retries: attempts - 1,
      retryDelay: delayMs,
      useExponentialBackoff: true,
      retryCondition: retryable,
    },
  });
  const headers: Record<string, string> = {
    "Content-Type": file.contentType,
    "X-Bynder-Asset-Id": file.assetId,
    "X-File-Name": encodeURIComponent(file.fileName),
  };
  if (destination.headerName && destination.headerValue) {
    headers[destination.headerName] = destination.headerValue;
  }
  let response;
  try {
    response = await client.post<Buffer>(destination.url, file.bytes, {
      headers,
      maxBodyLength: Infinity,
    });
  } catch (error) {
    const status = (error as AxiosError).response?.status;
    const body = (error as AxiosError).response?.data;
    const detail = status
      ? `HTTP ${status}${
          body
            ? `: ${Buffer.from(body as Buffer)
                .toString("utf8")
                .slice(0, 200)}`
            : ""
        }`
      : (error as Error).message;
    const tries = status && !retryable(error as AxiosError) ? "" : ` after ${attempts} attempts`;
    throw new Error(
      `Asset ${file.assetId}: the destination ${new URL(destination.url).origin} did not take the file${tries} (${detail}). No backlink was written.`,
    );
  }
  const url = urlOf(response.data, response.headers.location);
  if (!url) {
    throw new Error(
      `Asset ${file.assetId}: the destination answered HTTP ${response.status} without the copy's URL (expected JSON {"url": …}, a URL as text, or a Location header). No backlink was written.`,
    );
  }
  return url;
};
