/**
 * The upload benchmark's Source URL, in a process of its own, as a real source is a CDN or S3 and
 * not the portal: serving the file never waits for the emulator's busy event loop, and the file it
 * holds is not counted in the uploading process's memory.
 *   tsx bench/source.ts <bytes>
 * Prints one JSON line, { url, sha256 }, once it listens; serves the file until killed. A
 * `?bytes=N` query serves only the first N bytes (the benchmark's warm-up).
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const MiB = 1024 * 1024;
const file = randomBytes(Number(process.argv[2]));

const server = createServer((req, res) => {
  const asked = Number(new URL(req.url ?? "/", "http://source").searchParams.get("bytes"));
  const body = asked > 0 ? file.subarray(0, asked) : file;
  res.writeHead(200, {
    "Content-Type": "application/octet-stream",
    "Content-Length": String(body.length),
  });
  // Written a MiB at a time, as a server streams a file, honouring back-pressure.
  let offset = 0;
  const pump = () => {
    while (offset < body.length) {
      const piece = body.subarray(offset, (offset += MiB));
      if (!res.write(piece)) return res.once("drain", pump);
    }
    res.end();
  };
  pump();
});

server.listen(0, "127.0.0.1", () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench.bin`;
  const sha256 = createHash("sha256").update(file).digest("hex");
  process.stdout.write(`${JSON.stringify({ url, sha256 })}\n`);
});
