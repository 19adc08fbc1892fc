/** Request and response types shared by the emulator's routes. */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/** Query string or form body; Bynder lists arrive comma-joined or as repeated keys. */
export class Params {
  constructor(readonly entries: [string, string][] = []) {}
  static parse(text: string): Params {
    return new Params([...new URLSearchParams(text).entries()]);
  }
  get(name: string): string | undefined {
    return this.entries.find(([key]) => key === name)?.[1];
  }
  getAll(name: string): string[] {
    return this.entries.filter(([key]) => key === name).map(([, value]) => value);
  }
  has(name: string): boolean {
    return this.entries.some(([key]) => key === name);
  }
  /** `a,b` and `x=a&x=b` alike, trimmed, empty items dropped. */
  list(name: string): string[] {
    return this.getAll(name)
      .flatMap((value) => value.split(","))
      .map((item) => item.trim())
      .filter(Boolean);
  }
  /** 1/0/true/false in any case (the SDKs send all of them); undefined when absent or empty. */
  bool(name: string): boolean | undefined {
    const value = this.get(name)?.trim().toLowerCase();
    if (value === undefined || value === "") return undefined;
    return value === "1" || value === "true" || value === "yes";
  }
  int(name: string): number | undefined {
    const value = this.get(name);
    if (value === undefined || value.trim() === "") return undefined;
    const number = Number(value);
    return Number.isInteger(number) ? number : NaN;
  }
  keys(): string[] {
    return [...new Set(this.entries.map(([key]) => key))];
  }
  toObject(): Record<string, string> {
    return Object.fromEntries(this.entries);
  }
}

export interface TokenInfo {
  token: string;
  clientId: string;
  scopes: Set<string>;
  userId: string;
  expiresAt: number;
}

export interface EmulatorRequest {
  method: string;
  /** Path without the trailing slash, e.g. `/api/v4/media/ABC`. */
  path: string;
  params: Record<string, string>;
  query: Params;
  headers: IncomingHttpHeaders;
  contentType: string;
  /** The whole body, except on routes that stream it (`stream: true`). */
  rawBody: Buffer;
  /** The urlencoded body (empty for other content types). */
  form: Params;
  /** The JSON body, when Content-Type is application/json. */
  json: unknown;
  auth?: TokenInfo;
  incoming: IncomingMessage;
  /** Base URL of this emulator, for URLs it hands out (S3 endpoint, download links). */
  baseUrl: string;
}

export interface EmulatorResponse {
  status: number;
  json?: unknown;
  text?: string;
  body?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export const json = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): EmulatorResponse => ({
  status,
  json: body,
  headers,
});
export const text = (
  status: number,
  body: string,
  contentType = "text/plain; charset=utf-8",
): EmulatorResponse => ({
  status,
  text: body,
  contentType,
});
export const noContent = (): EmulatorResponse => ({ status: 204 });
/** Bynder's v4 error envelope. */
export const v4Error = (status: number, message: string): EmulatorResponse =>
  json(status, { message, statuscode: status });
/** v4 write envelopes. */
export const accepted = () => json(202, { message: "Accepted", statuscode: 202 });
export const created = (extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  json(201, { message: "Created", statuscode: 201, ...extra }, headers);
