/**
 * Analytics (`/v7/analytics/api`): event feeds (views, downloads, creations, searches, logins, …)
 * and every event on one asset. Not on every Bynder plan; needs the analytics.api:read scope, which
 * the default Scopes do not include. Feeds page by cursor: each page's `next-cursor` header is
 * returned beside the events, and Fetch All stops at ANALYTICS_FETCH_ALL_CAP events.
 */
import {
  BynderError,
  InputError,
  path,
  readByCursor,
  type BynderClient,
  type BynderList,
} from "../client";

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
 * Reads an analytics feed through the pager's cursor walk: one page, or with Fetch All every page
 * up to ANALYTICS_FETCH_ALL_CAP events (past it, an error naming the cursor to read on from).
 */
const readFeed = async (
  bynder: BynderClient,
  feedPath: string,
  { label, from, to, limit, cursor, fetchAll }: FeedRead,
) => {
  if (from && to && from.getTime() > to.getTime()) {
    throw new InputError("From must not be later than To.");
  }
  const feed: BynderList = {
    what: "events",
    path: feedPath,
    query: { fromDateTime: from, toDateTime: to }, // dates go as yyyy-mm-ddThh:mm:ssZ
    pageSize: limit ?? (fetchAll ? 10_000 : undefined),
  };
  return onPlanFeature(label, "The Analytics API", async () => {
    const { records, next } = await readByCursor<AnalyticsEvent>(bynder, feed, {
      cursor,
      all: fetchAll,
      maxRecords: ANALYTICS_FETCH_ALL_CAP,
      capError: (at) =>
        new BynderError(
          `${label}: more than ${ANALYTICS_FETCH_ALL_CAP.toLocaleString("en")} events, the most Fetch All reads in one run. Narrow From and To, or read on with Cursor ${at}.`,
        ),
    });
    const headers: Record<string, string> = next ? { "next-cursor": next } : {};
    return { data: records, headers };
  });
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
