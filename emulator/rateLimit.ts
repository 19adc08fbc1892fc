/**
 * Bynder's limit as documented: 4,500 requests in any five-minute window per source IP; past it,
 * 429 with no Retry-After, and every request made while blocked extends the block.
 */
export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /** Seconds to send as Retry-After; Bynder sends none, so undefined by default. */
  retryAfter?: number;
  /** Requests during a block extend it (Bynder's behaviour); default true. */
  extendBlock?: boolean;
}

export class BynderRateLimiter {
  private readonly starts = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  /** Number of 429s sent, for tests that must show none were earned. */
  rejected = 0;

  constructor(public options: RateLimitOptions) {}

  /** True when the request may proceed; false means answer 429. */
  allow(key: string, now = Date.now()): boolean {
    const { max, windowMs, extendBlock = true } = this.options;
    const blocked = this.blockedUntil.get(key) ?? 0;
    if (now < blocked) {
      if (extendBlock) this.blockedUntil.set(key, now + windowMs);
      this.rejected++;
      return false;
    }
    let starts = this.starts.get(key);
    if (!starts) this.starts.set(key, (starts = []));
    while (starts.length > 0 && now - starts[0] >= windowMs) starts.shift();
    if (starts.length >= max) {
      this.blockedUntil.set(key, now + windowMs);
      this.rejected++;
      return false;
    }
    starts.push(now);
    return true;
  }

  reset(): void {
    this.starts.clear();
    this.blockedUntil.clear();
    this.rejected = 0;
  }
}
