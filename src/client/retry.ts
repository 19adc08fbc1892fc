/**
 * The one retry policy of every HTTP call the component makes: portal calls (`BynderClient`) and
 * other hosts (`externalRequest`: S3 chunk posts, signed downloads, source URLs) alike.
 *
 * - 429 on any method: Bynder did not act on it. Wait per Retry-After, or capped exponential
 *   backoff with jitter, and pause every caller on the portal (the shared limiter), because requests
 *   made while Bynder blocks extend the block.
 * - 5xx, 408 and transient network failures only when the request is safe to send twice.
 * - Anything else (other 4xx, an unknown host) is final.
 *
 * Retries end: each call has a total deadline (attempts, waits and the limiter's queue included),
 * a Retry-After of 0 or in the past still waits the standard backoff (so a confused server cannot
 * get rapid-fire requests), and the final error says how long the call tried and why it stopped.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { LimiterWaitError, type SlidingWindowLimiter } from "./rateLimiter";

/** Retry tuning; tests and benchmarks shorten the delays through configureRetries. */
export const retrySettings = {
  maxRetries: 5,
  baseDelayMs: Number(process.env.BYNDER_RETRY_BASE_MS ?? 500),
  /** Cap of the exponential backoff between attempts. */
  maxDelayMs: 30_000,
  /** A Retry-After longer than this is not waited out: the call fails at once and says so. */
  maxRetryAfterMs: 5 * 60_000,
  /** Deadline of each attempt. */
  timeoutMs: 60_000,
  /** Deadline of a whole call, every attempt and wait included. */
  deadlineMs: 3 * 60_000,
};
export const configureRetries = (settings: Partial<typeof retrySettings>): void => {
  Object.assign(retrySettings, settings);
};

/** What a caller says about one call. */
export interface RetryOptions {
  /** A request that may safely be sent twice (5xx, 408 and network errors are then retried too). */
  idempotent?: boolean;
  maxRetries?: number;
  /** A fixed wait before each retry of a 5xx or network failure (never of a 429). */
  retryDelayMs?: number;
  /**
   * Deadline of each attempt, from sending the request to the last byte of the response (for
   * responseType "stream": to the response headers).
   */
  timeoutMs?: number;
  /**
   * Total deadline of the call in ms: every attempt, retry wait and turn in the rate limiter's
   * queue (default `retrySettings.deadlineMs`, or `timeoutMs` when that is longer). Callers moving
   * large bodies pass a size-aware one.
   */
  deadlineMs?: number;
}

/** What the sender knows about the call: how to log it and whether its body can be sent again. */
export interface RetryCall {
  method: string;
  /** "Bynder GET /api/v4/media/": the start of every warning and error about the call. */
  what: string;
  /** False for a body that can be sent only once (a stream without a BodyFactory). */
  replayable?: boolean;
  limiter?: SlidingWindowLimiter;
  warn?: (line: string) => void;
  info?: (line: string) => void;
}

/** One attempt's result: a response (any status) or a failure (network, timeout). */
export interface Outcome<R> {
  response?: R;
  failure?: unknown;
}
interface Answer {
  status: number;
  headers: Record<string, unknown>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const TRANSIENT_NETWORK =
  /ECONNRESET|ECONNREFUSED|ETIMEDOUT|ECONNABORTED|EPIPE|EAI_AGAIN|socket hang up|timeout|aborted/i;

/** A failure's code and message, e.g. "ECONNRESET socket hang up". */
export const describeFailure = (error: unknown): string => {
  if (error && typeof error === "object") {
    const { code, message } = error as { code?: string; message?: string };
    return [code, message].filter(Boolean).join(" ") || "network error";
  }
  return String(error);
};

/** Seconds or an HTTP date, per RFC 9110 (Bynder itself sends none); negative and past give 0. */
export const retryAfterMs = (header: unknown, now = Date.now()): number | undefined => {
  if (typeof header !== "string" || !header.trim()) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/** Capped exponential backoff, jittered between half and all of the ceiling. */
export const backoffMs = (tries: number, base: number): number => {
  const ceiling = Math.min(retrySettings.maxDelayMs, base * 2 ** tries);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
};

/** What to do after a failed attempt: wait `delayMs` and try again, or stop (with a `note`). */
export interface Decision {
  delayMs?: number;
  /** How long every caller on the portal pauses (a 429). */
  pauseMs?: number;
  note?: string;
}

/** "0.4", "12": seconds for messages. */
export const seconds = (ms: number): string =>
  ms >= 10_000 || ms % 1000 === 0 ? String(Math.round(ms / 1000)) : (ms / 1000).toFixed(1);

export const decide = (
  outcome: Outcome<Answer>,
  {
    tries,
    repeatable,
    retryDelayMs,
    remainingMs = Infinity,
  }: { tries: number; repeatable: boolean; retryDelayMs?: number; remainingMs?: number },
): Decision => {
  const status = outcome.response?.status;
  if (status === 429) {
    const asked = retryAfterMs(outcome.response?.headers["retry-after"]);
    // Retry-After is a lower bound: 0, a past date or a negative value still waits the backoff.
    const delayMs = Math.max(asked ?? 0, backoffMs(tries, retrySettings.baseDelayMs * 2));
    const pauseMs = Math.min(delayMs, retrySettings.maxRetryAfterMs);
    if (asked !== undefined && asked > retrySettings.maxRetryAfterMs) {
      return {
        pauseMs,
        note: ` (Bynder asks to wait ${Math.ceil(asked / 1000)} s before the next request; try again later)`,
      };
    }
    if (asked !== undefined && asked >= remainingMs) {
      return {
        pauseMs,
        note: ` (Bynder asks to wait ${Math.ceil(asked / 1000)} s before the next request, more than the ${seconds(Math.max(0, remainingMs))} s left before this call's deadline; try again later)`,
      };
    }
    return { delayMs, pauseMs };
  }
  const transient =
    status === undefined
      ? TRANSIENT_NETWORK.test(describeFailure(outcome.failure))
      : status === 408 || status >= 500;
  if (repeatable && transient) {
    return { delayMs: retryDelayMs || backoffMs(tries, retrySettings.baseDelayMs) };
  }
  return {};
};

/**
 * Runs `attempt` under the policy until it answers below 300 or the policy stops. Returns the last
 * outcome; a failed one carries the `note` to append to its error (why it stopped, after how long).
 */
export const retrying = async <R extends Answer>(
  call: RetryCall,
  options: RetryOptions,
  attempt: (timeoutMs: number) => Promise<Outcome<R>>,
): Promise<Outcome<R> & { note?: string }> => {
  const repeatable = options.idempotent ?? SAFE_METHODS.has(call.method.toUpperCase());
  const maxRetries =
    call.replayable === false ? 0 : (options.maxRetries ?? retrySettings.maxRetries);
  const timeoutMs = options.timeoutMs ?? retrySettings.timeoutMs;
  // A caller that allows one attempt longer than the default deadline (a large S3 part) gets that.
  const deadlineMs = options.deadlineMs ?? Math.max(retrySettings.deadlineMs, timeoutMs);
  const started = Date.now();
  const deadline = started + deadlineMs;
  for (let tries = 0; ; tries++) {
    let release: ((sent?: boolean) => void) | undefined;
    try {
      release = await call.limiter?.acquire({
        deadline,
        // Logged as it starts; a wait of a second or more is worth a warning.
        onPause: (ms, why) =>
          (ms >= 1000 ? call.warn : call.info)?.(
            `${call.what} waits ${seconds(ms)} s to be sent: ${why}`,
          ),
      });
    } catch (error) {
      if (!(error instanceof LimiterWaitError)) throw error;
      return { failure: error, note: tries ? gaveUp(tries, started, deadlineMs) : "" };
    }
    const outcome = await attempt(Math.max(1, Math.min(timeoutMs, deadline - Date.now())));
    release?.(); // the slot counts from the answer: Bynder has surely received the request by then
    if (outcome.response && outcome.response.status < 300) return outcome;
    const remainingMs = deadline - Date.now();
    const decision = decide(outcome, {
      tries,
      repeatable,
      retryDelayMs: options.retryDelayMs,
      remainingMs,
    });
    if (decision.pauseMs !== undefined) {
      call.limiter?.pauseFor(
        decision.pauseMs,
        `it answered ${call.what.replace(/^Bynder /, "")} with 429 at ${new Date().toISOString().slice(11, 19)} UTC`,
      );
    }
    const { delayMs, note } = decision;
    const network = !outcome.response;
    const retryDue = delayMs !== undefined && tries < maxRetries;
    // The deadline ends the call when it ran out, or when the next wait would outlast it.
    const outOfTime = remainingMs <= 0 ? retryDue || network : retryDue && delayMs >= remainingMs;
    if (outOfTime) {
      return { ...outcome, note: gaveUp(tries + 1, started, deadlineMs) };
    }
    if (!retryDue) {
      // A failure without an answer (a timeout, a reset) says how long the call tried.
      return { ...outcome, note: note ?? (network && tries ? gaveUp(tries + 1, started) : "") };
    }
    const answered = outcome.response?.status ?? describeFailure(outcome.failure);
    call.warn?.(
      `${call.what} answered ${answered}; retry ${tries + 1} of ${maxRetries} in ${delayMs} ms`,
    );
    await sleep(delayMs);
  }
};

/** " (gave up after 3 attempts in 180 s: …)"; with `deadlineMs` the deadline is the reason. */
const gaveUp = (attempts: number, started: number, deadlineMs?: number) =>
  ` (gave up after ${attempts} attempt${attempts === 1 ? "" : "s"} in ${seconds(Date.now() - started)} s${
    deadlineMs === undefined ? "" : `: the call's deadline of ${seconds(deadlineMs)} s ran out`
  })`;
