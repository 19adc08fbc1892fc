/**
 * manifest/ is what `npm run manifest` (spectral's `component-manifest`) generates from the
 * component; code-native integrations are typed by it. This test runs the same generator on the
 * current component definition and compares every file.
 *
 * Two values are not compared: the package version (the generator stamps the current time) and the
 * signature (prism's hash of the built bundle, which changes with any source change; `npm run
 * manifest` refreshes it, and the platform checks it when an integration uses the manifest).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..");
const COMMITTED = join(ROOT, "manifest");
const SIGNATURE = /signature: "([^"]*)"/;
const VERSION = /"version": "[^"]*"/;

const allFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
const filesUnder = (dir: string) =>
  allFiles(dir)
    .map((path) => relative(dir, path))
    .sort();

const comparable = (text: string) =>
  text.replace(SIGNATURE, 'signature: "…"').replace(VERSION, '"version": "…"');

describe("manifest/", () => {
  const committedIndex = readFileSync(join(COMMITTED, "src/index.ts"), "utf8");
  let fresh: string;
  beforeAll(() => {
    fresh = mkdtempSync(join(tmpdir(), "bynder-manifest-"));
    execFileSync(
      join(ROOT, "node_modules/.bin/tsx"),
      [join(__dirname, "manifestGenerator.ts"), fresh, SIGNATURE.exec(committedIndex)?.[1] ?? ""],
      { cwd: ROOT, stdio: "pipe" },
    );
  });
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it("is what `npm run manifest` generates from the current component definition", () => {
    // If this fails: run `npm run manifest` and commit manifest/ with the change.
    expect(filesUnder(COMMITTED)).toEqual(filesUnder(fresh));
    for (const name of filesUnder(fresh)) {
      expect({ name, text: comparable(readFileSync(join(COMMITTED, name), "utf8")) }).toEqual({
        name,
        text: comparable(readFileSync(join(fresh, name), "utf8")),
      });
    }
  });

  it("carries prism's signature of the built component", () => {
    expect(committedIndex).toMatch(/signature: "[0-9a-f]{40}"/);
  });
});
