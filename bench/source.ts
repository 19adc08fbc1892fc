/**
 * The upload benchmark's Source URL, in a process of its own so that serving the file never waits
 * for the emulator's busy event loop (a real source is a CDN or S3, not the portal):
 *   tsx bench/source.ts <bytes>
 * Prints one JSON line, { url, sha256 }, once it listens; serves the file until killed. A
 * `?bytes=N` query serves only the first N bytes (the benchmark's warm-up).
 *
 * The bytes are deterministic pseudo-random data generated as they are sent, so the file never
 * sits in memory: one random MiB, each copy stamped with its index.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const MiB = 1024 * 1024;
const fullSize = Number(process.argv[2]);
const block = randomBytes(MiB);
const piece = (i: number, size: number) => {
  const copy = Buffer.allocUnsafe(Math.min(MiB, size - i * MiB));
  block.copy(copy, 0, 0, copy.length);
  copy.writeUInt32BE(i, 0);
  return copy;
};

const server = createServer((req, res) => {
  const asked = Number(new URL(req.url ?? "/", "http://source").searchParams.get("bytes"));
  const size = asked > 0 ? Math.min(asked, fullSize) : fullSize;
  const pieces = Math.ceil(size / MiB);
  res.writeHead(200, {
    "Content-Type": "application/octet-stream",
    "Content-Length": String(size),
  });
  let i = 0;
  const pump = () => {
    while (i < pieces) if (!res.write(piece(i++, size))) return res.once("drain", pump);
    res.end();
  };
  pump();
});

server.listen(0, "127.0.0.1", () => {
  const hash = createHash("sha256");
  for (let i = 0; i < Math.ceil(fullSize / MiB); i++) hash.update(piece(i, fullSize));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench.bin`;
  process.stdout.write(`${JSON.stringify({ url, sha256: hash.digest("hex") })}\n`);
});
