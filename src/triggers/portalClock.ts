/**
 * The portal's own clock, which the client reads from the `Date` header of every answer. The
 * triggers bound their watermark by it, so a record stamped years ahead, or a local clock that is
 * wrong, cannot push the cursor past what the portal considers now.
 */
import type { BynderClient } from "../client";

export interface PortalClock {
  /** The portal's now in epoch seconds, from its latest answer; the local clock if none had one. */
  now(): number;
}

export const watchPortalClock = (bynder: BynderClient): PortalClock => ({
  now: () => bynder.portalNow(),
});
