/**
 * The portal's own clock, read from the `Date` header of its answers (HTTP servers send one on
 * every response). The triggers bound their watermark by it, so a record stamped years ahead, or
 * a local clock that is wrong, cannot push the cursor past what the portal considers now.
 */
import type { BynderClient } from "../client";
import { parseBynderDate } from "./dates";

export interface PortalClock {
  /** The portal's now in epoch seconds, from its latest answer; the local clock if none had one. */
  now(): number;
}

/**
 * Watches every answer `bynder` receives from here on. The client's `get` and friends all go
 * through `request`, so wrapping that one method of this instance sees each answer; the client
 * module itself stays untouched.
 */
export const watchPortalClock = (bynder: BynderClient): PortalClock => {
  let latest: number | undefined;
  const request = bynder.request.bind(bynder);
  bynder.request = (async (spec) => {
    const response = await request(spec);
    const ms = parseBynderDate(response.headers?.date);
    if (ms !== undefined) latest = Math.floor(ms / 1000);
    return response;
  }) as BynderClient["request"];
  return { now: () => latest ?? Math.floor(Date.now() / 1000) };
};
