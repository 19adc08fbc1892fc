/**
 * Table-driven: every action, given each kind of bad input, fails with a message that names the
 * input, before anything is sent to Bynder. Valid values for the other inputs come from each
 * input's own `example`, which must itself pass the input's `clean`.
 */
import component from "../src";
import { harness, useEmulator } from "./support";

const env = useEmulator({ seed: false });

type Input = (typeof component.actions)[string]["inputs"][number] & {
  example?: string;
  default?: unknown;
  collection?: string;
  clean?: (value: unknown) => unknown;
  model?: { value: string }[];
};

const labelOf = (label: unknown) =>
  typeof label === "string" ? label : (label as { value: string }).value;

const CF = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}$/i;
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

const validValue = (input: Input): unknown => {
  if (input.collection === "valuelist") return input.example ? [input.example] : [];
  if (input.collection === "keyvaluelist") return [];
  if (input.type === "data") return Buffer.from("hello");
  if (input.model?.length) return input.example ?? input.model[0].value;
  return input.example ?? input.default ?? "";
};

const cases: [string, string, string, unknown][] = [];
for (const [actionKey, action] of Object.entries(component.actions)) {
  for (const input of action.inputs as Input[]) {
    if (input.type === "connection") continue;
    const label = labelOf(input.label);
    if (input.required && input.type !== "boolean" && !input.collection)
      cases.push([actionKey, label, "missing", ""]);
    if (input.required && input.collection === "valuelist")
      cases.push([actionKey, label, "missing", []]);
    if (input.type === "code") cases.push([actionKey, label, "invalid JSON", "{not json"]);
    if (input.type === "boolean") cases.push([actionKey, label, "not a boolean", "maybe"]);
    const example = input.collection ? undefined : input.example;
    if (example && (CF.test(example) || UUID.test(example)))
      cases.push([actionKey, label, "malformed id", "not an id/.."]);
    if (example && /^\d+$/.test(example) && !input.model)
      cases.push([actionKey, label, "not a number", "12abc"]);
  }
}

const paramsFor = (actionKey: string, badLabel: string, badValue: unknown) => {
  const params: Record<string, unknown> = { connection: env.connection };
  for (const input of component.actions[actionKey].inputs as Input[]) {
    if (input.type === "connection") continue;
    const label = labelOf(input.label);
    params[input.key] = label === badLabel ? badValue : validValue(input);
  }
  return params;
};

describe("bad input fails before any request, naming the input", () => {
  it("covers every action that has inputs", () => {
    expect(new Set(cases.map(([key]) => key)).size).toBeGreaterThan(40);
  });

  it.each(cases)("%s: %s %s", async (actionKey, label, _kind, badValue) => {
    env.emulator.clearLog();
    const error = await harness.action(actionKey, paramsFor(actionKey, label, badValue)).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toContain(label);
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("every input's example passes its own clean", () => {
  const inputs = Object.entries(component.actions).flatMap(([actionKey, action]) =>
    (action.inputs as Input[])
      .filter((i) => i.example && i.clean && !i.collection)
      .map((i) => [actionKey, i.key, i] as const),
  );
  it.each(inputs)("%s.%s", (_actionKey, _key, input) => {
    expect(() => input.clean!(input.example)).not.toThrow();
  });
});

describe("a huge bad value comes back as a short quote, not whole", () => {
  const huge = `${"x".repeat(1_000_000)} /..`;
  const inputs = Object.entries(component.actions).flatMap(([actionKey, action]) =>
    (action.inputs as Input[])
      .filter((i) => i.clean && i.type !== "connection" && i.type !== "data" && !i.collection)
      .map((i) => [actionKey, i.key, i] as const),
  );
  it.each(inputs)("%s.%s", (_actionKey, _key, input) => {
    let message = "";
    try {
      input.clean!(huge);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.length).toBeLessThan(1_000);
  });
});
