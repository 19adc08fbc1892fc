/**
 * Fault injection per route: each matching request takes the next step of a sequence. A step is a
 * status code (Bynder-style error body), a full response, or a network fault.
 */
export type FaultStep =
  | number
  | "pass"
  | "reset"
  | "stall"
  | "stall-body"
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { latencyMs: number };

export interface FaultRule {
  method?: string;
  path: string | RegExp;
  steps: FaultStep[];
  /** Repeat the sequence forever instead of passing through once it is used up. */
  loop?: boolean;
}

export class Faults {
  private rules: (FaultRule & { index: number; hits: number })[] = [];

  /** Adds a rule; `path` is a prefix string or a RegExp tested against the path (no query). */
  inject(rule: FaultRule): void {
    this.rules.push({ ...rule, index: 0, hits: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Next fault for this request, if a rule matches and still has steps. */
  next(method: string, path: string): FaultStep | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      const matches =
        typeof rule.path === "string" ? path.startsWith(rule.path) : rule.path.test(path);
      if (!matches) continue;
      if (rule.index >= rule.steps.length) {
        if (!rule.loop) continue;
        rule.index = 0;
      }
      rule.hits++;
      return rule.steps[rule.index++];
    }
    return undefined;
  }

  /** How many requests each rule has intercepted (tests check faults really fired). */
  hits(): number[] {
    return this.rules.map((rule) => rule.hits);
  }
}
