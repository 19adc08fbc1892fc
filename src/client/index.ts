export * from "./client";
export * from "./encoding";
export * from "./errors";
export * from "./lists";
export * from "./pager";
export { setRateLimit } from "./rateLimiter";
