/** Plumbing for the webhook trigger's tests: flow contexts, lifecycle calls, an intake on loopback. */
import { loggerMock } from "@prismatic-io/spectral/dist/testing";
import type { Connection } from "@prismatic-io/spectral";
import component from "../src";
import { DEFAULT_SCOPES } from "../src/connections";
import { DEFAULT_EVENTS } from "../src/triggers/webhook/events";
import { startIntake, type Intake } from "../emulator/sns/intake";
import type { BynderEmulator } from "../emulator/server";
import { connectionTo, harness } from "./support";

export const WEBHOOK_SCOPES = `${DEFAULT_SCOPES} webhooks.config:read webhooks.config:write`;
export const TRIGGER = "webhookEventsTrigger";
const lifecycle = component.triggers[TRIGGER];

/** One flow of one instance, as Prismatic's runner would see it across executions. */
export class Flow {
  crossFlowState: Record<string, unknown> = { otherFlow: { kept: true } };
  readonly results: Record<string, unknown>[] = [];
  readonly errors: Error[] = [];
  constructor(
    public endpoint: string,
    readonly stableId = "flow-stable-1",
    readonly name = "Asset changes",
  ) {}

  context(extra: Record<string, unknown> = {}) {
    return {
      logger: loggerMock(),
      debug: { enabled: false },
      flow: { id: "flow-1", name: this.name, stableId: this.stableId },
      instance: { id: "instance-1", name: "Acme DAM sync" },
      webhookUrls: { [this.name]: this.endpoint },
      crossFlowState: this.crossFlowState,
      ...extra,
    };
  }

  get state() {
    return this.crossFlowState[this.stableId] as Record<string, unknown> | null | undefined;
  }

  /** Saves what a handler or perform returned, as the platform does when it finishes. */
  save(result: unknown) {
    const state = (result as { crossFlowState?: Record<string, unknown> } | undefined)
      ?.crossFlowState;
    if (state) this.crossFlowState = state;
    return result;
  }

  create(connection: Connection, params: Record<string, unknown> = {}) {
    return lifecycle.webhookCreate!(this.context() as never, {
      connection,
      events: DEFAULT_EVENTS,
      ...params,
    }).then((result: unknown) => this.save(result));
  }

  /** `create` whose state the platform has not saved yet (`save` it later). */
  createUnsaved(connection: Connection, params: Record<string, unknown> = {}) {
    return lifecycle.webhookCreate!(this.context() as never, {
      connection,
      events: DEFAULT_EVENTS,
      ...params,
    });
  }

  delete(connection: Connection, params: Record<string, unknown> = {}) {
    return lifecycle.webhookDelete!(this.context() as never, {
      connection,
      events: DEFAULT_EVENTS,
      ...params,
    }).then((result: unknown) => this.save(result));
  }

  /** Runs the trigger's perform on a request, as the platform does, and keeps its state. */
  async perform(connection: Connection, headers: Record<string, string>, body: string) {
    try {
      const result = (await harness.trigger(
        TRIGGER,
        { headers, rawBody: { data: body }, body: { data: body } },
        { connection },
        this.context() as never,
      )) as Awaited<ReturnType<typeof harness.trigger>> & {
        crossFlowState?: Record<string, unknown>;
      };
      this.save(result);
      this.results.push(result as unknown as Record<string, unknown>);
      return result;
    } catch (error) {
      this.errors.push(error as Error);
      throw error;
    }
  }

  /** Serves the flow's webhook URL on loopback; `endpoint` becomes that URL. */
  async listen(emulator: BynderEmulator, scopes = WEBHOOK_SCOPES): Promise<Intake> {
    const intake = await startIntake(async ({ headers, body }) => {
      const result = (await this.perform(connectionTo(emulator, scopes), headers, body)) as {
        response?: { statusCode: number; contentType: string; body?: string };
      };
      return result.response;
    });
    this.endpoint = intake.url;
    return intake;
  }
}

/** Polls until `check` passes (deliveries run in the background); fails after ~5 s. */
export const eventually = async (check: () => void, timeoutMs = 5_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
};
