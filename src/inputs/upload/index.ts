/**
 * Inputs of the upload actions: the nine legacy steps (`steps.ts`), Upload File
 * (`uploadFile.ts`), the asset an upload becomes (`assetFields.ts`, derived from the asset
 * inputs), file names and data (`fileData.ts`).
 */
export * from "./assetFields";
export * from "./steps";
export * from "./uploadFile";
