/**
 * Scopes some Bynder calls need beyond the default connection's. A call whose scope the
 * connection's Scopes leave out is refused before any request (Bynder would answer 403), saying
 * what to add and which right the connection's Bynder user needs.
 */
import type { Connection } from "@prismatic-io/spectral";
import { connectionError } from "./errors";

export const WEBHOOK_ROLE = "Manage Webhooks configurations";

interface ScopeNeed {
  /** What to add to the connection's Scopes (a scope's read and write usually go together). */
  add: string;
  /** The role or permission the connection's Bynder user needs besides. */
  role: string;
}

const pair = (read: string, write: string, role: string): Record<string, ScopeNeed> => ({
  [read]: { add: `${read} ${write}`, role },
  [write]: { add: `${read} ${write}`, role },
});

const SCOPE_NEEDS: Record<string, ScopeNeed> = {
  ...pair("asset.usage:read", "asset.usage:write", "the STATISTICS role"),
  ...pair(
    "antivirus.asset.audit:read",
    "antivirus.asset.audit:write",
    'the "Audit quarantined assets" permission',
  ),
  ...pair("webhooks.config:read", "webhooks.config:write", `the security role "${WEBHOOK_ROLE}"`),
  "workflow.job:approve": { add: "workflow.job:approve", role: "the JOBAPPROVE role" },
  "analytics.api:read": { add: "analytics.api:read", role: "access to Bynder Analytics" },
};

/**
 * Fails before any request when the connection's Scopes leave out any of `scopes`. A connection
 * without a Scopes field is left to Bynder.
 */
export const requireScopes = (
  connection: Connection,
  scopes: readonly string[],
  label: string,
): void => {
  const requested = connection.fields?.scopes;
  if (typeof requested !== "string" || !requested.trim()) return;
  const granted = new Set(requested.split(/\s+/));
  const missing = scopes.filter((scope) => !granted.has(scope));
  if (!missing.length) return;
  const need = SCOPE_NEEDS[missing[0]];
  const hint = need
    ? `Add "${need.add}" to the connection's Scopes and connect again; the connection's Bynder user also needs ${need.role}.`
    : `Add "${missing.join(" ")}" to the connection's Scopes and connect again.`;
  throw connectionError(
    connection,
    `${label} needs the ${missing.join(" and ")} scope${missing.length > 1 ? "s" : ""}, which this Bynder connection does not request. ${hint}`,
  );
};
