/** File names and file data as the upload inputs take them. */
import { util } from "@prismatic-io/spectral";
import { InputError } from "../../client";
import { optionalString, requiredString, quoted } from "../clean";

/** A file name Bynder accepts: a name, a dot and an extension, no folders. */
export const fileNameWithExtension =
  (label: string, { required }: { required: boolean }) =>
  (value: unknown): string | undefined => {
    const name = required ? requiredString(label)(value) : optionalString(label)(value);
    if (name === undefined) return undefined;
    if (/[/\\]/.test(name) || !/^[^.].*\.[A-Za-z0-9]{1,16}$/.test(name)) {
      throw new InputError(
        `${label} must be a file name with an extension, such as Logo.png; got ${quoted(name)}.`,
      );
    }
    return name;
  };

/** A file from an earlier step: a Buffer, `{ data, contentType }` or text. */
export interface FileData {
  data: Buffer;
  contentType?: string;
}

export const toFileData =
  (label: string, { required }: { required: boolean }) =>
  (value: unknown): FileData | undefined => {
    if (value === undefined || value === null || value === "") {
      if (required)
        throw new InputError(`${label} is required: pass the file from an earlier step.`);
      return undefined;
    }
    if (Buffer.isBuffer(value)) return { data: value };
    if (value instanceof Uint8Array)
      return { data: Buffer.from(value.buffer, value.byteOffset, value.byteLength) };
    if (typeof value === "string")
      return { data: Buffer.from(value, "utf8"), contentType: "text/plain" };
    if (typeof value === "object" && "data" in value) {
      const { data, contentType } = value as { data: unknown; contentType?: unknown };
      const type = typeof contentType === "string" && contentType ? contentType : undefined;
      if (Buffer.isBuffer(data)) return { data, contentType: type };
      if (data instanceof Uint8Array) {
        return {
          data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
          contentType: type,
        };
      }
      if (typeof data === "string") return { data: Buffer.from(data, "utf8"), contentType: type };
      // A Buffer that went through JSON: {type: "Buffer", data: [bytes]}.
      if (data && typeof data === "object" && Array.isArray((data as { data?: unknown }).data)) {
        return { data: Buffer.from((data as { data: number[] }).data), contentType: type };
      }
    }
    try {
      const payload = util.types.toData(value);
      return { data: Buffer.from(payload.data), contentType: payload.contentType };
    } catch {
      throw new InputError(
        `${label} must be file data (the output of an earlier step that reads a file).`,
      );
    }
  };
