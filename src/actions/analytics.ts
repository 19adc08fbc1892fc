/**
 * Analytics (`/v7/analytics/api`): event feeds (views, downloads, creations, searches, logins, …)
 * and every event on one asset. Not on every Bynder plan; needs the analytics.api:read scope, which
 * the default Scopes do not include. Feeds page by cursor: each page's `next-cursor` header is
 * returned beside the events, and Fetch All stops at ANALYTICS_FETCH_ALL_CAP events.
 */
import { BynderError, InputError, path, type BynderClient } from "../client";

import { analyticsEvents, assetActivity, nextCursorHeaders } from "../examplePayloads/analytics";
import {
  ANALYTICS_FEEDS,
  ANALYTICS_FETCH_ALL_CAP,
  analyticsCursor,
  analyticsFeed,
  analyticsFetchAll,
  analyticsLimit,
  fromDateTime,
  toDateTime,
} from "../inputs/analytics";
import { connection } from "../inputs/common";
import { assetIdInput } from "../inputs/assets";
import { bynderAction } from "./bynderAction";
import { onPlanFeature, requireScope } from "./requirements";

type AnalyticsEvent = Record<string, unknown>;

interface FeedRead {
  label: string;
  from?: Date;
  to?: Date;
  limit?: number;
  cursor?: string;
  fetchAll: boolean;
}

/**
 * Reads a cursor-paged analytics feed: one page, or with Fetch All page after page until a page
 * comes back short or empty, without a next cursor, or with the cursor it was given (the feeds'
 * last page is not documented, so any of these ends it). More than ANALYTICS_FETCH_ALL_CAP events
 * is an error that names the cursor to continue from, never a silent truncation.
 */
const readFeed = async (
  bynder: BynderClient,
  feedPath: string,
  { label, from, to, limit, cursor, fetchAll }: FeedRead,
) => {
  if (from && to && from.getTime() > to.getTime()) {
    throw new InputError("From must not be later than To.");
  }
  const pageSize = limit ?? (fetchAll ? 10_000 : undefined);
  const readPage = (at: string | undefined) =>
    bynder.request<AnalyticsEvent[]>({
      method: "GET",
      path: feedPath,
      query: {
        fromDateTime: from, // Dates are sent as yyyy-mm-ddThh:mm:ssZ
        toDateTime: to,
        limit: pageSize,
        cursor: at,
      },
    });
  return onPlanFeature(
    label,
    "The Analytics API",
    async (): Promise<{
      data: AnalyticsEvent[];
      headers: Record<string, string>;
    }> => {
      const events: AnalyticsEvent[] = [];
      let at = cursor;
      for (;;) {
        const page = await readPage(at);
        if (!Array.isArray(page.data)) {
          throw new BynderError(
            `Bynder answered ${feedPath} with something other than a list of events.`,
          );
        }
        events.push(...page.data);
        const next = page.headers["next-cursor"] || undefined;
        if (!fetchAll) {
          return { data: events, headers: next ? { "next-cursor": next } : {} };
        }
        const ended =
          !next || next === at || page.data.length === 0 || page.data.length < (pageSize ?? 0);
        if (ended) return { data: events, headers: {} };
        if (events.length >= ANALYTICS_FETCH_ALL_CAP) {
          throw new BynderError(
            `${label}: more than ${ANALYTICS_FETCH_ALL_CAP.toLocaleString("en")} events, the most Fetch All reads in one run. Narrow From and To, or read on with Cursor ${next}.`,
          );
        }
        at = next;
      }
    },
  );
};

/** The date range and paging every feed takes. */
const feedInputs = {
  from: fromDateTime,
  to: toDateTime,
  limit: analyticsLimit,
  cursor: analyticsCursor,
  fetchAll: analyticsFetchAll,
  connection,
};

export const listAnalyticsEvents = bynderAction({
  display: {
    label: "List Analytics Events",
    description:
      "Retrieve analytics events of one feed (asset views, downloads, creations, archivings, removals, searches, logins or collection views) in a date range, oldest first, with the next-cursor header for the next page. Needs the analytics.api:read scope on the connection, which the default Scopes do not include.",
  },
  inputs: { feed: analyticsFeed, ...feedInputs },
  performSafety: "safe",
  examplePayload: { data: analyticsEvents, headers: nextCursorHeaders },
  runResult: (bynder, { feed, connection, ...read }) => {
    requireScope(connection, "analytics.api:read", "List Analytics Events");
    const feedPath = `/v7/analytics/api${ANALYTICS_FEEDS[feed].path}`;
    return readFeed(bynder, feedPath, { label: "List Analytics Events", ...read });
  },
});

export const getAssetActivity = bynderAction({
  display: {
    label: "Get Asset Activity",
    description:
      "Retrieve every analytics event on one asset (views, downloads, creation, archiving, removal), oldest first, with the next-cursor header for the next page. Needs the analytics.api:read scope on the connection, which the default Scopes do not include.",
  },
  inputs: { assetId: assetIdInput, ...feedInputs },
  performSafety: "safe",
  examplePayload: { data: assetActivity, headers: nextCursorHeaders },
  runResult: (bynder, { assetId, connection, ...read }) => {
    requireScope(connection, "analytics.api:read", "Get Asset Activity");
    return readFeed(bynder, path`/v7/analytics/api/v1/asset/${assetId}`, {
      label: "Get Asset Activity",
      ...read,
    });
  },
});

export const analyticsActions = { listAnalyticsEvents, getAssetActivity };
