/**
 * Collections (asset bank v4): list, get, create, modify, delete, share, and the collection's
 * assets. Bynder's shapes: ColdFusion-style dates, a capital-I `IsPublic` in responses, form bodies.
 */
import {
  created,
  formOnly,
  json,
  noContent,
  strictBool,
  v4Error,
  type EmulatorRequest,
  type EmulatorResponse,
} from "../http";
import { thumbnailUrl } from "../mediaJson";
import type { Collection, Media, Portal } from "../portal";
import { route, type Handler, type Route } from "../context";
import { coldFusion, parseFilterDate } from "../util";

const BASE = "/api/v4/collections";
const ORDER_BY = ["dateCreated asc", "dateCreated desc", "name asc", "name desc"] as const;
const SHARE_OPTIONS = ["view", "edit", "readOnly", "readAccess"];
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const NOT_FOUND = "Collection not found";

const isResponse = (value: unknown): value is EmulatorResponse =>
  typeof value === "object" && value !== null && "status" in value;

const findCollection = (portal: Portal, id: string | undefined) =>
  id ? portal.collections.get(id.toUpperCase()) : undefined;

/** The collection's assets that still exist (deleted assets drop out of every collection). */
const liveMedia = (portal: Portal, collection: Collection): Media[] =>
  collection.mediaIds.map((id) => portal.media.get(id)).filter((m): m is Media => !!m);

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/** The collection as GET /collections and GET /collections/{id} return it. */
const present = (req: EmulatorRequest, portal: Portal, c: Collection) => {
  const media = liveMedia(portal, c);
  const coverAsset =
    (c.thumbnailAssetId ? portal.media.get(c.thumbnailAssetId) : undefined) ?? media[0];
  const owner = portal.users.get(c.userId);
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    filename: slug(c.name),
    userId: c.userId,
    user: {
      id: c.userId,
      name: owner ? `${owner.firstname} ${owner.lastname}` : "",
    },
    dateCreated: coldFusion(c.dateCreated),
    dateModified: coldFusion(c.dateModified),
    collectionCount: media.length,
    IsPublic: c.isPublic,
    cover: {
      thumbnail: coverAsset ? thumbnailUrl(req.baseUrl, coverAsset, "thul") : "",
      thumbnails: media.slice(0, 3).map((m) => thumbnailUrl(req.baseUrl, m, "thul")),
      large: coverAsset ? thumbnailUrl(req.baseUrl, coverAsset, "webimage") : "",
    },
    link: `${req.baseUrl}/collections/view/${c.id}/`,
    views: c.views,
  };
};

const list: Handler = (req, { portal }) => {
  const q = req.query;
  const limit = q.int("limit") ?? 50;
  const page = q.int("page") ?? 1;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(page) || page < 1)
    return v4Error(400, "Invalid request parameters.");
  const orderBy = (q.get("orderBy") ?? "dateCreated desc").trim().replace(/\s+/g, " ");
  if (!(ORDER_BY as readonly string[]).includes(orderBy))
    return v4Error(400, "Invalid request parameters.");
  const count = strictBool(q.get("count"), "count");
  const isPublic = strictBool(q.get("isPublic"), "isPublic");
  if (isResponse(count)) return count;
  if (isResponse(isPublic)) return isPublic;
  const minCount = q.int("minCount") ?? 0;
  if (Number.isNaN(minCount)) return v4Error(400, "Invalid request parameters.");
  const ids = new Set(q.list("ids").map((id) => id.toUpperCase()));
  const keyword = q.get("keyword")?.trim().toLowerCase();

  let items = [...portal.collections.values()].filter(
    (c) =>
      (!ids.size || ids.has(c.id)) &&
      (!keyword ||
        c.name.toLowerCase().includes(keyword) ||
        c.description.toLowerCase().includes(keyword)) &&
      (isPublic !== true || c.isPublic === 1) &&
      liveMedia(portal, c).length >= minCount,
  );
  const [field, direction] = orderBy.split(" ");
  const sign = direction === "desc" ? -1 : 1;
  items = items.sort((a, b) => {
    const diff = field === "name" ? a.name.localeCompare(b.name) : a.dateCreated - b.dateCreated;
    return sign * (diff || a.id.localeCompare(b.id));
  });
  const pageItems = items
    .slice((page - 1) * limit, page * limit)
    .map((c) => present(req, portal, c));
  return json(200, count ? { collections: pageItems, count: items.length } : pageItems);
};

const create: Handler = (req, { portal }) => {
  const wrong = formOnly(req);
  if (wrong) return wrong;
  const name = req.form.get("name")?.trim();
  if (!name) return v4Error(400, "Collection name can't be empty");
  const id = portal.cfId();
  const now = portal.now();
  portal.collections.set(id, {
    id,
    name,
    description: req.form.get("description") ?? "",
    userId: req.auth?.userId ?? portal.defaultUserId(),
    isPublic: 0,
    mediaIds: [],
    dateCreated: now,
    dateModified: now,
    views: 0,
    shares: [],
  });
  // Bynder sends no id in the body; the Location header names the new collection's API URL.
  return created({}, { Location: `${req.baseUrl}${BASE}/${id}/` });
};

const modify: Handler = (req, { portal }) => {
  const wrong = formOnly(req);
  if (wrong) return wrong;
  const collection = findCollection(portal, req.params.id);
  if (!collection) return v4Error(404, NOT_FOUND);
  const form = req.form;
  const name = form.get("name");
  if (name !== undefined && !name.trim()) return v4Error(400, "Collection name can't be empty");
  const isPublic = strictBool(form.get("isPublic"), "isPublic");
  if (isResponse(isPublic)) return isPublic;
  const thumbnailAssetId = form.get("thumbnailAssetId")?.trim().toUpperCase();
  if (thumbnailAssetId && !portal.media.has(thumbnailAssetId))
    return v4Error(400, `Asset ${thumbnailAssetId} (thumbnailAssetId) does not exist`);

  if (name !== undefined) collection.name = name.trim();
  if (form.has("description")) collection.description = form.get("description") ?? "";
  if (isPublic !== undefined) collection.isPublic = isPublic ? 1 : 0;
  if (thumbnailAssetId) collection.thumbnailAssetId = thumbnailAssetId;
  portal.touch(collection);
  return created(); // Bynder documents 201 "Created" for a modification
};

const remove = (portal: Portal, id: string | undefined): EmulatorResponse => {
  if (!id) return v4Error(400, "Missing collection id");
  const collection = findCollection(portal, id);
  if (!collection) return v4Error(404, NOT_FOUND);
  portal.collections.delete(collection.id);
  return noContent();
};

const share: Handler = (req, { portal }) => {
  const wrong = formOnly(req);
  if (wrong) return wrong;
  const collection = findCollection(portal, req.params.id);
  if (!collection) return v4Error(404, NOT_FOUND);
  const form = req.form;
  const recipients = form.list("recipients");
  const groups = form.list("groups");
  const profiles = form.list("profiles");
  if (!recipients.length && !groups.length && !profiles.length)
    return v4Error(400, "Recipients, groups or profiles must contain at least one entry");
  const badEmail = recipients.find((email) => !EMAIL.test(email));
  if (badEmail) return v4Error(400, `Invalid recipient email address: ${badEmail}`);
  const unknownProfile = profiles.find(
    (id) => !portal.profiles.some((p) => p.id.toUpperCase() === id.toUpperCase()),
  );
  if (unknownProfile) return v4Error(400, `Security profile ${unknownProfile} does not exist`);
  const collectionOptions = form.get("collectionOptions")?.trim();
  if (!collectionOptions || !SHARE_OPTIONS.includes(collectionOptions))
    return v4Error(400, `collectionOptions must be one of ${SHARE_OPTIONS.join(", ")}`);
  const loginRequired = strictBool(form.get("loginRequired"), "loginRequired");
  const sendMail = strictBool(form.get("sendMail"), "sendMail");
  if (isResponse(loginRequired)) return loginRequired;
  if (isResponse(sendMail)) return sendMail;
  const dates: Record<"dateStart" | "dateEnd", number | undefined> = {
    dateStart: undefined,
    dateEnd: undefined,
  };
  for (const key of ["dateStart", "dateEnd"] as const) {
    const raw = form.get(key)?.trim();
    if (!raw) continue;
    dates[key] = parseFilterDate(raw);
    if (dates[key] === undefined) return v4Error(400, `Invalid date for ${key}: ${raw}`);
  }
  if (
    dates.dateStart !== undefined &&
    dates.dateEnd !== undefined &&
    dates.dateEnd < dates.dateStart
  )
    return v4Error(400, "dateEnd must be after dateStart");

  collection.shares.push({
    recipients,
    groups,
    profiles,
    collectionOptions,
    date: portal.now(),
    loginRequired,
    ...dates,
    sendMail,
    message: form.get("message"),
  });
  portal.touch(collection);
  return json(202, { message: "accepted", statuscode: 202 });
};

const addMedia: Handler = (req, { portal }) => {
  const wrong = formOnly(req);
  if (wrong) return wrong;
  const collection = findCollection(portal, req.params.id);
  if (!collection) return v4Error(404, NOT_FOUND);
  const raw = req.form.get("data");
  if (!raw?.trim()) return v4Error(400, "data is required: a JSON array of asset ids");
  let ids: unknown;
  try {
    ids = JSON.parse(raw);
  } catch {
    return v4Error(400, "data must be a JSON array of asset ids");
  }
  if (!Array.isArray(ids) || !ids.length || !ids.every((id) => typeof id === "string"))
    return v4Error(400, "data must be a JSON array of asset ids");
  const wanted = ids.map((id) => id.trim().toUpperCase());
  // Ids in the body that name no asset make the whole request invalid (nothing is added).
  const unknown = wanted.filter((id) => !portal.media.has(id));
  if (unknown.length) return v4Error(400, `Assets not found: ${unknown.join(",")}`);
  for (const id of wanted) if (!collection.mediaIds.includes(id)) collection.mediaIds.push(id);
  portal.touch(collection);
  return json(202, { message: "Accepted", statuscode: 202 });
};

const removeMedia: Handler = (req, { portal }) => {
  const collection = findCollection(portal, req.params.id);
  if (!collection) return v4Error(404, NOT_FOUND);
  const ids = new Set(req.query.list("deleteIds").map((id) => id.toUpperCase()));
  if (!ids.size) return v4Error(400, "deleteIds is required: comma-separated asset ids");
  collection.mediaIds = collection.mediaIds.filter((id) => !ids.has(id));
  portal.touch(collection);
  return noContent();
};

/** GET one. */
const getCollection: Handler = (req, { portal }) => {
  const collection = findCollection(portal, req.params.id);
  return collection ? json(200, present(req, portal, collection)) : v4Error(404, NOT_FOUND);
};

const listMedia: Handler = (req, { portal }) => {
  const collection = findCollection(portal, req.params.id);
  if (!collection) return v4Error(404, NOT_FOUND);
  return json(
    200,
    liveMedia(portal, collection).map((m) => m.id),
  );
};

/** The Java SDK deletes with the id in the query string. */
const removeByQuery: Handler = (req, { portal }) => remove(portal, req.query.get("id")?.trim());
const removeById: Handler = (req, { portal }) => remove(portal, req.params.id);

export const collectionRoutes: Route[] = [
  route("GET", BASE, "collection:read", list),
  route("POST", BASE, "collection:write", create),
  route("DELETE", BASE, "collection:write", removeByQuery),
  route("GET", `${BASE}/:id`, "collection:read", getCollection),
  route("POST", `${BASE}/:id`, "collection:write", modify),
  route("DELETE", `${BASE}/:id`, "collection:write", removeById),
  route("POST", `${BASE}/:id/share`, "collection:write", share),
  route("GET", `${BASE}/:id/media`, "collection:read", listMedia),
  route("POST", `${BASE}/:id/media`, "collection:write", addMedia),
  route("DELETE", `${BASE}/:id/media`, "collection:write", removeMedia),
];
