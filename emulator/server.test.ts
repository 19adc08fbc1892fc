import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "./cli";
import { BynderRateLimiter } from "./rateLimit";
import { startEmulator, type BynderEmulator } from "./server";

let emulator: BynderEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: { assets: 3 } });
  token = emulator.issueToken();
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.clearLog();
  emulator.faults.clear();
  emulator.latencyMs = 0;
});

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });

const ORDERS = "/api/store/order";

describe("routing", () => {
  it("answers 404 for an unknown path and 405 for a known path with the wrong method", async () => {
    const missing = await get("/api/v4/does-not-exist");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: "Not Found", statuscode: 404 });
    const wrongMethod = await get(ORDERS, { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ message: "Method Not Allowed", statuscode: 405 });
  });

  it("makes the trailing slash optional", async () => {
    const without = await get(ORDERS);
    const withSlash = await get(`${ORDERS}/`);
    expect(without.status).toBe(200);
    expect(withSlash.status).toBe(200);
    expect(await withSlash.json()).toEqual(await without.json());
    expect(emulator.requests.map((r) => r.path)).toEqual([ORDERS, ORDERS]);
  });

  it("answers HEAD on GET routes without a body", async () => {
    const head = await get(ORDERS, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("refuses an invalid JSON body on a matched route", async () => {
    const line = emulator.portal.orders[0].lines[0];
    const response = await get(`/api/store/orderproducts/${line.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: "{status:",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(
      "Request body is not valid JSON",
    );
    // The token is checked first: a bad token gets the 401 whatever the body.
    const unauthorized = await fetch(`${emulator.url}/api/store/orderproducts/${line.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", Authorization: "Bearer nope" },
      body: "{status:",
    });
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.text()).toBe("Invalid or expired token.");
  });
});

describe("request log", () => {
  it("records method, path, query, headers, content type, form, JSON, size and status", async () => {
    const order = emulator.portal.orders[0];
    await get(`${ORDERS}/?page=2&page=3&x=a,b`, { headers: { "X-Test": "1" } });
    const form = "status=FINISHED&message=Done";
    await get(`${ORDERS}/${order.id}/products/`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
    });
    const line = order.lines[0];
    await get(`/api/store/orderproducts/${line.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ customerReference: "R-1" }),
    });

    const [list, post, patch] = emulator.requests;
    expect(list).toMatchObject({
      method: "GET",
      path: ORDERS,
      query: { page: ["2", "3"], x: ["a,b"] },
      contentType: "",
      bodyBytes: 0,
      status: 200,
    });
    expect(list.headers["x-test"]).toBe("1");
    expect(list.form).toBeUndefined();
    expect(post).toMatchObject({
      method: "POST",
      path: `${ORDERS}/${order.id}/products`,
      contentType: "application/x-www-form-urlencoded",
      form: { status: ["FINISHED"], message: ["Done"] },
      bodyBytes: form.length,
      status: 201,
    });
    expect(patch).toMatchObject({
      method: "PATCH",
      contentType: "application/json; charset=utf-8",
      json: { customerReference: "R-1" },
      status: 201,
    });

    expect(emulator.requestsTo(ORDERS)).toHaveLength(3); // a prefix: orderproducts too
    expect(emulator.requestsTo(/^\/api\/store\/order(\/|$)/)).toEqual([list, post]);
    expect(emulator.requestsTo(ORDERS, "POST")).toEqual([post]);
    expect(emulator.requestsTo(/^\/api\/store\/orderproducts\//)).toEqual([patch]);
    emulator.clearLog();
    expect(emulator.requests).toHaveLength(0);
  });

  it("logs nothing when logRequests is false", async () => {
    const quiet = await startEmulator({ logRequests: false, seed: { assets: 0 } });
    try {
      const response = await fetch(`${quiet.url}${ORDERS}`, {
        headers: { Authorization: `Bearer ${quiet.issueToken()}` },
      });
      expect(response.status).toBe(200);
      expect(quiet.requests).toHaveLength(0);
    } finally {
      await quiet.stop();
    }
  });
});

describe("latency", () => {
  it("adds the global latency to every request", async () => {
    emulator.latencyMs = 150;
    const started = Date.now();
    expect((await get(ORDERS)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("faults", () => {
  it("plays a sequence of statuses with Bynder-style bodies, then passes through", async () => {
    emulator.faults.inject({ path: ORDERS, steps: [500, 503, 401] });
    const first = await get(ORDERS);
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ message: "Injected fault: HTTP 500", statuscode: 500 });
    expect((await get(ORDERS)).status).toBe(503);
    const unauthorized = await get(ORDERS);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await unauthorized.text()).toBe("Invalid or expired token.");
    expect((await get(ORDERS)).status).toBe(200);
    expect(emulator.faults.hits()).toEqual([3]);
    // Faulted requests never reached a route, so only the last one is logged.
    expect(emulator.requests).toHaveLength(1);
  });

  it("matches by method and by RegExp, and sends a full response with headers", async () => {
    emulator.faults.inject({
      path: /^\/api\/store\/order\/[^/]+$/,
      method: "GET",
      steps: [{ status: 418, body: { oops: true }, headers: { "X-Fault": "yes" } }],
    });
    expect((await get(ORDERS)).status).toBe(200); // the RegExp does not match the list
    const order = emulator.portal.orders[1];
    expect((await get(`${ORDERS}/${order.id}`, { method: "HEAD" })).status).toBe(200); // other method
    const faulted = await get(`${ORDERS}/${order.id}`);
    expect(faulted.status).toBe(418);
    expect(faulted.headers.get("x-fault")).toBe("yes");
    expect(await faulted.json()).toEqual({ oops: true });
    expect((await get(`${ORDERS}/${order.id}`)).status).toBe(200);
  });

  it("loops a sequence when asked", async () => {
    emulator.faults.inject({ path: ORDERS, steps: [503, "pass"], loop: true });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(ORDERS)).status);
    expect(statuses).toEqual([503, 200, 503, 200, 503]);
  });

  it("adds latency as a step, then answers normally", async () => {
    emulator.faults.inject({ path: ORDERS, steps: [{ latencyMs: 200 }] });
    const started = Date.now();
    expect((await get(ORDERS)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(emulator.requests).toHaveLength(1);
  });

  it("resets the connection", async () => {
    emulator.faults.inject({ path: ORDERS, steps: ["reset"] });
    await expect(get(ORDERS)).rejects.toThrow(/fetch failed/);
    expect((await get(ORDERS)).status).toBe(200);
  });

  it("stalls without answering until the client's timeout fires", async () => {
    emulator.faults.inject({ path: ORDERS, steps: ["stall"] });
    await expect(get(ORDERS, { signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /aborted|timeout/i,
    );
    expect((await get(ORDERS)).status).toBe(200);
  });

  it("stalls in the middle of the body", async () => {
    emulator.faults.inject({ path: ORDERS, steps: ["stall-body"] });
    const response = await get(ORDERS, { signal: AbortSignal.timeout(300) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("1000");
    await expect(response.text()).rejects.toThrow(/aborted|timeout/i);
  });
});

describe("rate limit", () => {
  it("blocks the request past the limit with 429 and no Retry-After; requests while blocked extend the block", async () => {
    const limited = await startEmulator({
      rateLimit: { max: 5, windowMs: 500 },
      seed: { assets: 0 },
    });
    try {
      const call = () =>
        fetch(`${limited.url}/api/v4/account`, {
          headers: { Authorization: `Bearer ${limited.issueToken()}` },
        });
      for (let i = 0; i < 5; i++) expect((await call()).status).toBe(200);
      const blocked = await call();
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get("retry-after")).toBeNull();
      expect(await blocked.text()).toBe("Too Many Requests");
      expect(limited.rateLimiter?.rejected).toBe(1);
      expect(limited.requests.at(-1)?.status).toBe(429);
    } finally {
      await limited.stop();
    }
  });

  it("sends a Retry-After when configured", async () => {
    const limited = await startEmulator({
      rateLimit: { max: 1, windowMs: 60_000, retryAfter: 7 },
      seed: { assets: 0 },
    });
    try {
      const call = () =>
        fetch(`${limited.url}/api/v4/account`, {
          headers: { Authorization: `Bearer ${limited.issueToken()}` },
        });
      expect((await call()).status).toBe(200);
      const blocked = await call();
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get("retry-after")).toBe("7");
    } finally {
      await limited.stop();
    }
  });

  it("lifts the block only after a quiet window (on the limiter's clock)", () => {
    const limiter = new BynderRateLimiter({ max: 5, windowMs: 500 });
    for (let t = 0; t < 5; t++) expect(limiter.allow("ip", t)).toBe(true);
    expect(limiter.allow("ip", 10)).toBe(false); // blocked until 510
    expect(limiter.allow("ip", 400)).toBe(false); // extends to 900
    expect(limiter.allow("ip", 800)).toBe(false); // would be free without the extension; now 1300
    expect(limiter.allow("other-ip", 800)).toBe(true); // per client
    expect(limiter.allow("ip", 1299)).toBe(false); // still blocked, extends to 1799
    expect(limiter.allow("ip", 1800)).toBe(true);
    expect(limiter.rejected).toBe(4);
  });

  it("does not extend the block when extendBlock is false", () => {
    const limiter = new BynderRateLimiter({ max: 1, windowMs: 100, extendBlock: false });
    expect(limiter.allow("ip", 0)).toBe(true);
    expect(limiter.allow("ip", 1)).toBe(false); // blocked until 101
    expect(limiter.allow("ip", 50)).toBe(false);
    expect(limiter.allow("ip", 101)).toBe(true);
  });
});

describe("npm run emulator (emulator/cli.ts)", () => {
  const cli = (args: string[]) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "cli.ts"), ...args], {
      cwd: join(__dirname, ".."),
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    return { child, stdout: () => stdout, stderr: () => stderr, exited };
  };
  type Cli = ReturnType<typeof cli>;

  const waitFor = async (read: () => string, pattern: RegExp, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(read())) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${pattern}; got: ${read()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  // Started together, because each process takes a second or so to boot tsx.
  let anyPort: Cli, fixedPort: Cli, unknownOption: Cli;
  let port: number;
  beforeAll(async () => {
    const probe = await startEmulator({ seed: { assets: 0 } });
    port = Number(new URL(probe.url).port);
    await probe.stop(); // a port that was free a moment ago
    anyPort = cli(["--port", "0", "--assets", "2", "--latency", "1"]);
    fixedPort = cli([`--port=${port}`, "--assets", "0"]);
    unknownOption = cli(["--bogus"]);
  });
  afterAll(() => {
    for (const run of [anyPort, fixedPort, unknownOption]) {
      if (run && run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill("SIGKILL");
      }
    }
  });

  it("prints the base URL and working credentials, serves, and stops cleanly on SIGTERM", async () => {
    await waitFor(anyPort.stdout, /^client_secret: .+$/m);
    const stdout = anyPort.stdout();
    const baseUrl = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1];
    expect(baseUrl).toBeDefined();
    const clientId = /^client_id: (.+)$/m.exec(stdout)![1];
    const clientSecret = /^client_secret: (.+)$/m.exec(stdout)![1];
    expect(stdout).toContain(`${baseUrl}/v6/authentication/oauth2/token`);
    expect(stdout).toContain(`${baseUrl}/v6/authentication/oauth2/auth`);

    const tokenResponse = await fetch(`${baseUrl}/v6/authentication/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
    });
    expect(tokenResponse.status).toBe(200);
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    const account = await fetch(`${baseUrl}/api/v4/account/`, {
      headers: { Authorization: `Bearer ${access_token}` },
    });
    expect(account.status).toBe(200);

    anyPort.child.kill("SIGTERM");
    expect(await anyPort.exited).toBe(0);
    expect(anyPort.stdout()).toMatch(/stopping/);
    await expect(fetch(`${baseUrl}/api/v4/account/`)).rejects.toThrow();
  });

  it("uses the port given and stops on SIGINT", async () => {
    await waitFor(fixedPort.stdout, /^client_secret: /m);
    expect(fixedPort.stdout()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}$`, "m"));
    fixedPort.child.kill("SIGINT");
    expect(await fixedPort.exited).toBe(0);
  });

  it("exits with status 2 on a bad option", async () => {
    expect(await unknownOption.exited).toBe(2);
    expect(unknownOption.stderr()).toMatch(/unknown option --bogus/);
    expect(unknownOption.stderr()).toMatch(/Usage: npm run emulator/);
  });

  it("parses its options", () => {
    expect(parseArgs([])).toEqual({});
    expect(parseArgs(["--port", "8080", "--latency=30", "--assets", "100000"])).toEqual({
      port: 8080,
      latencyMs: 30,
      seed: { assets: 100000 },
    });
    expect(parseArgs(["--assets", "5", "--help"])).toBe("help");
    expect(() => parseArgs(["--port", "many"])).toThrow(/--port needs a whole number/);
    expect(() => parseArgs(["--port", "70000"])).toThrow(/between 0 and 65535/);
    expect(() => parseArgs(["--latency"])).toThrow(/got nothing/);
    expect(() => parseArgs(["--bogus"])).toThrow(/unknown option --bogus/);
  });
});
