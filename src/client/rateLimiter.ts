/**
 * Bynder allows 4,500 requests in any five-minute window per source IP, then answers 429 and keeps
 * blocking while requests keep coming. A token bucket would allow twice that across a window's
 * edge, so this is a sliding window: a request may start only when fewer than `max` requests were
 * in flight or answered within the last `windowMs` (plus a small margin).
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface RateLimit {
  max: number;
  windowMs: number;
}

/** What a caller waiting for its turn is told, and how long it may wait. */
export interface Wait {
  /** Epoch ms by which the call must have started; a wait past it ends in a LimiterWaitError. */
  deadline?: number;
  /** Told when the call starts waiting out a pause another call's 429 imposed (ms, why). */
  onPause?: (ms: number, reason: string) => void;
}

/** A call's deadline came before its turn: the pause or the queue would have held it longer. */
export class LimiterWaitError extends Error {
  override name = "LimiterWaitError";
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export class SlidingWindowLimiter {
  /** One slot per request in the window: `at` is when its response arrived (Infinity in flight). */
  private slots: { at: number }[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private blockedUntil = 0;
  private blockedBecause = "";
  private wake?: () => void;

  constructor(private limit: RateLimit) {}

  get margin(): number {
    return Math.max(50, Math.round(this.limit.windowMs * 0.02));
  }

  configure(limit: RateLimit): void {
    this.limit = limit;
    this.slots = [];
    this.blockedUntil = 0;
    this.blockedBecause = "";
  }

  /**
   * Resolves, in arrival order, when a request may start; call the returned function when its
   * response has arrived. A slot counts from then, not from the start: Bynder counts a request when
   * it receives it, which is some unknown time after we sent it but surely before it answered.
   */
  acquire(wait: Wait = {}): Promise<(sent?: boolean) => void> {
    const { deadline = Infinity, onPause } = wait;
    const now = Date.now();
    if (this.blockedUntil > now) {
      const why = `Bynder asked for a pause until ${clock(this.blockedUntil)} UTC (${this.blockedBecause})`;
      if (this.blockedUntil > deadline) {
        return Promise.reject(
          new LimiterWaitError(
            `was not sent: ${why}, which is past this call's deadline; try again later`,
          ),
        );
      }
      onPause?.(this.blockedUntil - now, why);
    }
    const ticket = { abandoned: false };
    const turn = this.queue.then(() => (ticket.abandoned ? () => undefined : this.take()));
    this.queue = turn.catch(() => undefined);
    if (!Number.isFinite(deadline)) return turn;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          ticket.abandoned = true;
          reject(
            new LimiterWaitError(
              "was not sent: its deadline passed while it waited for a turn under the portal's rate limit",
            ),
          );
        },
        Math.max(0, deadline - now),
      );
      turn.then((release) => {
        clearTimeout(timer);
        if (ticket.abandoned) release(false);
        else resolve(release);
      }, reject);
    });
  }

  /** How many 429 pauses this portal has had (the pager's parallel readers back off on a change). */
  pauses = 0;

  /**
   * After a 429 every caller waits, because requests made during Bynder's block extend it.
   * `reason` is shown to the calls that wait.
   */
  pauseFor(ms: number, reason = "after a 429"): void {
    this.pauses += 1;
    if (Date.now() + ms > this.blockedUntil) {
      this.blockedUntil = Date.now() + ms;
      this.blockedBecause = reason;
    }
  }

  /** The returned release takes `false` when the request was never sent (its slot is freed). */
  private async take(): Promise<(sent?: boolean) => void> {
    for (;;) {
      const now = Date.now();
      if (now < this.blockedUntil) {
        await sleep(this.blockedUntil - now);
        continue;
      }
      const window = this.limit.windowMs + this.margin;
      this.slots = this.slots.filter((slot) => now - slot.at < window);
      if (this.slots.length < this.limit.max) {
        const slot = { at: Infinity };
        this.slots.push(slot);
        return (sent = true) => {
          if (sent) slot.at = Date.now();
          else this.slots = this.slots.filter((other) => other !== slot);
          this.wake?.();
        };
      }
      const oldest = Math.min(...this.slots.map((slot) => slot.at));
      // All slots in flight: wait for a response; otherwise for the oldest slot to leave the window.
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(oldest)
          ? setTimeout(resolve, oldest + window - now)
          : undefined;
        this.wake = () => {
          if (timer) clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
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
