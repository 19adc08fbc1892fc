export * from "./client";
export * from "./encoding";
export * from "./errors";
export { fetchAllPages } from "./pagination";
export * from "./pager";
export { setRateLimit } from "./rateLimiter";
