import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { BynderClient, configureRetries, retrySettings } from "./client";
import { BynderError } from "./errors";
import {
  bufferSource,
  chunksOfStream,
  configureUploads,
  MemoryGauge,
  openSourceUrl,
  pumpChunks,
  s3ChunkForm,
  waitForProcessing,
  withRetries,
  type FileSource,
} from "./upload";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noProgress = { chunkDone: () => undefined };

/** A stream source that counts how many bytes the reader has pulled from it. */
const countingSource = (size: number, pieceSize = 256) => {
  const data = randomBytes(size);
  const state = { pulled: 0, destroyed: false };
  const stream = new Readable({
    highWaterMark: pieceSize,
    read() {
      if (state.pulled >= size) return void this.push(null);
      const piece = data.subarray(state.pulled, state.pulled + pieceSize);
      state.pulled += piece.length;
      this.push(piece);
    },
    destroy(error, callback) {
      state.destroyed = true;
      callback(error);
    },
  });
  const source: FileSource = {
    size,
    chunks: (chunkSize, memory) => chunksOfStream(stream, chunkSize, memory, size),
  };
  return { data, state, source };
};

describe("s3ChunkForm", () => {
  const parts = (body: Buffer) =>
    [...body.toString("latin1").matchAll(/name="([^"]+)"(; filename="([^"]*)")?/g)].map(
      (m) => m[1] + (m[3] !== undefined ? ` (file ${m[3]})` : ""),
    );

  it("keeps the policy fields in order, sets the chunk's key in place and puts the file last", () => {
    const params = {
      acl: "private",
      key: "pluploads/api/u/Logo.png",
      Policy: "cG9saWN5",
      "x-amz-date": "20240101T000000Z",
    };
    const { form, key } = s3ChunkForm(params, 3, 7, Buffer.from("bytes"));
    expect(key).toBe("pluploads/api/u/Logo.png/p3");
    const body = form.getBuffer();
    expect(parts(body)).toEqual([
      "acl",
      "key",
      "Policy",
      "x-amz-date",
      "name",
      "chunk",
      "chunks",
      "Filename",
      "file (file Logo.png)",
    ]);
    const text = body.toString("latin1");
    expect(text).toContain('name="key"\r\n\r\npluploads/api/u/Logo.png/p3\r\n');
    expect(text).toContain('name="name"\r\n\r\nLogo.png/p3\r\n');
    expect(text).toContain('name="chunks"\r\n\r\n7\r\n');
    expect(text).toMatch(/Content-Type: application\/octet-stream\r\n\r\nbytes\r\n--[-\w]+--\r\n$/);
  });

  it("does not repeat plupload fields the parameters already carry", () => {
    const { form } = s3ChunkForm(
      { key: "k/a.png", name: "old", Filename: "old", chunk: "9" },
      1,
      1,
      Buffer.alloc(0),
    );
    expect(parts(form.getBuffer())).toEqual([
      "key",
      "name",
      "chunk",
      "chunks",
      "Filename",
      "file (file a.png)",
    ]);
  });

  it("refuses parameters without a key", () => {
    expect(() => s3ChunkForm({ acl: "private" }, 1, 1, Buffer.alloc(1))).toThrow(
      "Multipart Parameters has no key",
    );
  });
});

describe("sources", () => {
  it("slices a buffer into views, one empty chunk for an empty file", async () => {
    const data = randomBytes(25);
    const chunks: Buffer[] = [];
    for await (const chunk of bufferSource(data).chunks(10, new MemoryGauge())) {
      chunks.push(chunk.data);
    }
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 5]);
    expect(chunks[1].buffer).toBe(data.buffer); // a view, not a copy
    const empty: Buffer[] = [];
    for await (const chunk of bufferSource(Buffer.alloc(0)).chunks(10, new MemoryGauge())) {
      empty.push(chunk.data);
    }
    expect(empty.map((c) => c.length)).toEqual([0]);
  });

  it("reads a stream into exact chunks, only as fast as they are consumed", async () => {
    const { data, state, source } = countingSource(10_000);
    const memory = new MemoryGauge();
    const iterator = source.chunks(1000, memory)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value!.data.equals(data.subarray(0, 1000))).toBe(true);
    await sleep(20);
    // Nothing is read ahead beyond the stream's own small buffer while the consumer waits.
    expect(state.pulled).toBeLessThanOrEqual(1000 + 2 * 256);
    // A released buffer is reused for a later chunk, so keep copies.
    const rest: Buffer[] = [Buffer.from(first.value!.data)];
    const buffers = new Set([first.value!.data]);
    first.value!.release();
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      rest.push(Buffer.from(next.value.data));
      buffers.add(next.value.data);
      next.value.release();
    }
    expect(Buffer.concat(rest).equals(data)).toBe(true);
    expect(buffers.size).toBe(1); // one chunk held at a time, so one buffer served them all
    expect(memory.peak).toBe(1);
    expect(memory.live).toBe(0);
  });

  it("fails when the stream is shorter than its Content-Length", async () => {
    const stream = Readable.from([Buffer.alloc(300)]);
    const read = async () => {
      for await (const chunk of chunksOfStream(stream, 100, new MemoryGauge(), 500))
        chunk.release();
    };
    await expect(read()).rejects.toThrow(
      "Source URL: the download ended before the 500 bytes its Content-Length announced",
    );
  });
});

describe("Source URL", () => {
  /**
   * Serves `size` random bytes in 1 MiB pieces, `gapMs` apart; with `stallAfter`, sends that many
   * bytes and then nothing more (the connection stays open).
   */
  const serve = async (
    size: number,
    { gapMs = 0, stallAfter }: { gapMs?: number; stallAfter?: number } = {},
  ) => {
    const data = randomBytes(size);
    const server = createServer((_req, res) => {
      res.writeHead(200, {
        "Content-Length": String(size),
        "Content-Disposition": "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf",
      });
      if (stallAfter !== undefined) return void res.write(data.subarray(0, stallAfter));
      const send = (offset: number) => {
        res.write(data.subarray(offset, offset + 1024 * 1024));
        if (offset + 1024 * 1024 >= size) return void res.end();
        setTimeout(() => send(offset + 1024 * 1024), gapMs);
      };
      send(0);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/x.bin`;
    const close = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    return { data, url, close };
  };
  const bynder = new BynderClient("http://127.0.0.1:9", "token");

  it("lets the connection idle longer than the HTTP client's timeout (uploads hold reading back)", async () => {
    // The client's timeout also arms an idle timer on the socket; a download held back by slow
    // uploads sits idle for as long as they take, so the Source URL request gets its own allowance.
    const saved = retrySettings.timeoutMs;
    configureRetries({ timeoutMs: 200 });
    const { data, url, close } = await serve(3 * 1024 * 1024, { gapMs: 500 });
    try {
      const source = await openSourceUrl(bynder, url);
      expect(source).toMatchObject({ size: data.length, fileName: "résumé.pdf" });
      const read: Buffer[] = [];
      for await (const chunk of source.chunks(1024 * 1024, new MemoryGauge())) {
        read.push(Buffer.from(chunk.data));
      }
      expect(Buffer.concat(read).equals(data)).toBe(true);
    } finally {
      configureRetries({ timeoutMs: saved });
      await close();
    }
  });

  it("fails a download that stalls, saying how far it got", async () => {
    configureUploads({ sourceStallMs: 150 });
    const { url, close } = await serve(100_000, { stallAfter: 30_000 });
    try {
      const source = await openSourceUrl(bynder, url);
      const read = async () => {
        for await (const chunk of source.chunks(10_000, new MemoryGauge())) chunk.release();
      };
      await expect(read()).rejects.toThrow(
        "Source URL: the download stalled: no data for 0.15 s after 30000 bytes",
      );
    } finally {
      configureUploads({ sourceStallMs: 60_000 });
      await close();
    }
  });
});

describe("pumpChunks", () => {
  it("runs at most `parallel` chunks at once and holds at most parallel + 1", async () => {
    const { data, source } = countingSource(40 * 1024);
    const memory = new MemoryGauge();
    let running = 0;
    let most = 0;
    const seen = new Map<number, Buffer>();
    const result = await pumpChunks(
      source,
      1024,
      3,
      memory,
      noProgress,
      async (chunk, index) => {
        running++;
        most = Math.max(most, running);
        seen.set(index, Buffer.from(chunk));
        await sleep(1 + (index % 4));
        running--;
      },
      true,
    );
    expect(result).toEqual({
      chunks: 40,
      size: 40 * 1024,
      sha256: createHash("sha256").update(data).digest("hex"),
    });
    expect(most).toBe(3);
    expect(memory.peak).toBeLessThanOrEqual(4);
    expect(memory.live).toBe(0);
    const joined = Buffer.concat([...seen.keys()].sort((a, b) => a - b).map((i) => seen.get(i)!));
    expect(joined.equals(data)).toBe(true);
  });

  it("stops reading at the first persistent failure, lets the others finish, and throws it", async () => {
    const { state, source } = countingSource(100 * 1024);
    const memory = new MemoryGauge();
    const finished: number[] = [];
    const error = await pumpChunks(source, 1024, 2, memory, noProgress, async (_chunk, index) => {
      await sleep(2);
      if (index === 4) throw new BynderError("chunk 5 broke");
      finished.push(index);
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(BynderError);
    expect((error as Error).message).toBe("chunk 5 broke");
    expect(Math.max(...finished)).toBeLessThan(8);
    expect(state.pulled).toBeLessThan(20 * 1024);
    expect(state.destroyed).toBe(true);
    expect(memory.live).toBe(0);
  });
});

describe("withRetries", () => {
  it("retries transient failures only", async () => {
    let calls = 0;
    const flaky = () => {
      calls++;
      if (calls === 1) throw new BynderError("down", 503);
      if (calls === 2) throw new BynderError("Bynder POST /s3 failed: ECONNRESET socket hang up");
      if (calls === 3) throw new BynderError("slow down", 429);
      return Promise.resolve("ok");
    };
    expect(await withRetries("flaky", () => flaky())).toBe("ok");
    expect(calls).toBe(4);
    let denied = 0;
    await expect(
      withRetries("denied", () => {
        denied++;
        return Promise.reject(new BynderError("no", 403));
      }),
    ).rejects.toThrow("no");
    expect(denied).toBe(1);
    let unknownHost = 0;
    await expect(
      withRetries("dns", () => {
        unknownHost++;
        return Promise.reject(new BynderError("Bynder POST /s3 failed: ENOTFOUND getaddrinfo"));
      }),
    ).rejects.toThrow("ENOTFOUND");
    expect(unknownHost).toBe(1);
  });
});

describe("waitForProcessing", () => {
  beforeAll(() => configureUploads({ pollInitialMs: 10, pollSteadyMs: 0, pollMaxMs: 40 }));
  afterAll(() => configureUploads({ pollSteadyMs: 2_000 }));

  const portal = (doneAfterPolls: number) => {
    const times: number[] = [];
    const bynder = {
      get: (_path: string, query: { items: string[] }) => {
        times.push(Date.now());
        const done = times.length > doneAfterPolls ? [query.items[0]] : [];
        return Promise.resolve({ itemsDone: done, itemsFailed: [], itemsRejected: [] });
      },
    } as unknown as BynderClient;
    return { bynder, times };
  };

  it("polls with growing pauses until every item is listed", async () => {
    const { bynder, times } = portal(4);
    const state = await waitForProcessing(bynder, ["A"], { timeoutMs: 5_000 });
    expect(state.itemsDone).toEqual(["A"]);
    expect(times).toHaveLength(5);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[2]).toBeGreaterThanOrEqual(35);
    expect(gaps[3]).toBeGreaterThanOrEqual(35);
    expect(gaps[3]).toBeLessThan(200);
  });

  it("keeps the first wait while the steady period lasts, then backs off", async () => {
    configureUploads({ pollSteadyMs: 60, pollMaxMs: 400 });
    try {
      const { bynder, times } = portal(10);
      await waitForProcessing(bynder, ["A"], { timeoutMs: 5_000 });
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      // 10 ms apart for 60 ms, then 20, 40, 80, 160
      expect(gaps.slice(0, 4).every((gap) => gap >= 9 && gap < 100)).toBe(true);
      expect(gaps[gaps.length - 1]).toBeGreaterThanOrEqual(150);
    } finally {
      configureUploads({ pollSteadyMs: 0, pollMaxMs: 40 });
    }
  });

  it("gives up after the timeout, naming what is still processing", async () => {
    const bynder = {
      get: () => Promise.resolve({ itemsDone: ["A"], itemsFailed: [], itemsRejected: [] }),
    } as unknown as BynderClient;
    await expect(waitForProcessing(bynder, ["A", "B"], { timeoutMs: 100 })).rejects.toThrow(
      /^Bynder was still processing 1 of 2 item\(s\) after 100 ms \(\d+ polls\): B\./,
    );
  });

  it("counts failed and rejected items as settled", async () => {
    const bynder = {
      get: () => Promise.resolve({ itemsDone: [], itemsFailed: ["a"], itemsRejected: ["B"] }),
    } as unknown as BynderClient;
    const state = await waitForProcessing(bynder, ["A", "B"], { timeoutMs: 100 });
    expect(state).toEqual({ itemsDone: [], itemsFailed: ["a"], itemsRejected: ["B"] });
  });
});
