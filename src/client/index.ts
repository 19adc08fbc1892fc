export * from "./client";
export * from "./encoding";
export * from "./errors";
export * from "./pagination";
export { setRateLimit } from "./rateLimiter";
export * from "./upload";
export { checkedUrl } from "./urls";
