/**
 * What some Bynder calls need beyond the default connection: a scope the default Scopes leave out
 * (refused before any request, saying what to add and which role the Bynder user needs), or a
 * service not every Bynder plan includes (its refusal becomes a plain error that says so).
 */
import type { Connection } from "@prismatic-io/spectral";
import { BynderError, requireScopes } from "../client";

/** Refuses before any request when the connection's Scopes leave out `scope` (see client/scopes). */
export const requireScope = (connection: Connection, scope: string, label: string): void =>
  requireScopes(connection, [scope], label);

/** The wordings of a service the portal's plan lacks (Bynder documents none; see the emulator). */
const NOT_ENABLED =
  /not enabled|not activated|feature (is )?(disabled|unavailable)|FEATURE_NOT_ENABLED/i;

/**
 * Runs a call to a service not every Bynder plan includes. When Bynder refuses it as not enabled
 * (a 403 that would otherwise flag the connection), the error says so plainly instead.
 */
export const onPlanFeature = async <T>(
  label: string,
  feature: string,
  call: () => Promise<T>,
): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error && NOT_ENABLED.test(error.message)) {
      throw new BynderError(
        `${label}: ${feature} is not enabled on this Bynder portal. It is not part of every Bynder plan; ask Bynder to enable it. (${error.message})`,
        error instanceof BynderError ? error.status : 403,
      );
    }
    throw error;
  }
};
