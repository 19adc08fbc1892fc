/** Inputs of the analytics actions (`/v7/analytics/api`): the feed, its date range and paging. */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import { oneOf, optionalDate, optionalString, quoted } from "./clean";
import { booleanInput, limitInput, PLACEHOLDERS } from "./common";

/** Fetch All stops here: analytics feeds can hold millions of events. */
export const ANALYTICS_FETCH_ALL_CAP = 100_000;

/** The event feeds, each with its path under /v7/analytics/api. */
export const ANALYTICS_FEEDS = {
  assetViews: { label: "Asset views", path: "/v2/asset/views" },
  assetDownloads: { label: "Asset downloads", path: "/v1/asset/download" },
  assetDownloadRequests: {
    label: "Asset download requests, with reasons (from 2023-11-01)",
    path: "/v1/asset/v2/download",
  },
  assetCreations: { label: "Asset creations", path: "/v1/asset/create" },
  assetArchives: { label: "Asset archivings", path: "/v1/asset/archive" },
  assetRemovals: { label: "Asset removals", path: "/v1/asset/remove" },
  searchExecutions: { label: "Searches", path: "/v1/search/executions" },
  userLogins: { label: "User logins", path: "/v1/user/login" },
  collectionViews: { label: "Collection views", path: "/v1/collection/views" },
} as const;
export type AnalyticsFeed = keyof typeof ANALYTICS_FEEDS;
const FEED_KEYS = Object.keys(ANALYTICS_FEEDS) as AnalyticsFeed[];

export const analyticsFeed = input({
  label: "Feed",
  type: "string",
  required: true,
  comments:
    "Which events to list. Asset views and download requests come from Bynder's newer v2 feeds; searches replace the deprecated keyword feed.",
  default: "assetViews",
  example: "assetViews",
  model: FEED_KEYS.map((key) => ({ label: ANALYTICS_FEEDS[key].label, value: key })),
  clean: oneOf("Feed", FEED_KEYS),
});

const dateInput = (label: string, comments: string, example: string) =>
  input({
    label,
    type: "string",
    required: false,
    comments: `${comments} ISO 8601, e.g. ${example}; sent to the minute or second as Bynder takes it.`,
    example,
    placeholder: PLACEHOLDERS.date,
    clean: optionalDate(label),
  });

export const fromDateTime = dateInput(
  "From",
  "Only events after this moment.",
  "2024-01-01T00:00:00Z",
);
export const toDateTime = dateInput(
  "To",
  "Only events up to this moment (with From, a date range).",
  "2024-01-31T23:59:59Z",
);

export const analyticsLimit = limitInput(
  10_000,
  "Events per page, 1 to 10,000; empty uses Bynder's 1,000 (with Fetch All: 10,000).",
);

export const analyticsCursor = input({
  label: "Cursor",
  type: "string",
  required: false,
  comments:
    "Where to continue: the next-cursor header of the previous page (in this action's headers). Empty starts at the first event.",
  example: "MTAwMA",
  placeholder: "next-cursor of the previous page",
  clean: (value: unknown) => {
    const cursor = optionalString("Cursor")(value);
    if (cursor !== undefined && /[\s/?#&]/.test(cursor)) {
      throw new InputError(
        `Cursor must be the next-cursor value Bynder returned; got ${quoted(cursor)}.`,
      );
    }
    return cursor;
  },
});

export const analyticsFetchAll = booleanInput(
  "Fetch All",
  `Read every page of the date range, up to ${ANALYTICS_FETCH_ALL_CAP.toLocaleString("en")} events; more than that fails and says where to continue with Cursor. Cursor and Limit then set where to start and the page size.`,
);
