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
