/**
 * A local stand-in for the destination system: it keeps every file it receives and answers with
 * the copy's URL, or fails on request.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
  url: string;
}

export const startDestination = async () => {
  const received: Received[] = [];
  const failures: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const status = failures.shift();
      if (status !== undefined) {
        res.writeHead(status, { "Content-Type": "text/plain" }).end(`refused with ${status}`);
        return;
      }
      const url = `https://copies.example.com/files/${received.length + 1}`;
      received.push({ headers: req.headers, body: Buffer.concat(chunks), url });
      res.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify({ url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`,
    received,
    /** The next requests fail with these statuses, in order. */
    failNext: (...statuses: number[]) => failures.push(...statuses),
    reset: () => {
      received.length = 0;
      failures.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
