/**
 * How Amazon SNS posts to an HTTP(S) endpoint (webhooks.md §3.1, §3.8): the JSON message as
 * text/plain with the x-amz-sns-* headers; any answer from 200 to 499 counts as delivered; a 5xx,
 * a timeout or a failed connection is retried (by default 3 more times, 20 s apart, 15 s
 * timeout: scaled down for tests). Faults can drop, duplicate, delay or reorder a message.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { snsBody, type SignedSnsMessage } from "./signer";

export interface RetryPolicy {
  /** Retries after the first attempt (SNS's default HTTP policy: 3). */
  retries: number;
  /** Wait between attempts (SNS: 20 s). */
  delayMs: number;
  /** How long SNS waits for an answer (15 s). */
  timeoutMs: number;
}
export const SNS_DEFAULT_POLICY: RetryPolicy = { retries: 3, delayMs: 20_000, timeoutMs: 15_000 };

/** What happens to the next published message. */
export type DeliveryFault = "drop" | "duplicate" | "reorder" | { delayMs: number };

export interface DeliveryAttempt {
  endpoint: string;
  type: SignedSnsMessage["Type"];
  messageId: string;
  subject?: string;
  attempt: number;
  /** The endpoint's status, or the failure ("timeout", "ECONNREFUSED"). */
  outcome: number | string;
}

export interface Delivery {
  endpoint: string;
  message: SignedSnsMessage;
  subscriptionArn?: string;
}

export class Deliverer {
  policy: RetryPolicy = { ...SNS_DEFAULT_POLICY };
  /** Every attempt, in order, for tests to read. */
  readonly attempts: DeliveryAttempt[] = [];
  private readonly faults: DeliveryFault[] = [];
  private held: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  /** Faults for the next messages, one each, in order. */
  inject(...faults: DeliveryFault[]): void {
    this.faults.push(...faults);
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Sends a message (in the background, as SNS does), subject to the next fault. */
  send(delivery: Delivery): void {
    const fault = this.faults.shift();
    if (fault === "drop") return;
    if (fault === "reorder") {
      this.held.push(delivery); // goes out right after the next message
      return;
    }
    const released = this.held;
    this.held = [];
    const go = () => {
      this.track(this.deliver(delivery, fault === "duplicate"));
      for (const later of released) this.track(this.deliver(later, false));
    };
    if (typeof fault === "object") this.later(fault.delayMs, go);
    else go();
  }

  /** Resolves once nothing is being delivered or waiting to be (tests). */
  async settled(): Promise<void> {
    while (this.running.size || this.timers.size) {
      await Promise.all([...this.running]);
      if (this.timers.size) await sleep(10);
    }
  }

  close(): void {
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.held = [];
  }

  private track(promise: Promise<void>): void {
    this.running.add(promise);
    void promise.finally(() => this.running.delete(promise));
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private async deliver(delivery: Delivery, twice: boolean): Promise<void> {
    for (let attempt = 1; attempt <= this.policy.retries + 1; attempt++) {
      if (this.stopping.signal.aborted) return;
      const outcome = await this.post(delivery);
      this.attempts.push({
        endpoint: delivery.endpoint,
        type: delivery.message.Type,
        messageId: delivery.message.MessageId,
        subject: delivery.message.Subject,
        attempt,
        outcome,
      });
      if (typeof outcome === "number" && outcome < 500) {
        if (twice) await this.deliver(delivery, false); // SNS may deliver a message more than once
        return;
      }
      if (attempt <= this.policy.retries) {
        await new Promise<void>((resolve) => this.later(this.policy.delayMs, resolve));
      }
    }
  }

  private async post({ endpoint, message, subscriptionArn }: Delivery): Promise<number | string> {
    const headers: Record<string, string> = {
      "Content-Type": "text/plain; charset=UTF-8",
      "User-Agent": "Amazon Simple Notification Service Agent",
      "x-amz-sns-message-type": message.Type,
      "x-amz-sns-message-id": message.MessageId,
      "x-amz-sns-topic-arn": message.TopicArn,
    };
    if (subscriptionArn) headers["x-amz-sns-subscription-arn"] = subscriptionArn;
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers,
        body: snsBody(message),
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(this.policy.timeoutMs), this.stopping.signal]),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch (error) {
      const { name, cause } = error as { name?: string; cause?: { code?: string } };
      return name === "TimeoutError" ? "timeout" : (cause?.code ?? name ?? "error");
    }
  }
}
