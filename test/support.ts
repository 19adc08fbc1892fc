/** Shared test plumbing: an emulator per test file, connections to it, and the component harness. */
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import component from "../src";
import { bynderClientCredentials, DEFAULT_SCOPES } from "../src/connections";
import { startEmulator, type BynderEmulator, type EmulatorOptions } from "../emulator/server";

export const harness = createHarness(component);

/** A client-credentials connection to the emulator with a real token it issued. */
export const connectionTo = (emulator: BynderEmulator, scopes: string = DEFAULT_SCOPES) =>
  createConnection(
    bynderClientCredentials,
    {
      tokenUrl: emulator.tokenUrl,
      scopes,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
    },
    { access_token: emulator.issueToken(scopes), token_type: "bearer" },
  );

/**
 * Starts an emulator before the file's tests and stops it after. Returns getters, because the
 * emulator exists only once beforeAll has run.
 */
export const useEmulator = (options: EmulatorOptions = {}) => {
  const state: { emulator?: BynderEmulator } = {};
  beforeAll(async () => {
    state.emulator = await startEmulator(options);
  });
  afterAll(async () => {
    await state.emulator?.stop();
  });
  beforeEach(() => {
    state.emulator?.clearLog();
    state.emulator?.faults.clear();
  });
  return {
    get emulator(): BynderEmulator {
      if (!state.emulator) throw new Error("emulator not started");
      return state.emulator;
    },
    get connection() {
      return connectionTo(this.emulator);
    },
  };
};

/** The error `promise` rejects with; the test fails if it resolves instead. */
export const errorOf = (promise: Promise<unknown>, what = "the action"): Promise<Error> =>
  promise.then(
    () => {
      throw new Error(`expected ${what} to fail`);
    },
    (error: unknown) => error as Error,
  );

/**
 * What an example payload promises: object keys (sorted) with the shapes of their values, arrays by
 * their first item (an empty array stays empty), `null` as `null`, anything else as its `typeof`.
 */
export const shapeOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value === null) return null;
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, shapeOf(item)]),
    );
  }
  return typeof value;
};

/** `actual` has the same keys and value types as `expected`, recursively (see `shapeOf`). */
export const expectSameShape = (actual: unknown, expected: unknown) =>
  expect(shapeOf(actual)).toEqual(shapeOf(expected));

/**
 * A looser `expectSameShape` for lists whose items differ in what they fill: arrays are compared by
 * their first items only when both have one, and a `null` expected value matches any object.
 */
export const expectSameShapeWhereFilled = (actual: unknown, expected: unknown): void => {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    if (expected.length && (actual as unknown[]).length)
      expectSameShapeWhereFilled((actual as unknown[])[0], expected[0]);
    return;
  }
  if (expected && typeof expected === "object") {
    expect(Object.keys(actual as object).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected))
      expectSameShapeWhereFilled(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
      );
    return;
  }
  expect(typeof actual).toBe(typeof expected);
};

/** The action's example payload has the shape of what the action really returned. */
export const expectExampleShape = (key: string, result: unknown) =>
  expectSameShape(result, component.actions[key].examplePayload);

/** Responses are checked field by field; a loose type keeps the assertions readable. */
export type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What an action returns, loosely typed: tests check the fields one by one. */
export interface ActionResult {
  data: Loose;
  headers: Record<string, string>;
}

/**
 * Runs actions on a connection asking for `scopes` (its token has them too), for actions that
 * need scopes the default Scopes leave out; a call may pass other scopes.
 */
export const runWithScopes =
  (env: { emulator: BynderEmulator }, scopes: string) =>
  (key: string, params: Record<string, unknown>, withScopes = scopes) =>
    harness.action(key, {
      connection: connectionTo(env.emulator, withScopes),
      ...params,
    }) as Promise<ActionResult>;
