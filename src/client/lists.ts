/**
 * Bynder's lists as the pager reads them (bynder-api.md §4.1, §5, §7, §8, §10): where each list is,
 * where its records sit, where it reports its total, and the page size we read it with (Bynder's
 * maximum). Callers add their filters and order with `withQuery(lists.media, { … })`.
 */
import { path } from "./encoding";
import type { BynderList } from "./pager";

/** Assets; `total=1` makes Bynder wrap them as `{ media, total: { count } }`. */
const media: BynderList = {
  what: "assets",
  path: "/api/v4/media/",
  query: { total: 1 },
  records: "media",
  total: "total.count",
  pageSize: 1000,
};

/** Collections; `count=1` makes Bynder wrap them as `{ collections, count }`. */
const collections: BynderList = {
  what: "collections",
  path: "/api/v4/collections/",
  query: { count: 1 },
  records: "collections",
  total: "count",
  pageSize: 1000,
};

/** Workflow jobs: a bare array, the total in X-Pagination-TotalRecords. */
const jobs: BynderList = {
  what: "jobs",
  path: "/api/workflow/jobs/",
  records: "jobs",
  total: "header",
  pageSize: 100,
};

/** Users (v4): a bare array, the total in X-Pagination-TotalRecords. */
const users: BynderList = {
  what: "users",
  path: "/api/v4/users/",
  records: "users",
  total: "header",
  pageSize: 100,
};

/** Tags: a bare array without a total. */
const tags: BynderList = {
  what: "tags",
  path: "/api/v4/tags/",
  records: "tags",
  pageSize: 1000,
};

/** Assets in the trash, most recently removed first: a bare array without a total. */
const trash: BynderList = {
  what: "deleted assets",
  path: "/api/trash/media/",
  query: { field: "media.dateRemoved", order: "desc" },
  records: "media",
  pageSize: 100,
};

/** Brand store orders: Bynder's page size is fixed at 10 and it takes no limit. */
const orders: BynderList = {
  what: "orders",
  path: "/api/store/order/",
  records: "orders",
  pageSize: 10,
  fixedPageSize: true,
};

/** Workflow campaigns: one answer, not paged; the id field is `ID`. */
const campaigns: BynderList = {
  what: "campaigns",
  path: "/api/workflow/campaigns/",
  records: "campaigns",
  key: "ID",
};

/** The options of one metaproperty: a bare array without a total, at most 1,000 a page. */
const options = (metapropertyId: string): BynderList => ({
  what: "metaproperty options",
  path: path`/api/v4/metaproperties/${metapropertyId}/options/`,
  records: "options",
  pageSize: 1000,
});

export const lists = { media, collections, jobs, users, tags, trash, orders, campaigns, options };
