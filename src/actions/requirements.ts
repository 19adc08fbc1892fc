/**
 * What some Bynder calls need beyond the default connection: a scope the default Scopes leave out
 * (refused before any request, saying what to add and which role the Bynder user needs), or a
 * service not every Bynder plan includes (its refusal becomes a plain error that says so).
 */
import type { Connection } from "@prismatic-io/spectral";
import { BynderError, connectionError } from "../client";

/** The scopes the default Scopes leave out, what to add for them, and the role behind them. */
const SCOPE_NEEDS: Record<string, { add: string; role: string }> = {
  "asset.usage:read": { add: "asset.usage:read asset.usage:write", role: "the STATISTICS role" },
  "asset.usage:write": { add: "asset.usage:read asset.usage:write", role: "the STATISTICS role" },
  "workflow.job:approve": { add: "workflow.job:approve", role: "the JOBAPPROVE role" },
  "analytics.api:read": { add: "analytics.api:read", role: "access to Bynder Analytics" },
  "antivirus.asset.audit:read": {
    add: "antivirus.asset.audit:read antivirus.asset.audit:write",
    role: 'the "Audit quarantined assets" permission',
  },
  "antivirus.asset.audit:write": {
    add: "antivirus.asset.audit:read antivirus.asset.audit:write",
    role: 'the "Audit quarantined assets" permission',
  },
};

/**
 * Fails before any request when the connection's Scopes leave out what the call needs (Bynder
 * would answer 403), with a message that says how to fix the connection. A connection without a
 * Scopes field is left to Bynder.
 */
export const requireScope = (connection: Connection, scope: string, label: string): void => {
  const scopes = connection.fields?.scopes;
  if (typeof scopes !== "string" || !scopes.trim()) return;
  if (scopes.split(/\s+/).includes(scope)) return;
  const need = SCOPE_NEEDS[scope];
  const hint = need
    ? `Add "${need.add}" to the connection's Scopes and connect again; the connection's Bynder user also needs ${need.role}.`
    : `Add "${scope}" to the connection's Scopes and connect again.`;
  throw connectionError(
    connection,
    `${label} needs the ${scope} scope, which this Bynder connection does not request. ${hint}`,
  );
};

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
