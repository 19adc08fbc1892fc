import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { BynderClient, configureRetries, retrySettings } from "../client";
import { configureUploads } from "./settings";
import { bufferSource, chunksOfStream, MemoryGauge, openSourceUrl } from "./sources";
import { countingSource } from "./testing";

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
