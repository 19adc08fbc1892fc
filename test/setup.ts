// Tests exercise retries against the emulator; real backoff delays would only make them slow.
import { configureRetries } from "../src/client/client";

configureRetries({ baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 5_000 });
