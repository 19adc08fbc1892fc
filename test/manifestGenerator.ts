/**
 * Runs spectral's manifest generator on the component source (not the built bundle) into the
 * directory given as the first argument, with the signature given as the second: the part of
 * `component-manifest` that does not need prism. Used by manifest.test.ts in a child process,
 * because the generator loads prettier with a dynamic import that jest's module system refuses.
 */
import { join } from "node:path";
import { createStaticFiles } from "@prismatic-io/spectral/dist/generators/componentManifest/createStaticFiles";
import { generateManifest } from "@prismatic-io/spectral/dist/generators/componentManifest/generateManifest";
import { version as spectralVersion } from "@prismatic-io/spectral/package.json";
import component from "../src";

const TEMPLATES = join(
  __dirname,
  "../node_modules/@prismatic-io/spectral/dist/generators/componentManifest/templates",
);

const [destination, signature] = process.argv.slice(2);

void generateManifest({
  component,
  dryRun: false,
  verbose: false,
  templatesDir: TEMPLATES,
  manifestDir: destination,
  generatedSourceDir: join(destination, "src"),
  createEntryPointFiles: () =>
    createStaticFiles({
      component,
      dryRun: false,
      signature: signature || null,
      packageName: "@component-manifests/bynder",
      spectralVersion,
      verbose: false,
      sourceDir: TEMPLATES,
      destinationDir: destination,
      registry: null,
    }),
  successMessage: "",
});
