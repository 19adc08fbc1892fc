/**
 * Bynder allows 4,500 requests in any five-minute window per source IP, then answers 429 and keeps
 * blocking while requests keep coming. A token bucket would allow twice that across a window's
 * edge, so this is a sliding window: a request may start only when fewer than `max` started in
 * the last `windowMs` (plus a small margin for the latency between our clock and Bynder's).
 */
export interface RateLimit {
  max: number;
  windowMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SlidingWindowLimiter {
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private blockedUntil = 0;

  constructor(private limit: RateLimit) {}

  get margin(): number {
    return Math.max(25, Math.round(this.limit.windowMs * 0.02));
  }

  configure(limit: RateLimit): void {
    this.limit = limit;
    this.starts.length = 0;
    this.blockedUntil = 0;
  }

  /** Resolves when a request may start; callers are served in arrival order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** After a 429 every caller waits, because requests made during Bynder's block extend it. */
  pauseFor(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, Date.now() + ms);
  }

  private async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.blockedUntil) {
        await sleep(this.blockedUntil - now);
        continue;
      }
      const window = this.limit.windowMs + this.margin;
      while (this.starts.length > 0 && now - this.starts[0] >= window) this.starts.shift();
      if (this.starts.length < this.limit.max) {
        this.starts.push(now);
        return;
      }
      await sleep(this.starts[0] + window - now);
    }
  }
}

/** Bynder's documented limit; BYNDER_RATE_LIMIT="<max>/<windowMs>" overrides it (tests, benchmarks). */
export const parseRateLimit = (text: string | undefined): RateLimit => {
  const match = /^(\d+)\/(\d+)$/.exec(text ?? "");
  return match
    ? { max: Number(match[1]), windowMs: Number(match[2]) }
    : { max: 4500, windowMs: 5 * 60 * 1000 };
};

const limiters = new Map<string, SlidingWindowLimiter>();
let defaultLimit = parseRateLimit(process.env.BYNDER_RATE_LIMIT);

/** One limiter per portal origin, shared by every action, trigger and data source in the process. */
export const limiterFor = (origin: string): SlidingWindowLimiter => {
  let limiter = limiters.get(origin);
  if (!limiter) {
    limiter = new SlidingWindowLimiter(defaultLimit);
    limiters.set(origin, limiter);
  }
  return limiter;
};

/** Change the limit for all portals (tests and benchmarks scale it down with the emulator's). */
export const setRateLimit = (limit: RateLimit): void => {
  defaultLimit = limit;
  for (const limiter of limiters.values()) limiter.configure(limit);
};
