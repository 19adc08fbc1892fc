/**
 * A stand-in for Prismatic's webhook intake: a loopback HTTP server that hands each POST to a
 * handler (the trigger's perform, in tests and the demo) and answers with the response the
 * trigger asked for; a thrown error becomes a 500, which makes SNS retry.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface IntakeRequest {
  headers: Record<string, string>;
  body: string;
}

export interface IntakeReply {
  statusCode: number;
  contentType?: string;
  body?: string;
}

export interface Intake {
  url: string;
  close: () => Promise<void>;
}

export const startIntake = async (
  handle: (request: IntakeRequest) => Promise<IntakeReply | undefined>,
): Promise<Intake> => {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
      }
      void handle({ headers, body: Buffer.concat(chunks).toString("utf8") })
        .then((reply) => reply ?? { statusCode: 200 })
        .catch((error: unknown) => ({
          statusCode: 500,
          contentType: "text/plain",
          body: (error as Error).message,
        }))
        .then((reply) => {
          res.writeHead(reply.statusCode, { "Content-Type": reply.contentType ?? "text/plain" });
          res.end(reply.body ?? "");
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trigger/flow`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
