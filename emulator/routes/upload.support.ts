/**
 * Plumbing for the upload route tests (upload, save, files): one emulator per test file that
 * imports it, and requests made the way Bynder's SDKs make them.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { createHash } from "node:crypto";
import FormData from "form-data";
import { startEmulator, type BynderEmulator } from "../server";
import { MIN_PART_BYTES } from "./upload";

export let emulator: BynderEmulator;
export let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ processingMs: 150 });
  token = emulator.issueToken();
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.clearLog();
  emulator.faults.clear();
  emulator.portal.now = () => Date.now();
});

export const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

export interface Call {
  method?: string;
  form?: Record<string, string | number>;
  json?: unknown;
  body?: Buffer | string;
  headers?: Record<string, string>;
  auth?: string | false;
}
export const call = async (path: string, options: Call = {}) => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== false) headers.Authorization = `Bearer ${options.auth ?? token}`;
  let body: Buffer | string | undefined = options.body;
  if (options.form) {
    body = new URLSearchParams(
      Object.entries(options.form).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  } else if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["Content-Type"] = "application/json";
  }
  const res = await fetch(`${emulator.url}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* text or XML */
  }
  return { status: res.status, headers: res.headers, text, body: parsed as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

export interface Init {
  s3file: { uploadid: string; targetid: string };
  s3_filename: string;
  target_key: string;
  multipart_params: Record<string, string>;
}
export const init = async (filename: string): Promise<Init> => {
  const res = await call("/api/upload/init/", { form: { filename } });
  expect(res.status).toBe(200);
  return res.body as Init;
};
export const endpoint = async (): Promise<string> =>
  (await call("/api/upload/endpoint/")).body as string;

/** A POST Object request built the way the JS SDK builds it (file part without a filename). */
export const s3Form = (
  params: Record<string, string>,
  n: number,
  chunks: number,
  data: Buffer,
  options: { filename?: string; extra?: [string, string][]; fileFirst?: boolean } = {},
) => {
  const key = params.key;
  const fields: Record<string, string | number> = {
    ...params,
    name: `${key.split("/").pop()}/p${n}`,
    chunk: n,
    chunks,
    Filename: `${key}/p${n}`,
    key: `${key}/p${n}`,
  };
  const form = new FormData();
  const appendFile = () =>
    form.append("file", data, options.filename ? { filename: options.filename } : undefined);
  if (options.fileFirst) appendFile();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  for (const [name, value] of options.extra ?? []) form.append(name, value);
  if (!options.fileFirst) appendFile();
  return form;
};

export const postS3 = async (url: string, form: FormData, headers: Record<string, string> = {}) => {
  const res = await fetch(url, {
    method: "POST",
    headers: { ...form.getHeaders(), ...headers },
    body: form.getBuffer(),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
};

/** Uploads and registers every chunk of `data` (5 MiB parts), like an SDK does. */
export const uploadChunks = async (data: Buffer, filename: string, chunkSize = MIN_PART_BYTES) => {
  const s3 = await endpoint();
  const started = await init(filename);
  const chunks = Math.max(1, Math.ceil(data.length / chunkSize));
  for (let n = 1; n <= chunks; n++) {
    const part = data.subarray((n - 1) * chunkSize, n * chunkSize);
    const res = await postS3(s3, s3Form({ ...started.multipart_params }, n, chunks, part));
    expect(res.status).toBe(201);
    const reg = await call("/api/v4/upload/", {
      form: {
        id: started.s3file.uploadid,
        targetid: started.s3file.targetid,
        filename: `${started.s3_filename}/p${n}`,
        chunkNumber: n,
      },
    });
    expect(reg.status).toBe(202);
  }
  return { init: started, chunks };
};

export const finalise = (started: Init, chunks: number, extra: Record<string, string> = {}) =>
  call(`/api/v4/upload/${encodeURIComponent(started.s3file.uploadid)}/`, {
    form: {
      targetid: started.s3file.targetid,
      s3_filename: `${started.s3_filename}/p${chunks}`,
      chunks,
      original_filename: "Logo.png",
      ...extra,
    },
  });

export const waitUntilDone = async (importId: string) => {
  for (let i = 0; i < 100; i++) {
    const res = await call(`/api/v4/upload/poll/?items=${importId}`);
    if (res.body.itemsDone.includes(importId)) return;
    await sleep(25);
  }
  throw new Error("never done");
};

/** A processed import of `data`, ready to save. */
export const processed = async (data: Buffer, filename = "Logo.png") => {
  const { init: started, chunks } = await uploadChunks(data, filename);
  const res = await finalise(started, chunks, { original_filename: filename });
  expect(res.status).toBe(202);
  await waitUntilDone(res.body.importId);
  return res.body.importId as string;
};

export const brandId = () => emulator.portal.brands[0].id;
export const someMedia = () => [...emulator.portal.media.values()][0];
export const originalBytes = (mediaId: string) => {
  const media = emulator.portal.media.get(mediaId)!;
  return media.items.find((i) => i.type === "original" && i.active)!.file.data;
};
