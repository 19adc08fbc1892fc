/**
 * The trash: assets removed in the last 30 days, each with a signed URL to its file.
 * Facts: openapi trash-v4.
 */
import { route, type Handler, type Route } from "../context";
import { badRequest, dateParam, json, paging, second } from "../http";
import { signedDownloadUrl } from "../downloads";
import { activeOriginal } from "../media";
import { isoOffset } from "../util";

const DAY = 24 * 60 * 60 * 1000;

const TRASH_FIELDS = ["media.dateCreated", "media.dateRemoved", "media.name", "media.username"];

/** GET /api/trash/media: assets removed in the last 30 days, `dateRemoved` = removed since. */
const listTrash: Handler = (req, { portal }) => {
  const { query } = req;
  const { limit, page } = paging(query, 10, 1000);
  const since = dateParam(query, "dateRemoved");
  const field = query.get("field")?.trim() || "media.dateRemoved";
  if (!TRASH_FIELDS.includes(field)) {
    throw badRequest(`Invalid field "${field}": use ${TRASH_FIELDS.join(", ")}`);
  }
  const order = (query.get("order")?.trim() || "desc").toLowerCase();
  if (order !== "asc" && order !== "desc")
    throw badRequest(`Invalid order "${order}": use asc or desc`);
  const cutoff = portal.now() - 30 * DAY;
  const usernameOf = (userId?: string) =>
    userId ? (portal.users.get(userId)?.username ?? "") : "";
  const rows = portal.trash
    .filter(
      (d) => d.dateRemoved >= cutoff && (since === undefined || second(d.dateRemoved) >= since),
    )
    .map((d) => ({
      entry: d,
      json: {
        id: d.media.id,
        name: d.media.name,
        dateRemoved: isoOffset(d.dateRemoved),
        dateCreated: isoOffset(d.media.dateCreated),
        username: usernameOf(d.userId),
        userId: d.userId ?? "",
        S3_filepointer: activeOriginal(d.media)
          ? signedDownloadUrl(portal, req.baseUrl, d.media, activeOriginal(d.media)!)
          : "",
      },
    }));
  const sign = order === "desc" ? -1 : 1;
  const keyOf = (row: (typeof rows)[number]): number | string =>
    field === "media.dateCreated"
      ? row.entry.media.dateCreated
      : field === "media.name"
        ? row.entry.media.name.toLowerCase()
        : field === "media.username"
          ? row.json.username.toLowerCase()
          : row.entry.dateRemoved;
  rows.sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return sign * (x < y ? -1 : x > y ? 1 : 0) || (a.json.id < b.json.id ? -1 : 1);
  });
  return json(
    200,
    rows.slice((page - 1) * limit, page * limit).map((row) => row.json),
  );
};

export const trashRoutes: Route[] = [route("GET", "/api/trash/media", "asset:read", listTrash)];
