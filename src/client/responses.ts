/**
 * Reading what came back: a 200 that is not what Bynder sends (a proxy's HTML login page, truncated
 * JSON, JSON of the wrong kind) is an error, not data; a body has a size limit; an error answer
 * becomes a BynderError with Bynder's message. Nothing here ever shows a secret.
 */
import type { AxiosResponse } from "axios";
import type { Readable } from "stream";
import { BynderError, bynderMessage } from "./errors";
import { pathOf, scrub } from "./urls";

/**
 * The JSON a call must get: an object, an array, or a check that returns what is wrong with the
 * body (undefined when it is fine), e.g. `(body) => Array.isArray(body?.media) ? undefined : "no
 * media array"`. Without it, any JSON (or an empty body) is accepted.
 */
export type ExpectedJson = "object" | "array" | ((body: unknown) => string | undefined);

const MiB = 1024 * 1024;

/**
 * The largest body read into memory, by kind; a larger one fails the call as it arrives. A call may
 * pass its own `maxBytes`; a stream has no default limit (Upload File pipes sources of any size).
 */
export const responseLimits = {
  /** JSON and text: a list page of 1,000 assets is a few MiB. */
  jsonBytes: 64 * MiB,
  /** Files read whole (Download Asset, transformations); axios's joining doubles the peak. */
  fileBytes: 256 * MiB,
};

/** "512 MiB", "1.5 KiB", "300 bytes". */
export const sizeText = (bytes: number): string => {
  const [unit, size] = bytes >= MiB ? ["MiB", MiB] : bytes >= 1024 ? ["KiB", 1024] : ["bytes", 1];
  const value = bytes / size;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
};

/** axios's maxContentLength error, reworded to say what the limit is and why it exists. */
export const tooLarge = (error: unknown, maxBytes: number): unknown =>
  error &&
  typeof error === "object" &&
  String((error as Error).message).includes("maxContentLength")
    ? new Error(
        `the response is larger than the ${sizeText(maxBytes)} this call reads into memory, so it was not read`,
      )
    : error;

export const flatHeaders = (headers: AxiosResponse["headers"]): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)]),
  );

/** Up to 64 KiB of a stream (an error body asked for as a stream), so its message can be read. */
export const readSome = async (stream: Readable, max = 64 * 1024): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buffer);
    size += buffer.length;
    if (size >= max) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks);
};

const MARKUP = /\b(html|xml)\b/i;

/** The JSON in an error answer when there is some, else its text (for the error's message). */
export const lenientJson = (text: unknown): unknown => {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const kindOf = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;

const problemWith = (body: unknown, expected?: ExpectedJson): string | undefined => {
  if (expected === "object") {
    return body && typeof body === "object" && !Array.isArray(body)
      ? undefined
      : `expected a JSON object, got ${kindOf(body)}`;
  }
  if (expected === "array") {
    return Array.isArray(body) ? undefined : `expected a JSON array, got ${kindOf(body)}`;
  }
  return expected?.(body);
};

/**
 * The parsed body of a successful answer to a call that expects JSON, or a BynderError naming the
 * call and saying what arrived: status, content type and the start of the body (secrets scrubbed).
 */
export const jsonBody = (
  call: { method: string; path: string },
  response: { status: number; headers: Record<string, string>; data: unknown },
  expected: ExpectedJson | undefined,
  secrets: readonly string[],
): unknown => {
  const text = typeof response.data === "string" ? response.data : "";
  const type = response.headers["content-type"] ?? "";
  let problem: string | undefined;
  let body: unknown = "";
  if (!text.trim()) {
    problem = expected ? "an empty body" : undefined;
  } else if (MARKUP.test(type)) {
    problem = "not JSON";
  } else {
    try {
      body = JSON.parse(text) as unknown;
      problem = problemWith(body, expected);
    } catch (error) {
      problem = `not valid JSON (${(error as Error).message})`;
    }
  }
  if (!problem) return body;
  // Scrubbed before it is cut, so that no part of a secret is left.
  const clean = scrub(text.slice(0, 2000), secrets).replace(/\s+/g, " ").trim();
  const shown = clean ? `, beginning "${clean.slice(0, 200)}${clean.length > 200 ? "…" : ""}"` : "";
  throw new BynderError(
    scrub(
      `Bynder ${call.method} ${call.path} answered something other than what Bynder sends: ${problem} (HTTP ${response.status}, ${type || "no content type"}${shown}). A proxy, a login page or a wrong portal URL can cause this.`,
      secrets,
    ),
    response.status,
    call.method,
    call.path,
  );
};

/** An error answer as a BynderError with Bynder's own message. */
export const httpError = (
  method: string,
  url: string,
  response: AxiosResponse,
  secrets: string[] = [],
  note = "",
) => {
  const path = pathOf(url);
  const message = bynderMessage(response.data) || response.statusText || "no message";
  return new BynderError(
    scrub(
      `Bynder ${method} ${path} failed with HTTP ${response.status}: ${message}${note}`,
      secrets,
    ),
    response.status,
    method,
    path,
    scrubBody(response.data, secrets),
  );
};

/** The error body without secrets (Buffers and streams become text). */
const scrubBody = (body: unknown, secrets: string[]): unknown => {
  if (body === undefined || body === null || typeof body === "number") return body;
  if (typeof body === "string") return scrub(body, secrets);
  if (Buffer.isBuffer(body) || body instanceof ArrayBuffer) {
    return scrub(Buffer.from(body as Buffer).toString("utf8"), secrets);
  }
  try {
    return JSON.parse(scrub(JSON.stringify(body), secrets)) as unknown;
  } catch {
    return undefined;
  }
};
