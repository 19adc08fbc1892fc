import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { errorOf, harness, useEmulator } from "../../test/support";
import { bynderClientCredentials } from "../connections";
import { rawAccount } from "../examplePayloads/misc";

const env = useEmulator();

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A plain local HTTP server that records what it receives and answers {"ok":true}. */
const recorder = async () => {
  const received: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

let other: Awaited<ReturnType<typeof recorder>>;
beforeAll(async () => {
  other = await recorder();
});
afterAll(() => other.stop());
beforeEach(() => {
  other.received.length = 0;
});

/** A connection whose API host is the recording server, with a fixed token. */
const recorderConnection = () =>
  createConnection(
    bynderClientCredentials,
    {
      tokenUrl: `${other.url}/v6/authentication/oauth2/token`,
      scopes: "asset:read",
      clientId: "id",
      clientSecret: "secret",
    },
    { access_token: "recording-token-123456", token_type: "bearer" },
  );

const ignore = () => undefined;
/** Retry warnings are expected here; keep them out of the test output. */
const quiet = { logger: { debug: ignore, info: ignore, warn: ignore, error: ignore, log: ignore } };

const raw = (params: Record<string, unknown>, context: Record<string, unknown> = quiet) =>
  harness.action("rawRequest", { connection: env.connection, ...params }, context);

const failure = (params: Record<string, unknown>) => errorOf(raw(params), "rawRequest");

const tokenOf = (connection: { token?: Record<string, unknown> }) =>
  String(connection.token?.access_token);

describe("rawRequest: where it sends", () => {
  it("sends a path under https://<portal>/api with the connection's token", async () => {
    const connection = env.connection;
    const result = await raw({ connection, url: "/v4/account/", method: "GET" });
    expect(result).toEqual({ data: env.emulator.portal.account });
    expect(result).toEqual({ data: rawAccount });
    const [request] = env.emulator.requests;
    expect(request).toMatchObject({ method: "GET", path: "/api/v4/account", status: 200 });
    expect(request.headers.authorization).toBe(`Bearer ${tokenOf(connection)}`);
  });

  it("accepts a path without the leading slash, one that already starts with /api, and a full URL on the portal", async () => {
    for (const url of [
      "v4/account",
      "/api/v4/account/",
      `${env.emulator.url}/api/v4/account/`,
      `${env.emulator.url}/api/v4/account/#fragment`,
    ]) {
      await raw({ url, method: "GET" });
    }
    expect(env.emulator.requests.map((r) => r.path)).toEqual([
      "/api/v4/account",
      "/api/v4/account",
      "/api/v4/account",
      "/api/v4/account",
    ]);
  });

  it("refuses every other host before anything is sent, so the token never leaves the portal", async () => {
    const port = new URL(env.emulator.url).port;
    for (const url of [
      `${other.url}/api/v4/account/`,
      `//${new URL(other.url).host}/api/v4/account/`,
      "https://evil.example/api/v4/media/",
      `http://localhost:${port}/api/v4/account/`, // same server, but not the portal's origin
      `http://user:pw@127.0.0.1:${port}/api/v4/account/`,
    ]) {
      const error = await failure({ url, method: "GET" });
      expect(error.message).toMatch(
        /^URL: ".*" is not your Bynder portal \(http:\/\/127\.0\.0\.1:\d+\)/,
      );
      expect(error.message).not.toContain("pw");
    }
    expect(other.received).toHaveLength(0);
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("does not follow a redirect to another host", async () => {
    env.emulator.faults.inject({
      path: "/api/v4/account",
      steps: [{ status: 302, headers: { Location: `${other.url}/steal` } }],
    });
    const error = await failure({ url: "/v4/account/", method: "GET" });
    expect(error.message).toMatch(/HTTP 302/);
    expect(other.received).toHaveLength(0);
  });

  it("drops a user-supplied Authorization header; the connection's token is the one sent", async () => {
    const connection = env.connection;
    await raw({
      connection,
      url: "/v4/account/",
      method: "GET",
      headers: [
        { key: "authorization", value: "Bearer someone-elses-token" },
        { key: "X-Trace", value: "abc" },
      ],
    });
    const [request] = env.emulator.requests;
    expect(request.headers.authorization).toBe(`Bearer ${tokenOf(connection)}`);
    expect(request.headers["x-trace"]).toBe("abc");
  });

  it("writes debug lines without the token when debug mode is on", async () => {
    const connection = env.connection;
    const lines: string[] = [];
    const record = (...args: unknown[]) =>
      lines.push(
        args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "),
      );
    await raw(
      {
        connection,
        url: "/v4/account/",
        method: "GET",
        queryParams: [{ key: "token", value: "t0ps3cret" }],
      },
      {
        globalDebug: true,
        logger: {
          debug: record,
          info: record,
          warn: record,
          error: record,
          log: record,
          metric: record,
        },
      },
    );
    expect(
      lines.some((line) =>
        /Bynder GET http:\/\/127\.0\.0\.1:\d+\/api\/v4\/account\/\?token=\[redacted\] → 200/.test(
          line,
        ),
      ),
    ).toBe(true);
    expect(lines.join("\n")).not.toContain(tokenOf(connection));
    expect(lines.join("\n")).not.toContain("t0ps3cret");
  });
});

describe("rawRequest: what it sends", () => {
  it("adds the query parameters to those in the URL", async () => {
    const result = await raw({
      url: "/store/order/?page=2",
      method: "GET",
      queryParams: [{ key: "unused", value: "x y" }],
    });
    const [request] = env.emulator.requestsTo("/api/store/order");
    expect(request.query).toEqual({ page: ["2"], unused: ["x y"] });
    expect((result as { data: unknown[] }).data).toHaveLength(10);
  });

  it("sends JSON text as application/json", async () => {
    const line = env.emulator.portal.orders[0].lines[0];
    const result = await raw({
      url: `/store/orderproducts/${line.id}/`,
      method: "PATCH",
      data: JSON.stringify({ status: "approved", customerReference: "PO-1" }),
    });
    expect(result).toEqual({ data: { message: "Created", status_code: 201 } });
    const [request] = env.emulator.requests;
    expect(request.contentType).toBe("application/json");
    expect(request.json).toEqual({ status: "approved", customerReference: "PO-1" });
    expect(line).toMatchObject({ status: "approved", customerReference: "PO-1" });
  });

  it("sends other text as a form body, like Bynder's v4 writes", async () => {
    const order = env.emulator.portal.orders[1];
    await raw({
      url: `/store/order/${order.id}/products/`,
      method: "POST",
      data: "status=FINISHED&message=Delivered%20today",
    });
    const [request] = env.emulator.requests;
    expect(request.contentType).toBe("application/x-www-form-urlencoded");
    expect(request.form).toEqual({ status: ["FINISHED"], message: ["Delivered today"] });
    expect(order.status).toBe("FINISHED");
  });

  it("sends Data exactly as given with the user's Content-Type", async () => {
    const connection = recorderConnection();
    await raw({
      connection,
      url: "/v4/anything/",
      method: "PUT",
      data: "<note>hello</note>",
      headers: [{ key: "Content-Type", value: "application/xml" }],
    });
    const [request] = other.received;
    expect(request.method).toBe("PUT");
    expect(request.url).toBe("/api/v4/anything/");
    expect(request.headers["content-type"]).toBe("application/xml");
    expect(request.headers.authorization).toBe("Bearer recording-token-123456");
    expect(request.body.toString()).toBe("<note>hello</note>");
  });

  it("sends Form Data and File Data as one multipart form, with the file names given", async () => {
    const connection = recorderConnection();
    const result = await raw({
      connection,
      url: "/v4/upload/",
      method: "POST",
      formData: [{ key: "brandId", value: "B1" }],
      fileData: [
        { key: "file", value: "plain text contents" },
        {
          key: "image",
          value: { data: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: "image/png" },
        },
      ],
      fileDataFileNames: [{ key: "file", value: "notes.txt" }],
      headers: [{ key: "Content-Type", value: "application/json" }],
    });
    expect(result).toEqual({ data: { ok: true } });
    const [request] = other.received;
    const contentType = String(request.headers["content-type"]);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const body = request.body.toString("latin1");
    expect(body).toContain('name="brandId"\r\n\r\nB1\r\n');
    expect(body).toContain(
      'name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\nplain text contents\r\n',
    );
    expect(body).toContain(
      `name="image"; filename="image"\r\nContent-Type: image/png\r\n\r\n${Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString("latin1")}\r\n`,
    );
    expect(Number(request.headers["content-length"])).toBe(request.body.length);
  });
});

describe("rawRequest: responses, retries and timeouts", () => {
  it("reads the response as text, bytes or a document when asked", async () => {
    const text = await raw({ url: "/v4/account/", method: "GET", responseType: "text" });
    expect(typeof (text as { data: unknown }).data).toBe("string");
    expect(JSON.parse((text as { data: string }).data)).toEqual(env.emulator.portal.account);
    const bytes = await raw({ url: "/v4/account/", method: "GET", responseType: "arraybuffer" });
    const data = (bytes as { data: Buffer }).data;
    expect(Buffer.isBuffer(data)).toBe(true);
    expect(JSON.parse(data.toString("utf8"))).toEqual(env.emulator.portal.account);
    const document = await raw({ url: "/v4/account/", method: "GET", responseType: "document" });
    expect(typeof (document as { data: unknown }).data).toBe("string");
  });

  it("passes on Bynder's 404 message", async () => {
    const error = await failure({ url: "/store/order/nope/", method: "GET" });
    expect(error.message).toBe(
      "Bynder GET /api/store/order/nope/ failed with HTTP 404: Order not found",
    );
  });

  it("honours Max Retry Count", async () => {
    env.emulator.faults.inject({ path: "/api/v4/account", steps: [503, 503, 503] });
    const error = await failure({ url: "/v4/account/", method: "GET", maxRetries: "1" });
    expect(error.message).toMatch(/HTTP 503: Injected fault/);
    expect(env.emulator.faults.hits()).toEqual([2]);
  });

  it("retries 429 and a GET's 5xx under the standard policy when Max Retry Count is empty", async () => {
    env.emulator.faults.inject({ path: "/api/v4/account", steps: [429, 503] });
    const result = await raw({ url: "/v4/account/", method: "GET" });
    expect(result).toEqual({ data: env.emulator.portal.account });
    expect(env.emulator.faults.hits()).toEqual([2]);
  });

  it("waits Retry Delay (ms) between retries when Use Exponential Backoff is off", async () => {
    env.emulator.faults.inject({ path: "/api/v4/account", steps: [503, 503] });
    const started = Date.now();
    const params = { url: "/v4/account/", method: "GET", retryDelayMS: "250" };
    const result = await raw({ ...params, useExponentialBackoff: "false" });
    expect(result).toEqual({ data: env.emulator.portal.account });
    // Two fixed waits of 250 ms; the test setup's standard backoff would wait at most 50 ms each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it("retries a POST's 5xx only with Retry On All Errors", async () => {
    const order = env.emulator.portal.orders[2];
    const params = {
      url: `/store/order/${order.id}/products/`,
      method: "POST",
      data: "status=CANCELED",
      maxRetries: "2",
    };
    env.emulator.faults.inject({ path: "/api/store/order", method: "POST", steps: [502] });
    const error = await failure(params);
    expect(error.message).toMatch(/HTTP 502/);
    expect(order.status).not.toBe("CANCELED");
    env.emulator.faults.clear();
    env.emulator.faults.inject({ path: "/api/store/order", method: "POST", steps: [502] });
    await raw({ ...params, retryAllErrors: "true" });
    expect(order.status).toBe("CANCELED");
  });

  it("gives up after Timeout milliseconds", async () => {
    env.emulator.faults.inject({ path: "/api/v4/account", steps: ["stall"] });
    const started = Date.now();
    const error = await failure({
      url: "/v4/account/",
      method: "GET",
      timeout: "200",
      maxRetries: "0",
    });
    expect(error.message).toMatch(/timeout/i);
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe("rawRequest: bad input fails before any request", () => {
  it.each([
    [{ url: "", method: "GET" }, /^URL is required/],
    [{ url: "/v4/account/", method: "FETCH" }, /^Method must be one of DELETE, GET/],
    [{ url: "/v4/account/", method: "GET", responseType: "xml" }, /^Response Type must be one of/],
    [{ url: "/v4/account/", method: "GET", timeout: "soon" }, /^Timeout must be a whole number/],
    [
      { url: "/v4/account/", method: "GET", maxRetries: "11" },
      /^Max Retry Count must be between 0 and 10/,
    ],
    [
      { url: "/v4/account/", method: "GET", retryAllErrors: "maybe" },
      /^Retry On All Errors must be true or false/,
    ],
    [
      { url: "/v4/account/", method: "POST", data: "a=1", formData: [{ key: "b", value: "2" }] },
      /^Data cannot be combined with Form Data or File Data/,
    ],
    [
      {
        url: "/v4/account/",
        method: "POST",
        fileData: [{ key: "file", value: "x" }],
        fileDataFileNames: [{ key: "other", value: "a.txt" }],
      },
      /^File Data File Names: "other" matches no File Data key/,
    ],
    [
      {
        url: "/v4/account/",
        method: "POST",
        data: "{not json",
        headers: [{ key: "content-type", value: "application/json" }],
      },
      /^Data must be valid JSON/,
    ],
    [
      { url: "/v4/account/", method: "GET", headers: [{ key: "", value: "x" }] },
      /^Header: every entry needs a key/,
    ],
  ])("%j", async (params, message) => {
    const error = await failure(params);
    expect(error.message).toMatch(message);
    expect(env.emulator.requests).toHaveLength(0);
  });
  it.each(["Host", "x-forwarded-host", "X-Forwarded-For", "Forwarded", "X-Original-URL"])(
    "refuses a %s header, so nothing reroutes the token",
    async (name) => {
      const error = await failure({
        url: "/v4/account/",
        method: "GET",
        headers: [{ key: name, value: "evil.example" }],
      });
      expect(error.message).toBe(
        `Header: "${name}" cannot be set. Raw Request goes to your Bynder portal only, with the connection's token; the host and forwarding headers are not yours to choose.`,
      );
      expect(env.emulator.requests).toHaveLength(0);
    },
  );
});
