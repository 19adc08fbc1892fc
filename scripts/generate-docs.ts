/** `npm run docs`: regenerates docs/reference.md from the component definition. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import component from "../src";
import { renderReference } from "./reference";

const target = join(__dirname, "..", "docs", "reference.md");
writeFileSync(target, renderReference(component));
console.log(`wrote ${target}`);
