/** The components this integration calls: only the Bynder component, typed by its manifest. */
import { componentManifests } from "@prismatic-io/spectral";
import bynder from "../../../manifest/src";

/**
 * spectral 10.31.1's generator copies each action's output schema as the JSON text the converted
 * component carries, while `ComponentManifestAction` types it as an object. Calls do not use output
 * schemas, so the registry leaves them out of the type; every key, input and return stays typed.
 */
type WithoutOutputSchemas<T extends { actions: object }> = Omit<T, "actions"> & {
  actions: { [Key in keyof T["actions"]]: Omit<T["actions"][Key], "outputSchema"> };
};

export const componentRegistry = componentManifests({
  // ESLint's type view misses the mismatch above; tsc does not.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  bynder: bynder as WithoutOutputSchemas<typeof bynder>,
});
