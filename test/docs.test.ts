import { readFileSync } from "node:fs";
import { join } from "node:path";
import component from "../src";
import { renderReference } from "../scripts/reference";

describe("docs/reference.md", () => {
  it("is what `npm run docs` generates from the current component definition", () => {
    const onDisk = readFileSync(join(__dirname, "..", "docs", "reference.md"), "utf8");
    // If this fails: run `npm run docs` and commit docs/reference.md with the change.
    expect(onDisk).toBe(renderReference(component));
  });
});
