import { ConnectionError, type Connection } from "@prismatic-io/spectral";

/** Every failed Bynder call: the status, what was called and Bynder's own message. Never a token. */
export class BynderError extends Error {
  override name = "BynderError";
  constructor(
    message: string,
    readonly status?: number,
    readonly method?: string,
    readonly path?: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** Bad input caught before any request is sent; the message starts with the input's label. */
export class InputError extends Error {
  override name = "InputError";
}

/**
 * Bynder answers errors as {message}, {error}, {error_description}, {errors:[…]} or plain text;
 * some endpoints one message per field; S3 answers XML and proxies HTML. Finds the human part (a
 * compact JSON of the body when nothing else does).
 */
export const bynderMessage = (body: unknown, topLevel = true): string | undefined => {
  const found = findMessage(body);
  if (found !== undefined) return found;
  if (body && typeof body === "object" && !isBinary(body)) {
    // A whole body of {"asset_id": "…"} or {"name": ["…"]}: one message per field (asset usage).
    if (topLevel && !Array.isArray(body) && isFieldErrors(body as Record<string, unknown>)) {
      const fields = fieldMessages(body as Record<string, unknown>);
      if (fields) return fields;
    }
    const json = JSON.stringify(body);
    return json && json !== "{}" && json !== "[]" ? truncate(json) : undefined;
  }
  return undefined;
};

const isBinary = (body: unknown): body is Buffer | ArrayBuffer | ArrayBufferView =>
  Buffer.isBuffer(body) || body instanceof ArrayBuffer || ArrayBuffer.isView(body);

const findMessage = (body: unknown): string | undefined => {
  if (body === undefined || body === null || body === "") return undefined;
  if (isBinary(body)) {
    const buffer = Buffer.isBuffer(body)
      ? body
      : body instanceof ArrayBuffer
        ? Buffer.from(body)
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    return findMessage(buffer.toString("utf8"));
  }
  if (typeof body === "string") {
    const text = body.trim();
    if (!text) return undefined;
    if (text.startsWith("{") || text.startsWith("[")) {
      try {
        return bynderMessage(JSON.parse(text)) ?? truncate(text);
      } catch {
        /* not JSON after all: fall through to plain text */
      }
    }
    if (text.startsWith("<")) return markupMessage(text);
    return truncate(text);
  }
  if (typeof body === "number" || typeof body === "boolean") return String(body);
  if (Array.isArray(body)) {
    const parts = body.map((item) => bynderMessage(item, false)).filter(Boolean);
    return parts.length ? parts.join("; ") : undefined;
  }
  if (typeof body === "object") {
    const record = body as Record<string, unknown>;
    for (const key of ["message", "error_description", "error", "errors", "detail", "title"]) {
      const value = record[key];
      // {errors: {field: ["problem"]}}: name each field.
      const found =
        value && typeof value === "object" && !Array.isArray(value) && !isBinary(value)
          ? (findMessage(value) ?? fieldMessages(value as Record<string, unknown>))
          : findMessage(value);
      if (found) return found;
    }
  }
  return undefined;
};

const isFieldErrors = (record: Record<string, unknown>) =>
  Object.values(record).every(
    (value) =>
      typeof value === "string" ||
      (Array.isArray(value) && value.every((item) => typeof item === "string")),
  );

const fieldMessages = (record: Record<string, unknown>): string | undefined => {
  const parts = Object.entries(record)
    .map(([field, value]) => {
      const message = findMessage(value);
      return message ? `${field}: ${message}` : undefined;
    })
    .filter(Boolean);
  return parts.length ? truncate(parts.join("; ")) : undefined;
};

/** S3's XML `<Code>` and `<Message>`, an HTML page's title, or the text without its tags. */
const markupMessage = (text: string): string | undefined => {
  const element = (name: string) =>
    new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, "i").exec(text)?.[1]?.trim();
  const message = element("Message");
  if (message) {
    const code = element("Code");
    return truncate(code ? `${code}: ${message}` : message);
  }
  const title = element("title");
  if (title) return truncate(title);
  const stripped = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return stripped ? truncate(stripped) : undefined;
};

const truncate = (text: string) => (text.length > 500 ? `${text.slice(0, 500)}…` : text);

/**
 * A ConnectionError makes Prismatic flag the instance's connection. It carries the connection,
 * so pass one without fields or token: errors get logged and serialised.
 */
export const connectionError = (
  connection: Connection,
  message: string,
  /** Bynder's HTTP status, when Bynder's answer (401, 403) is what flags the connection. */
  status?: number,
): ConnectionError & { status?: number } => {
  const error = new ConnectionError(
    { key: connection.key, configVarKey: connection.configVarKey, fields: {} },
    message,
  );
  // spectral names its errors after the constructor, which the minified bundle leaves nameless.
  error.name = "ConnectionError";
  return Object.assign(error, { status });
};
