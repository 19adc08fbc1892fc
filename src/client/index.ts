export * from "./client";
export * from "./encoding";
export * from "./errors";
export * from "./lists";
export * from "./pager";
export { setRateLimit } from "./rateLimiter";
export { responseLimits, sizeText, type ExpectedJson } from "./responses";
export * from "./sns";
export * from "./webhookConfigurations";
