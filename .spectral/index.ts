/**
 * Types the code-native integrations of this repository: their config pages, and the components
 * they call (this component, through the manifest that `npm run manifest` generates), so that
 * `context.components.bynder.<actionKey>(values)` is checked against the action keys and inputs.
 * The same module augmentation prism writes for `prism integrations:init`.
 */
import type { componentRegistry, configPages } from "../integrations/tagged-asset-sync/src";

type TConfigPages = typeof configPages;
type TComponentRegistry = typeof componentRegistry;

/* eslint-disable @typescript-eslint/no-empty-object-type -- an augmentation merges into spectral's interfaces */
declare module "@prismatic-io/spectral" {
  interface IntegrationDefinitionConfigPages extends TConfigPages {}

  interface IntegrationDefinitionComponentRegistry extends TComponentRegistry {}
}
