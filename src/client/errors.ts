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

/** Bynder answers errors as {message}, {error}, {errors:[…]} or plain text; find the human part. */
export const bynderMessage = (body: unknown): string | undefined => {
  if (body === undefined || body === null || body === "") return undefined;
  if (Buffer.isBuffer(body) || body instanceof ArrayBuffer) {
    return bynderMessage(Buffer.from(body as Buffer).toString("utf8"));
  }
  if (typeof body === "string") {
    const text = body.trim();
    if (text.startsWith("{") || text.startsWith("[")) {
      try {
        return bynderMessage(JSON.parse(text)) ?? truncate(text);
      } catch {
        /* not JSON after all: fall through to plain text */
      }
    }
    return truncate(text);
  }
  if (Array.isArray(body)) {
    const parts = body.map(bynderMessage).filter(Boolean);
    return parts.length ? parts.join("; ") : undefined;
  }
  if (typeof body === "object") {
    const record = body as Record<string, unknown>;
    for (const key of ["message", "error_description", "error", "errors", "detail", "title"]) {
      const found = bynderMessage(record[key]);
      if (found) return found;
    }
  }
  return undefined;
};

const truncate = (text: string) => (text.length > 500 ? `${text.slice(0, 500)}…` : text);

/**
 * A ConnectionError makes Prismatic flag the instance's connection. It carries the connection,
 * so pass one without fields or token: errors get logged and serialised.
 */
export const connectionError = (connection: Connection, message: string) =>
  new ConnectionError(
    { key: connection.key, configVarKey: connection.configVarKey, fields: {} },
    message,
  );
