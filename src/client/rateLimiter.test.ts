import {
  LimiterWaitError,
  limiterFor,
  parseRateLimit,
  setRateLimit,
  SlidingWindowLimiter,
  type RateLimit,
} from "./rateLimiter";

/** The largest number of starts inside any half-open window [t, t + windowMs). */
const busiestWindow = (starts: number[], windowMs: number): number => {
  const sorted = [...starts].sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j < sorted.length && sorted[j] - sorted[i] < windowMs) j++;
    busiest = Math.max(busiest, j - i);
  }
  return busiest;
};

describe("SlidingWindowLimiter", () => {
  it("never lets more than max requests start in any window, and serves callers in order", async () => {
    const limit: RateLimit = { max: 10, windowMs: 200 };
    const limiter = new SlidingWindowLimiter(limit);
    const starts: number[] = [];
    const order: number[] = [];
    const began = Date.now();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        limiter.acquire().then((release) => {
          starts.push(Date.now());
          order.push(i);
          release(); // an instant answer
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i)); // FIFO
    expect(busiestWindow(starts, limit.windowMs)).toBeLessThanOrEqual(limit.max);
    // It does not crawl either: 50 starts at 10 per window need four full windows (plus margins).
    expect(Date.now() - began).toBeGreaterThanOrEqual(4 * limit.windowMs);
    expect(Date.now() - began).toBeLessThan(4 * (limit.windowMs + limiter.margin) + 500);
  });

  it("lets a burst up to max start at once, then holds the next until the window moves", async () => {
    const limiter = new SlidingWindowLimiter({ max: 5, windowMs: 300 });
    const t = Date.now();
    const releases = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
    expect(Date.now() - t).toBeLessThan(100);
    releases.forEach((release) => release());
    let sixth = 0;
    const pending = limiter.acquire().then((release) => {
      sixth = Date.now() - t;
      release();
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(sixth).toBe(0);
    await pending;
    expect(sixth).toBeGreaterThanOrEqual(300);
  });

  it("pauseFor holds every caller until the pause ends, and a longer pause wins", async () => {
    const limiter = new SlidingWindowLimiter({ max: 100, windowMs: 1000 });
    const t = Date.now();
    limiter.pauseFor(250);
    limiter.pauseFor(100); // shorter: no effect
    const times = await Promise.all(
      [1, 2, 3].map(() =>
        limiter.acquire().then((release) => {
          release();
          return Date.now() - t;
        }),
      ),
    );
    for (const waited of times) expect(waited).toBeGreaterThanOrEqual(240);
  });

  it("keeps the queue moving when a window frees up (no lost wake-ups)", async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 30 });
    const done: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        limiter.acquire().then((release) => {
          done.push(i);
          release();
        }),
      ),
    );
    expect(done).toEqual([0, 1, 2, 3]);
  });

  it("holds a request's slot while it is in flight, and counts it from its answer", async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 100 });
    const t = Date.now();
    const first = await limiter.acquire();
    let second = 0;
    const pending = limiter.acquire().then((release) => {
      second = Date.now() - t;
      release();
    });
    await new Promise((r) => setTimeout(r, 250)); // a slow request: longer than the window
    expect(second).toBe(0);
    const answered = Date.now() - t;
    first();
    await pending;
    expect(second).toBeGreaterThanOrEqual(answered + 100);
  });

  it("gives up on a caller whose deadline passes in the queue, and frees its slot", async () => {
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 60_000 });
    const first = await limiter.acquire();
    const late = limiter.acquire({ deadline: Date.now() + 100 });
    await expect(late).rejects.toBeInstanceOf(LimiterWaitError);
    await expect(late).rejects.toThrow(/^was not sent: its deadline passed while it waited/);
    first(false); // never sent: the window is free again at once
    const next = await limiter.acquire({ deadline: Date.now() + 100 });
    next();
  });

  it("tells a caller that must wait out a pause, or refuses it when the pause outlasts its deadline", async () => {
    const limiter = new SlidingWindowLimiter({ max: 10, windowMs: 1000 });
    limiter.pauseFor(200, "a test pause");
    const told: string[] = [];
    await expect(
      limiter.acquire({ deadline: Date.now() + 100, onPause: (_ms, why) => told.push(why) }),
    ).rejects.toThrow(
      /^was not sent: Bynder asked for a pause until .* \(a test pause\), which is past/,
    );
    const release = await limiter.acquire({ onPause: (_ms, why) => told.push(why) });
    release();
    expect(told).toEqual([expect.stringMatching(/\(a test pause\)$/)]);
  });

  it("has a margin of at least 25 ms or 2% of the window", () => {
    expect(new SlidingWindowLimiter({ max: 1, windowMs: 200 }).margin).toBeGreaterThanOrEqual(25);
    expect(new SlidingWindowLimiter({ max: 1, windowMs: 300_000 }).margin).toBe(6000);
  });
});

describe("parseRateLimit", () => {
  it("reads <max>/<windowMs> and otherwise gives Bynder's 4,500 per 5 minutes", () => {
    expect(parseRateLimit("45/3000")).toEqual({ max: 45, windowMs: 3000 });
    for (const text of [undefined, "", "fast", "45", "45/", "/3000", "4.5/300", "-1/100"]) {
      expect(parseRateLimit(text)).toEqual({ max: 4500, windowMs: 300_000 });
    }
  });
});

describe("limiterFor and setRateLimit", () => {
  afterEach(() => setRateLimit(parseRateLimit(undefined)));

  it("shares one limiter per portal origin", () => {
    expect(limiterFor("https://a.bynder.com")).toBe(limiterFor("https://a.bynder.com"));
    expect(limiterFor("https://a.bynder.com")).not.toBe(limiterFor("https://b.bynder.com"));
  });

  it("changes the limit of existing and future limiters", async () => {
    const existing = limiterFor("https://existing.bynder.com");
    setRateLimit({ max: 2, windowMs: 150 });
    const future = limiterFor("https://future.bynder.com");
    for (const limiter of [existing, future]) {
      const starts: number[] = [];
      await Promise.all(
        Array.from({ length: 6 }, () =>
          limiter.acquire().then((release) => {
            starts.push(Date.now());
            release();
          }),
        ),
      );
      expect(busiestWindow(starts, 150)).toBeLessThanOrEqual(2);
      expect(starts[5] - starts[0]).toBeGreaterThanOrEqual(2 * 150);
    }
  });
});
