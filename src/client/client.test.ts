/**
 * The shared Bynder client, offline: a tiny HTTP server on 127.0.0.1 plays the portal (plain http
 * is allowed there) and nock plays https hosts that must never be reached.
 */
import {
  hangUp,
  json,
  neverAnswer,
  startServer,
  text,
  AUTH_PATH,
  capture,
  connectionFor,
  failure,
  REFRESH,
  SECRET,
  TOKEN,
  TOKEN_PATH,
  type Handler,
  type Lines,
  type TestServer,
} from "./testing";
import nock, { cleanAll, disableNetConnect, enableNetConnect, isDone, restore } from "nock";
import { isConnectionError, type ConnectionError } from "@prismatic-io/spectral";
import { component, input } from "@prismatic-io/spectral";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { bynderAction } from "../actions/bynderAction";
import type { AxiosInstance } from "axios";
import {
  BynderClient,
  configureRetries,
  createBynderClient,
  externalRequest,
  retrySettings,
} from "./client";
import { BynderError, InputError } from "./errors";
import { bynderClientCredentials, bynderOAuth } from "../connections";
import { handleBynderErrors } from "./hooks";

const saved = { ...retrySettings };
let portal: TestServer;
let client: BynderClient;

beforeAll(async () => {
  portal = await startServer();
});
afterAll(async () => {
  await portal.close();
  cleanAll();
  enableNetConnect();
  restore(); // take nock's http interceptor out, so later files in this worker use real sockets
});
beforeEach(() => {
  configureRetries({ baseDelayMs: 2, maxDelayMs: 10, timeoutMs: 2_000, maxRetries: 3 });
  portal.seen.length = 0;
  portal.reply(json(200, { ok: true }));
  client = createBynderClient(connectionFor(portal.origin));
  disableNetConnect();
  enableNetConnect("127.0.0.1");
});
afterEach(() => {
  configureRetries(saved);
  jest.restoreAllMocks();
  cleanAll();
});

// =============================================================================================
describe("connection validation, before any network call", () => {
  const fields = (extra: Record<string, unknown>) =>
    createConnection(
      bynderOAuth,
      { scopes: "asset:read", clientId: "x", ...extra },
      {
        access_token: TOKEN,
      },
    );

  it("takes the API host from the Token URL, https or loopback http", () => {
    expect(
      createBynderClient(
        fields({ tokenUrl: "https://acme.bynder.com/v6/authentication/oauth2/token" }),
      ).origin,
    ).toBe("https://acme.bynder.com");
    for (const host of ["127.0.0.1:8080", "127.3.2.1", "localhost:3000", "[::1]:9000"]) {
      expect(createBynderClient(fields({ tokenUrl: `http://${host}${TOKEN_PATH}` })).origin).toBe(
        `http://${host}`,
      );
    }
    // A trailing slash on the path is tolerated.
    expect(
      createBynderClient(fields({ tokenUrl: `https://acme.bynder.com${TOKEN_PATH}/` })).origin,
    ).toBe("https://acme.bynder.com");
  });

  it("prefers the Token URL and falls back to the Authorize URL", () => {
    const both = fields({
      authorizeUrl: `https://login.example.com${AUTH_PATH}`,
      tokenUrl: `https://api.example.com${TOKEN_PATH}`,
    });
    expect(createBynderClient(both).origin).toBe("https://api.example.com");
    const onlyAuthorize = fields({ authorizeUrl: `https://acme.getbynder.com${AUTH_PATH}` });
    expect(createBynderClient(onlyAuthorize).origin).toBe("https://acme.getbynder.com");
    const blankToken = fields({ tokenUrl: "  ", authorizeUrl: `https://a.bynder.com${AUTH_PATH}` });
    expect(createBynderClient(blankToken).origin).toBe("https://a.bynder.com");
  });

  it.each([
    ["a missing URL", {}, /^Authorize URL is missing .*Enter https:\/\/your-portal\.bynder\.com/],
    [
      "a malformed URL",
      { tokenUrl: "acme.bynder.com/v6" },
      /^Token URL: .*not a valid URL\. Enter/,
    ],
    [
      "plain http on a public host",
      { tokenUrl: `http://acme.bynder.com${TOKEN_PATH}` },
      /^Token URL: "http:\/\/acme\.bynder\.com" is not allowed\. Enter a URL starting with https:\/\//,
    ],
    [
      "another scheme",
      { tokenUrl: `ftp://acme.bynder.com${TOKEN_PATH}` },
      /^Token URL: "ftp:" is not allowed\. Enter a URL starting with https:\/\//,
    ],
    [
      "a look-alike loopback host",
      { tokenUrl: `http://127.0.0.1.evil.com${TOKEN_PATH}` },
      /^Token URL: .*https:\/\//,
    ],
    [
      "the API base instead of the token URL",
      { tokenUrl: "https://acme.bynder.com/api/v4/" },
      /^Token URL: .* is not Bynder's OAuth token URL\. Enter https:\/\/your-portal\.bynder\.com\/v6\/authentication\/oauth2\/token/,
    ],
    [
      "the authorize path in the Token URL",
      { tokenUrl: `https://acme.bynder.com${AUTH_PATH}` },
      /^Token URL: .*not Bynder's OAuth token URL/,
    ],
    [
      "a wrong Authorize URL path",
      { authorizeUrl: "https://acme.bynder.com/oauth/authorize" },
      /^Authorize URL: .*not Bynder's OAuth authorize URL\. Enter https:\/\/your-portal\.bynder\.com\/v6\/authentication\/oauth2\/auth/,
    ],
    [
      "a query string",
      { tokenUrl: `https://acme.bynder.com${TOKEN_PATH}?next=x` },
      /^Token URL: .*not Bynder's OAuth token URL/,
    ],
    [
      "a user name and password",
      { tokenUrl: `https://me:hunter2pass@acme.bynder.com${TOKEN_PATH}` },
      /^Token URL: the URL must not contain a user name or password\. Enter it as https:\/\/host\/path\./,
    ],
  ])("rejects %s with an InputError that says what to enter", (_what, extra, message) => {
    nock("https://acme.bynder.com").get(/.*/).reply(200, {});
    let error: unknown;
    try {
      createBynderClient(fields(extra));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("hunter2pass");
    expect(isDone()).toBe(false); // the interceptor was never used: no call went out
  });

  it("turns a missing token into a spectral ConnectionError without the connection's secrets", () => {
    for (const token of [undefined, {}, { access_token: "" }]) {
      const connection = {
        ...connectionFor("https://acme.bynder.com"),
        token: token as Record<string, unknown> | undefined,
      };
      let error: unknown;
      try {
        createBynderClient(connection);
      } catch (e) {
        error = e;
      }
      expect(isConnectionError(error)).toBe(true);
      expect((error as Error).message).toMatch(/no access token\. Reconnect it/);
      expect((error as ConnectionError).connection.key).toBe("bynder-client-credentials-oauth");
      expect((error as ConnectionError).connection.fields).toEqual({});
      expect(JSON.stringify(error)).not.toContain(SECRET);
    }
  });

  it("refuses a missing connection", () => {
    expect(() => createBynderClient(undefined as never)).toThrow(/Connection is required/);
  });

  it.each([401, 403])(
    "turns a %i into a ConnectionError carrying Bynder's message, not the token or fields",
    async (status) => {
      portal.reply(
        status === 401
          ? text(401, "Invalid or expired token.")
          : json(403, { message: "Insufficient scopes", statuscode: 403 }),
      );
      const error = await failure(client.get("/api/v4/account/"));
      expect(isConnectionError(error)).toBe(true);
      expect(error.message).toBe(
        `Bynder GET /api/v4/account/ failed with HTTP ${status}: ${status === 401 ? "Invalid or expired token." : "Insufficient scopes"}`,
      );
      const carried = (error as ConnectionError).connection;
      expect(carried).toEqual({
        key: "bynder-client-credentials-oauth",
        configVarKey: "",
        fields: {},
      });
      const serialised = JSON.stringify({ error, carried, message: error.message });
      for (const secret of [TOKEN, REFRESH, SECRET]) expect(serialised).not.toContain(secret);
      expect(portal.seen).toHaveLength(1); // not retried
      // The component's error hook passes it through unchanged.
      expect(handleBynderErrors(error)).toBe(error);
    },
  );
});

// =============================================================================================
describe("error messages", () => {
  it.each<[string, Handler, string]>([
    [
      "{message}",
      json(404, { message: "Media item not found", statuscode: 404 }),
      "Media item not found",
    ],
    ["{error}", json(400, { error: "invalid_request" }), "invalid_request"],
    [
      "{error, error_description}",
      json(400, { error: "invalid_grant", error_description: "The code has expired" }),
      "The code has expired",
    ],
    [
      "{errors:[strings]}",
      json(422, { errors: ["name is required", "key is too long"] }),
      "name is required; key is too long",
    ],
    [
      "{errors:[objects]}",
      json(422, {
        errors: [{ message: "Deadline is in the past" }, { field: "key", code: "taken" }],
      }),
      'Deadline is in the past; {"field":"key","code":"taken"}',
    ],
    ["{errors:{field:[…]}}", json(400, { errors: { name: ["is required"] } }), "name: is required"],
    ["a text body", text(400, "No brandid provided"), "No brandid provided"],
    [
      "a JSON text body with a text content type",
      text(500, '{"message":"Could not complete upload"}'),
      "Could not complete upload",
    ],
    [
      "S3's XML error",
      text(
        400,
        '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message><SignatureProvided>abcdef0123456789</SignatureProvided></Error>',
        "application/xml",
      ),
      "AccessDenied: Request has expired",
    ],
    [
      "an HTML page",
      text(
        502,
        "<html><head><title>502 Bad Gateway</title></head><body>x</body></html>",
        "text/html",
      ),
      "502 Bad Gateway",
    ],
    ["an empty body", text(404, "", "text/plain"), "Not Found"],
    [
      "an unknown JSON shape",
      json(409, { statuscode: 409, conflict: true }),
      '{"statuscode":409,"conflict":true}',
    ],
  ])(
    "carries status, method, path and Bynder's message from %s",
    async (_what, handler, message) => {
      portal.reply(handler);
      const error = await failure(client.postForm("/api/v4/media/ABC/", { name: "x" }, { q: 1 }));
      expect(error).toBeInstanceOf(BynderError);
      const status = Number(/HTTP (\d+)/.exec(error.message)?.[1]);
      expect(error.message).toBe(
        `Bynder POST /api/v4/media/ABC/ failed with HTTP ${status}: ${message}`,
      );
      expect((error as BynderError).status).toBe(status);
      expect((error as BynderError).method).toBe("POST");
      expect((error as BynderError).path).toBe("/api/v4/media/ABC/");
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain("abcdef0123456789");
      expect(JSON.stringify((error as BynderError).body ?? "")).not.toContain("abcdef0123456789");
    },
  );

  it("reads the message of a Buffer body (responseType arraybuffer) and of a stream body", async () => {
    portal.reply(json(404, { message: "Item not found" }));
    const buffered = await failure(
      client.request({
        method: "GET",
        path: "/api/v4/media/X/download/",
        responseType: "arraybuffer",
      }),
    );
    expect(buffered.message).toBe(
      "Bynder GET /api/v4/media/X/download/ failed with HTTP 404: Item not found",
    );
    const streamed = await failure(
      client.request({ method: "GET", path: "/api/v4/media/X/download/", responseType: "stream" }),
    );
    expect(streamed.message).toBe(
      "Bynder GET /api/v4/media/X/download/ failed with HTTP 404: Item not found",
    );
  });

  it("never carries the token, even when the server echoes it back", async () => {
    portal.reply((req, res) => {
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: `bad header ${req.headers.authorization}`, token: TOKEN }));
    });
    const error = await failure(client.get("/api/v4/media/"));
    expect(error.message).toBe(
      "Bynder GET /api/v4/media/ failed with HTTP 400: bad header Bearer [redacted]",
    );
    expect(JSON.stringify((error as BynderError).body)).not.toContain(TOKEN);
  });
});

// =============================================================================================
describe("retries", () => {
  const delaysIn = (lines: Lines) =>
    lines.warn.map((line) => Number(/ in (\d+) ms$/.exec(line)?.[1]));

  it("retries a 429 on a POST and honours Retry-After in seconds", async () => {
    portal.reply(
      json(429, { message: "Too many" }, { "Retry-After": "1" }),
      json(201, { id: "A" }),
    );
    const started = Date.now();
    await expect(client.postForm("/api/v4/collections/", { name: "n" })).resolves.toEqual({
      id: "A",
    });
    expect(portal.seen.map((s) => s.method)).toEqual(["POST", "POST"]);
    expect(portal.seen[1].body).toBe("name=n");
    expect(portal.seen[1].at - portal.seen[0].at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const until = new Date(Date.now() + 1500).toUTCString();
    portal.reply(json(429, { message: "Too many" }, { "Retry-After": until }), json(200, [1]));
    await expect(client.get("/api/v4/media/")).resolves.toEqual([1]);
    expect(portal.seen).toHaveLength(2);
    expect(portal.seen[1].at).toBeGreaterThanOrEqual(Date.parse(until) - 50);
  });

  it("does not wait out a Retry-After above the cap: it fails at once and says why", async () => {
    configureRetries({ maxRetryAfterMs: 100 });
    portal.reply(json(429, { message: "Rate limit exceeded" }, { "Retry-After": "3600" }));
    const error = await failure(client.get("/api/v4/media/"));
    expect(error.message).toBe(
      "Bynder GET /api/v4/media/ failed with HTTP 429: Rate limit exceeded (Bynder asks to wait 3600 s before the next request; try again later)",
    );
    expect(portal.seen).toHaveLength(1);
  });

  it("without Retry-After backs off exponentially, capped, with jitter, then fails with the last status", async () => {
    configureRetries({ baseDelayMs: 20, maxDelayMs: 60, maxRetries: 4 });
    let n = 0;
    portal.reply((_req, res) => {
      n += 1;
      res.writeHead(429, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: `blocked ${n}` }));
    });
    const delays = async (random: number) => {
      jest.spyOn(Math, "random").mockReturnValue(random);
      const { context, lines } = capture(false);
      const busy = createBynderClient(connectionFor(portal.origin), context);
      const error = await failure(busy.postJson("/api/workflow/campaigns/", { name: "c" }));
      jest.restoreAllMocks();
      return { error, lines, delays: delaysIn(lines) };
    };
    const low = await delays(0);
    expect(portal.seen).toHaveLength(5); // 1 + maxRetries
    expect((low.error as BynderError).status).toBe(429);
    expect(low.error.message).toBe(
      "Bynder POST /api/workflow/campaigns/ failed with HTTP 429: blocked 5",
    );
    expect(low.lines.warn[0]).toBe(
      "Bynder POST /api/workflow/campaigns/ answered 429; retry 1 of 4 in 20 ms",
    );
    // 429 backoff starts at twice the base: ceilings 40, 80→60 (capped), 60, 60; jitter half to full.
    expect(low.delays).toEqual([20, 30, 30, 30]);
    expect((await delays(0.5)).delays).toEqual([30, 45, 45, 45]);
    expect((await delays(0.999)).delays).toEqual([40, 60, 60, 60]);
    // A 5xx on a GET starts at the base itself.
    portal.reply(json(503, { message: "busy" }));
    jest.spyOn(Math, "random").mockReturnValue(0.999);
    const { context, lines } = capture(false);
    await failure(createBynderClient(connectionFor(portal.origin), context).get("/x/"));
    expect(delaysIn(lines)).toEqual([20, 40, 60, 60]);
  });

  it("pauses every caller on the same portal after a 429 (the shared limiter)", async () => {
    const other = await startServer();
    try {
      other.reply(
        json(429, { message: "slow down" }, { "Retry-After": "0.4" }),
        json(200, { ok: 1 }),
      );
      const first = createBynderClient(connectionFor(other.origin));
      const second = createBynderClient(connectionFor(other.origin)); // another action, same portal
      const firstCall = first.get("/api/v4/media/");
      while (other.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50)); // the 429 has arrived
      await second.get("/api/v4/account/");
      await firstCall;
      const blockedAt = other.seen[0].at;
      const secondSeen = other.seen.find((s) => s.url === "/api/v4/account/")!;
      expect(secondSeen.at - blockedAt).toBeGreaterThanOrEqual(350);
      // A client on another portal is not held up.
      portal.reply(json(200, {}));
      const t = Date.now();
      await client.get("/api/v4/account/");
      expect(Date.now() - t).toBeLessThan(300);
    } finally {
      await other.close();
    }
  });

  it.each(["GET", "HEAD", "PUT", "DELETE"] as const)("retries a 5xx on %s", async (method) => {
    portal.reply(
      json(503, { message: "busy" }),
      json(502, { message: "busy" }),
      json(200, { done: true }),
    );
    const response = await client.request({ method, path: "/api/v4/media/A/" });
    expect(response.status).toBe(200);
    expect(portal.seen.map((s) => s.method)).toEqual([method, method, method]);
  });

  it("never retries a 5xx on a plain POST, but does when it is marked idempotent", async () => {
    portal.reply(json(500, { message: "Could not complete upload" }));
    const error = await failure(client.postForm("/api/v4/upload/", { id: "u" }));
    expect((error as BynderError).status).toBe(500);
    expect(portal.seen).toHaveLength(1);

    portal.seen.length = 0;
    portal.reply(json(500, { message: "x" }), json(202, { status: "ok" }));
    const response = await client.request({
      method: "POST",
      path: "/api/v4/upload/",
      form: { id: "u" },
      idempotent: true,
    });
    expect(response).toMatchObject({ status: 202, data: { status: "ok" } });
    expect(portal.seen).toHaveLength(2);
    expect(portal.seen[1].body).toBe("id=u");
  });

  it("retries dropped connections (socket hang up / ECONNRESET) on a GET, never on a POST", async () => {
    portal.reply(hangUp, json(200, { ok: 2 }));
    await expect(client.get("/api/v4/media/")).resolves.toEqual({ ok: 2 });
    expect(portal.seen).toHaveLength(2);

    portal.seen.length = 0;
    portal.reply(hangUp);
    const error = await failure(client.postForm("/api/v4/media/A/", { name: "n" }));
    expect(error).toBeInstanceOf(BynderError);
    expect(error.message).toMatch(
      /^Bynder POST \/api\/v4\/media\/A\/ failed: .*(socket hang up|ECONNRESET)/,
    );
    expect(portal.seen).toHaveLength(1);
  });

  it("bounds the retries and the final error carries the last status and message", async () => {
    configureRetries({ maxRetries: 2 });
    portal.reply(
      json(503, { message: "one" }),
      json(500, { message: "two" }),
      json(504, { message: "three" }),
    );
    const error = await failure(client.get("/api/v4/media/"));
    expect(portal.seen).toHaveLength(3);
    expect((error as BynderError).status).toBe(504);
    expect(error.message).toBe("Bynder GET /api/v4/media/ failed with HTTP 504: three");
    // A per-request maxRetries wins.
    portal.seen.length = 0;
    portal.reply(json(503, { message: "down" }));
    await failure(client.request({ method: "GET", path: "/x/", maxRetries: 0 }));
    expect(portal.seen).toHaveLength(1);
  });

  it("applies a timeout to every request: no answer, and a body that trickles in forever", async () => {
    configureRetries({ timeoutMs: 150, maxRetries: 1 });
    portal.reply(neverAnswer);
    const silent = await failure(client.get("/api/v4/media/"));
    expect(silent.message).toMatch(/^Bynder GET \/api\/v4\/media\/ failed: .*timeout/i);
    expect(portal.seen).toHaveLength(2); // a GET is retried once, then gives up

    portal.seen.length = 0;
    portal.reply((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const timer = setInterval(() => res.write(" "), 20); // never idle, never done
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const trickle = await failure(client.request({ method: "GET", path: "/slow/", maxRetries: 0 }));
    expect(trickle.message).toMatch(/timeout of 150 ms exceeded/);
    expect(Date.now() - started).toBeLessThan(1500);

    portal.seen.length = 0;
    portal.reply(neverAnswer);
    const post = await failure(
      client.request({ method: "POST", path: "/x/", json: {}, timeoutMs: 100 }),
    );
    expect(post.message).toMatch(/timeout/);
    expect(portal.seen).toHaveLength(1); // a plain POST that timed out is not sent again
  });

  it("never sends a stream body twice", async () => {
    const { Readable } = await import("stream");
    portal.reply(json(429, { message: "slow" }, { "Retry-After": "0" }), json(200, {}));
    const error = await failure(
      client.request({ method: "PUT", path: "/up/", body: Readable.from([Buffer.from("abc")]) }),
    );
    expect((error as BynderError).status).toBe(429);
    expect(portal.seen).toHaveLength(1);
  });
});

// =============================================================================================
describe("debug logging", () => {
  it("logs one redacted line per call with method, URL, status and duration", async () => {
    const { context, lines } = capture(true);
    const debugging = createBynderClient(connectionFor(portal.origin), context);
    portal.reply(json(200, { a: 1 }), json(404, { message: "nope" }), json(200, {}));
    await debugging.get("/api/v4/media/", { keyword: "cat", page: 2 });
    await failure(debugging.delete("/api/v4/media/X/"));
    expect(lines.debug).toHaveLength(2);
    expect(lines.debug[0]).toMatch(
      new RegExp(
        `^Bynder GET ${portal.origin}/api/v4/media/\\?keyword=cat&page=2 → 200 in \\d+ ms$`,
      ),
    );
    expect(lines.debug[1]).toMatch(
      new RegExp(`^Bynder DELETE ${portal.origin}/api/v4/media/X/ → 404 in \\d+ ms$`),
    );
    expect(portal.seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    for (const line of lines.all()) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toMatch(/authorization|bearer/i);
    }
  });

  it("redacts signed-URL secrets in lines and errors of external calls", async () => {
    const { context, lines } = capture(true);
    const debugging = createBynderClient(connectionFor(portal.origin), context);
    const signed =
      `${portal.origin}/bucket/file.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20240101&` +
      `X-Amz-Signature=5ecre7516nature&X-Amz-Security-Token=SESSIONTOKEN123&access_token=${TOKEN}&Signature=cfsig999&Key-Pair-Id=KPID77`;
    portal.reply(
      text(200, "bytes", "application/octet-stream"),
      text(
        403,
        "<Error><Code>SignatureDoesNotMatch</Code><Message>Check your key</Message><StringToSign>AWS4 5ecre7516nature</StringToSign><SignatureProvided>5ecre7516nature</SignatureProvided></Error>",
        "application/xml",
      ),
    );
    const ok = await debugging.external(signed, { method: "GET", responseType: "text" });
    expect(ok.data).toBe("bytes");
    const error = await failure(debugging.external(signed, { method: "GET" }));
    expect(error.message).toBe(
      "Bynder GET /bucket/file.jpg failed with HTTP 403: SignatureDoesNotMatch: Check your key",
    );
    const everything = [
      ...lines.all(),
      error.message,
      JSON.stringify((error as BynderError).body),
    ].join("\n");
    for (const secret of [
      "AKIAEXAMPLE",
      "5ecre7516nature",
      "SESSIONTOKEN123",
      TOKEN,
      "cfsig999",
      "KPID77",
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(lines.debug).toHaveLength(2);
    expect(lines.debug[0]).toMatch(/X-Amz-Signature=(\[redacted\]|%5Bredacted%5D)&/);
  });

  it("logs through the platform's context when a flow runs with globalDebug, and only then", async () => {
    const probe = bynderAction({
      display: { label: "Probe", description: "One call" },
      inputs: { connection: input({ label: "Connection", type: "connection", required: true }) },
      performSafety: "safe",
      examplePayload: { data: {} },
      run: (bynder) => bynder.get("/api/v4/account/"),
    });
    const probeHarness = createHarness(
      component({
        key: "probe",
        public: false,
        display: { label: "Probe", description: "Probe", iconPath: "icon.png" },
        actions: { probe },
        connections: [bynderClientCredentials],
      }),
    );
    for (const globalDebug of [true, false]) {
      const { context, lines } = capture(false);
      portal.reply(json(200, { name: "Portal" }));
      const result = await probeHarness.action(
        "probe",
        { connection: connectionFor(portal.origin) },
        { globalDebug, logger: { ...context.logger, metric: () => undefined } } as never,
      );
      expect(result).toMatchObject({ data: { name: "Portal" } });
      expect(lines.debug).toHaveLength(globalDebug ? 1 : 0);
      if (globalDebug)
        expect(lines.debug[0]).toMatch(/^Bynder GET .*\/api\/v4\/account\/ → 200 in \d+ ms$/);
    }
  });

  it("writes no debug lines when debug is off", async () => {
    const { context, lines } = capture(false);
    const quiet = createBynderClient(connectionFor(portal.origin), context);
    await quiet.get("/api/v4/account/");
    await quiet.external(`${portal.origin}/x`, { method: "GET" });
    expect(lines.debug).toEqual([]);
  });

  it("keeps every secret out of a full run's logs, errors and returned data", async () => {
    const { context, lines } = capture(true);
    const run = createBynderClient(connectionFor(portal.origin), context);
    const outputs: unknown[] = [];
    portal.reply(
      json(200, [{ id: "A" }]),
      json(503, { message: "busy" }),
      json(200, {}),
      text(401, "Invalid or expired token."),
      json(500, { message: "boom" }),
    );
    outputs.push(await run.request({ method: "GET", path: "/api/v4/media/", query: { limit: 1 } }));
    outputs.push(await run.putJson("/api/workflow/jobs/J/", { name: "j" }));
    outputs.push(await failure(run.get("/api/v4/account/")));
    outputs.push(await failure(run.postForm("/api/v4/media/save/", { brandId: "B" })));
    const dump = JSON.stringify(outputs, (_k, v: unknown) =>
      v instanceof Error ? { ...v, message: v.message } : v,
    );
    const everything = [dump, ...lines.all()].join("\n");
    for (const secret of [TOKEN, REFRESH, SECRET]) expect(everything).not.toContain(secret);
    expect(lines.debug.length).toBe(5);
  });
});

// =============================================================================================
describe("the token goes only to the portal", () => {
  it.each([
    "https://evil.example.com/steal",
    "//evil.example.com/steal",
    "api/v4/media/",
    "http:/evil.example.com",
  ])("refuses the path %s before sending anything", async (path) => {
    const evil = nock("https://evil.example.com").get(/.*/).reply(200, {});
    const error = await failure(client.get(path));
    expect(error).toBeInstanceOf(BynderError);
    expect(error.message).toMatch(
      /^Refusing to send the Bynder token to .*: only paths on http:\/\/127\.0\.0\.1:\d+ are allowed\.$/,
    );
    expect(evil.isDone()).toBe(false);
    expect(portal.seen).toHaveLength(0);
  });

  it("keeps even an absolute URL on the portal at the axios level (allowAbsoluteUrls = false)", async () => {
    const other = await startServer();
    try {
      const axios = (client as unknown as { http: AxiosInstance }).http;
      await axios.request({ method: "GET", url: `${other.origin}/steal` });
      expect(other.seen).toHaveLength(0);
      expect(portal.seen).toHaveLength(1);
      expect(portal.seen[0].url).toBe(`/${other.origin}/steal`);
    } finally {
      await other.close();
    }
  });

  it("does not follow a redirect with the token", async () => {
    const other = await startServer();
    try {
      portal.reply((_req, res) => {
        res.writeHead(302, { Location: `${other.origin}/collect` });
        res.end();
      });
      const error = await failure(client.get("/api/v4/media/A/download/"));
      expect((error as BynderError).status).toBe(302);
      expect(other.seen).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("external() never sends Authorization (or cookies) and allows http only on loopback", async () => {
    const other = await startServer();
    try {
      other.reply(text(200, "ok"));
      await client.external(`${other.origin}/upload`, {
        method: "POST",
        body: Buffer.from("data"),
        headers: { Authorization: `Bearer ${TOKEN}`, cookie: "a=b", "x-amz-acl": "private" },
        responseType: "text",
      });
      expect(other.seen).toHaveLength(1);
      expect(other.seen[0].headers.authorization).toBeUndefined();
      expect(other.seen[0].headers.cookie).toBeUndefined();
      expect(other.seen[0].headers["x-amz-acl"]).toBe("private");
      expect(other.seen[0].body).toBe("data");
    } finally {
      await other.close();
    }
    const s3 = nock("https://bucket.s3.amazonaws.com", { badheaders: ["authorization"] })
      .post("/")
      .reply(204);
    await expect(
      externalRequest("https://bucket.s3.amazonaws.com/", { method: "POST", body: "x" }),
    ).resolves.toMatchObject({ status: 204 });
    expect(s3.isDone()).toBe(true);

    const plain = nock("http://bucket.s3.amazonaws.com").get(/.*/).reply(200);
    const error = await failure(
      client.external("http://bucket.s3.amazonaws.com/x?X-Amz-Signature=abc", {
        method: "GET",
        what: "Upload URL",
      }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'Upload URL: "http://bucket.s3.amazonaws.com" is not allowed. Enter a URL starting with https:// (plain http is allowed only for localhost, 127.x.x.x and [::1]).',
    );
    expect(plain.isDone()).toBe(false);
  });

  it("external() downloads follow redirects hop by hop under the same rules; uploads do not", async () => {
    const cdn = await startServer();
    try {
      cdn.reply(text(200, "file bytes", "application/octet-stream"));
      portal.reply((_req, res) => {
        res.writeHead(302, { Location: `${cdn.origin}/real/file.jpg` });
        res.end();
      });
      const download = await client.external<string>(`${portal.origin}/dl/file.jpg`, {
        method: "GET",
        responseType: "text",
      });
      expect(download.data).toBe("file bytes");
      expect(cdn.seen.map((s) => s.url)).toEqual(["/real/file.jpg"]);
      expect(cdn.seen[0].headers.authorization).toBeUndefined();

      // A hop to plain http on a public host is refused before it is followed.
      const leak = nock("http://public.example.com").get(/.*/).reply(200, "no");
      portal.reply((_req, res) => {
        res.writeHead(301, { Location: "http://public.example.com/file.jpg" });
        res.end();
      });
      const refused = await failure(
        client.external(`${portal.origin}/dl/x`, { method: "GET", what: "Source URL" }),
      );
      expect(refused).toBeInstanceOf(InputError);
      expect(refused.message).toMatch(
        /^Source URL \(redirected\): "http:\/\/public\.example\.com" is not allowed/,
      );
      expect(leak.isDone()).toBe(false);

      // A POST (a body that cannot be replayed) is never redirected.
      cdn.seen.length = 0;
      portal.reply((_req, res) => {
        res.writeHead(307, { Location: `${cdn.origin}/other` });
        res.end();
      });
      const post = await failure(
        client.external(`${portal.origin}/up`, { method: "POST", body: "x" }),
      );
      expect((post as BynderError).status).toBe(307);
      expect(cdn.seen).toHaveLength(0);
    } finally {
      await cdn.close();
    }
  });

  it("isPortalUrl tells the portal from other hosts", () => {
    expect(client.isPortalUrl(`${portal.origin}/api/v4/media/`)).toBe(true);
    expect(client.isPortalUrl("https://evil.example.com/api/v4/media/")).toBe(false);
    expect(client.isPortalUrl("not a url")).toBe(false);
  });
});

// =============================================================================================
describe("what Bynder receives", () => {
  it("sends form, JSON and query in Bynder's encodings with the bearer token", async () => {
    await client.postForm(
      "/api/v4/media/A/",
      { tags: ["a", "b c"], data: { x: 1 }, name: undefined, isPublic: true },
      { hash: false },
    );
    await client.postJson("/api/workflow/campaigns/", { name: "N" });
    await client.delete("/api/media/options/", undefined, { asset_id: "A" });
    const [form, body, del] = portal.seen;
    expect(form.method).toBe("POST");
    expect(form.url).toBe("/api/v4/media/A/?hash=false");
    expect(form.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(form.body).get("tags")).toBe("a,b c");
    expect(new URLSearchParams(form.body).get("data")).toBe('{"x":1}');
    expect(new URLSearchParams(form.body).has("name")).toBe(false);
    expect(form.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(form.headers.accept).toBe("application/json");
    expect(body.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(body.body)).toEqual({ name: "N" });
    expect(del.method).toBe("DELETE");
    expect(JSON.parse(del.body)).toEqual({ asset_id: "A" });
  });

  it("returns status, lower-case headers and data from request()", async () => {
    portal.reply(json(200, [{ id: 1 }], { "X-Pagination-TotalRecords": "7" }));
    const response = await client.request({ method: "GET", path: "/api/workflow/jobs/" });
    expect(response.status).toBe(200);
    expect(response.data).toEqual([{ id: 1 }]);
    expect(response.headers["x-pagination-totalrecords"]).toBe("7");
    expect(JSON.stringify(response)).not.toContain(TOKEN);
  });
});
