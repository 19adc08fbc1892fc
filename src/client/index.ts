export * from "./client";
export * from "./encoding";
export * from "./errors";
export * from "./pagination";
export { setRateLimit } from "./rateLimiter";
export * from "./sns";
export * from "./webhookConfigurations";
