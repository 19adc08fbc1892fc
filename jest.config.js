/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/emulator", "<rootDir>/test", "<rootDir>/integrations"],
  testMatch: ["**/*.test.ts"],
  // Type checking is `npm run lint`'s job (tsc --noEmit); tests only transpile, which keeps them fast.
  transform: { "^.+\\.ts$": "ts-jest" },
  setupFiles: ["<rootDir>/test/setup.ts"],
  testTimeout: 30000,
};
