/**
 * Helpers for the trigger tests: a poller that carries Prismatic's polling state from one poll to
 * the next, a controllable emulator clock, and a ledger of the changes the test made (the ground
 * truth every poll is compared with).
 */
import type { ActionLogger } from "@prismatic-io/spectral";
import { createHarness } from "@prismatic-io/spectral/dist/testing";
import component from "../src";
import { harness } from "./support";
import type { BynderEmulator } from "../emulator/server";

type Data = { created: Record<string, unknown>[]; updated: Record<string, unknown>[] } & {
  deleted?: Record<string, unknown>[];
};

export interface PollResult {
  data: Data;
  resultType: string | undefined;
}

/** A logger that keeps the warnings and drops the rest. */
const warningLogger = (warnings: string[]) =>
  ({
    ...Object.fromEntries(
      ["metric", "trace", "debug", "info", "log", "error"].map((level) => [level, () => undefined]),
    ),
    warn: (...args: unknown[]) => warnings.push(args.map(String).join(" ")),
  }) as unknown as ActionLogger;

/** Polls the trigger like Prismatic would, keeping the instance state between calls. */
export const poller = (
  env: { emulator: BynderEmulator; connection: unknown },
  params: Record<string, unknown>,
) => {
  const instanceState: Record<string, unknown> = {};
  /** Every warning the trigger logged, in order (a test clears it to look at one poll). */
  const warnings: string[] = [];
  const logger = warningLogger(warnings);
  return {
    instanceState,
    warnings,
    /** Replaces the saved polling state, as a damaged or foreign state would be found. */
    setState(polling: Record<string, unknown>) {
      instanceState.__prismaticInternal = { polling };
    },
    state: () =>
      (instanceState.__prismaticInternal as { polling?: Record<string, unknown> } | undefined)
        ?.polling,
    async poll(extra: Record<string, unknown> = {}): Promise<PollResult> {
      const result = (await harness.trigger(
        "pollChangesTrigger",
        undefined,
        { connection: env.connection, ...params, ...extra },
        { instanceState, logger },
      )) as { payload: { body: { data: Data } }; resultType?: string };
      return { data: result.payload.body.data, resultType: result.resultType };
    },
  };
};

export interface BatchItem {
  change: "created" | "updated" | "deleted" | "existing";
  record: Record<string, unknown>;
}

/** The initial sync, run like the platform does: the trigger's onDeploy perform as a trigger. */
const syncHarness = (() => {
  const trigger = component.triggers.batchedChangesTrigger as unknown as Record<string, unknown>;
  return createHarness({
    ...component,
    triggers: {
      ...component.triggers,
      initialSync: { ...trigger, perform: trigger.onDeployPerform },
    },
  } as unknown as typeof component);
})();

/**
 * Drives batchedChangesTrigger as Prismatic does: perform again with each returned
 * paginationState until it is null; the polling state carried between calls and runs.
 */
export const batchRunner = (
  env: { emulator: BynderEmulator; connection: unknown },
  params: Record<string, unknown>,
) => {
  const instanceState: Record<string, unknown> = {};
  const warnings: string[] = [];
  const logger = warningLogger(warnings);
  /** One perform call. */
  const call = async (
    paginationState: Record<string, unknown> | null,
    { sync = false, extra = {} } = {},
  ) => {
    const result = (await (sync ? syncHarness : harness).trigger(
      sync ? "initialSync" : "batchedChangesTrigger",
      paginationState ? ({ paginationState } as never) : undefined,
      { connection: env.connection, ...params, ...extra },
      { instanceState, logger },
    )) as unknown as {
      payload: { body: { data: BatchItem[] }; paginationState: Record<string, unknown> | null };
      resultType?: string;
    };
    return {
      items: result.payload.body.data,
      next: result.payload.paginationState,
      resultType: result.resultType,
    };
  };
  return {
    instanceState,
    warnings,
    call,
    state: () =>
      (instanceState.__prismaticInternal as { polling?: Record<string, unknown> } | undefined)
        ?.polling,
    /**
     * A whole run; `between(page)` runs after each page but the last (edits while the run pages).
     * Returns every item and the number of perform calls.
     */
    async run({
      sync = false,
      extra = {},
      between = (_page: number): void | Promise<void> => undefined,
      from = null as Record<string, unknown> | null,
    } = {}) {
      const items: BatchItem[] = [];
      let next = from;
      let calls = 0;
      let resultType: string | undefined;
      do {
        const page = await call(next, { sync, extra });
        if (calls === 0) resultType = page.resultType;
        calls++;
        items.push(...page.items);
        next = page.next;
        if (next) await between(calls);
      } while (next);
      return { items, calls, resultType };
    },
  };
};

/** Items in the shape Ledger.check reads (`existing` counts as created). */
export const asData = (items: BatchItem[]) => ({
  created: items
    .filter((i) => i.change === "created" || i.change === "existing")
    .map((i) => i.record),
  updated: items.filter((i) => i.change === "updated").map((i) => i.record),
  deleted: items.filter((i) => i.change === "deleted").map((i) => i.record),
});

/** The emulator's clock under the test's control, in whole seconds like Bynder's stamps. */
export const controlClock = (emulator: BynderEmulator, start = Date.now() + 60_000) => {
  let now = Math.floor(start / 1000) * 1000;
  emulator.portal.now = () => now;
  return {
    get now() {
      return now;
    },
    tick(seconds = 1) {
      now += seconds * 1000;
      return now;
    },
  };
};

/**
 * What the test changed since the last poll, and everything reported so far. `check` compares one
 * poll's report with it: exactly the changed records, each once, as created or updated as it
 * should be, with the version the portal holds.
 */
export class Ledger {
  private pendingChanges = new Map<string, { ts: string; isNew: boolean }>();
  private pendingDeletes = new Set<string>();
  private reported = new Set<string>();
  /** Deleted since the last check (a poll may still have read them before they went). */
  private gone = new Set<string>();

  constructor(
    private readonly idField = "id",
    private readonly tsField = "dateModified",
  ) {}

  created(id: string, ts: string) {
    this.pendingChanges.set(id, { ts, isNew: true });
  }
  modified(id: string, ts: string) {
    const known = this.pendingChanges.get(id);
    this.pendingChanges.set(id, { ts, isNew: known?.isNew ?? false });
  }
  /** Removed where the trigger does not report removals (only assets have a trash). */
  forget(id: string) {
    this.pendingChanges.delete(id);
    this.gone.add(id);
  }
  deleted(id: string) {
    this.pendingChanges.delete(id);
    this.pendingDeletes.add(id);
    this.gone.add(id);
  }

  /** Records one poll's report; returns problems (empty when the report is exactly right). */
  check(data: Data, { exact = true } = {}): string[] {
    const problems: string[] = [];
    const note = (list: Record<string, unknown>[], kind: string) => {
      for (const record of list) {
        const id = String(record[this.idField]);
        const key = `${kind === "deleted" ? "deleted" : "changed"}:${id}@${String(record[kind === "deleted" ? "dateRemoved" : this.tsField])}`;
        if (this.reported.has(key)) problems.push(`repeated ${kind} ${key}`);
        this.reported.add(key);
        if (kind === "deleted") {
          if (exact && !this.pendingDeletes.has(id)) problems.push(`unexpected deleted ${id}`);
          this.pendingDeletes.delete(id);
          continue;
        }
        const pending = this.pendingChanges.get(id);
        if (!pending) {
          if (exact || !this.gone.has(id)) problems.push(`unexpected ${kind} ${id}`);
          continue;
        }
        if ((kind === "created") !== pending.isNew) problems.push(`${id} reported as ${kind}`);
        const ts = String(record[this.tsField]);
        if (ts === pending.ts) {
          this.pendingChanges.delete(id);
        } else if (exact) {
          problems.push(`${id} reported at ${ts}, holds ${pending.ts}`);
        } else {
          pending.isNew = false; // an earlier version, read while the test was still editing it
        }
      }
    };
    note(data.created, "created");
    note(data.updated, "updated");
    note(data.deleted ?? [], "deleted");
    this.gone.clear();
    if (exact) {
      for (const [id, { ts }] of this.pendingChanges) problems.push(`lost change ${id}@${ts}`);
      for (const id of this.pendingDeletes) problems.push(`lost deletion ${id}`);
    }
    return problems;
  }

  /** Changes not yet reported (after a final quiet poll this must be empty). */
  outstanding(): string[] {
    return [
      ...[...this.pendingChanges].map(([id, { ts }]) => `${id}@${ts}`),
      ...[...this.pendingDeletes].map((id) => `deleted ${id}`),
    ];
  }
}

/** A deterministic PRNG for the edit schedules. */
export const random = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
};
