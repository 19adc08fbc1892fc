/**
 * `context.components.bynder` for invokeFlow: every call the integration makes runs the action of
 * the built component (dist/index.js, what Prismatic runs) through spectral's harness, so inputs
 * are cleaned and defaulted as on the platform.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createHarness } from "@prismatic-io/spectral/dist/testing";

const ROOT = join(__dirname, "../../..");
const DIST = join(ROOT, "dist/index.js");

const newest = (dir: string): number =>
  Math.max(
    ...readdirSync(dir)
      .filter((name) => !name.endsWith(".test.ts"))
      .map((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? newest(path) : statSync(path).mtimeMs;
      }),
  );

/** The built component; a clear failure when it is missing or older than src/. */
const builtComponent = () => {
  if (!existsSync(DIST) || statSync(DIST).mtimeMs < newest(join(ROOT, "src"))) {
    throw new Error("dist/index.js is missing or older than src/: run `npm run build` first.");
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(DIST) as { default: Parameters<typeof createHarness>[0] }).default;
};

export interface ComponentCall {
  action: string;
  values: Record<string, unknown>;
}

export const bynderComponent = () => {
  const harness = createHarness(builtComponent());
  const calls: ComponentCall[] = [];
  const bynder = new Proxy(
    {},
    {
      get: (_target, action: string) => (values: Record<string, unknown>) => {
        calls.push({ action, values });
        return harness.action(action, values);
      },
    },
  );
  return { components: { bynder }, calls };
};
