/**
 * The metaproperty options set on an asset (`/api/media/options`, JSON bodies): add options to
 * an asset, or take them off.
 */
import { route, type Handler, type Route } from "../context";
import { Answer, created, jsonOnly, noContent, v4Error, type EmulatorRequest } from "../http";
import type { MetapropertyOption, Portal } from "../portal";

/** Body of POST/DELETE /api/media/options, checked: the asset, metaproperty and options. */
const assetOptionsRequest = (req: EmulatorRequest, portal: Portal) => {
  const wrongType = jsonOnly(req);
  if (wrongType) throw new Answer(wrongType);
  const body = req.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new Answer(v4Error(400, "Request body must be a JSON object"));
  }
  const rawIds = body.metaproperty_option_ids;
  const optionIds = (
    Array.isArray(rawIds) ? rawIds : typeof rawIds === "string" ? rawIds.split(",") : []
  )
    .map((id) => String(id).trim())
    .filter(Boolean);
  const missing = [
    typeof body.asset_id === "string" && body.asset_id.trim() ? undefined : "asset_id",
    typeof body.metaproperty_id === "string" && body.metaproperty_id.trim()
      ? undefined
      : "metaproperty_id",
    optionIds.length ? undefined : "metaproperty_option_ids",
  ].filter(Boolean);
  if (missing.length) {
    throw new Answer(v4Error(400, `Missing required field(s): ${missing.join(", ")}`));
  }
  const media = portal.media.get(String(body.asset_id).trim().toUpperCase());
  if (!media) throw new Answer(v4Error(404, `Asset ${String(body.asset_id)} not found`));
  const mpId = String(body.metaproperty_id).trim().toUpperCase();
  const mp = portal.metaproperties.find((p) => p.id === mpId);
  if (!mp) throw new Answer(v4Error(404, `Metaproperty ${String(body.metaproperty_id)} not found`));
  const options: MetapropertyOption[] = [];
  for (const id of optionIds) {
    const option = mp.options.find((o) => o.id === id.toUpperCase());
    if (!option) {
      throw new Answer(
        v4Error(404, `Metaproperty option ${id} not found in metaproperty ${mp.name}`),
      );
    }
    if (!options.includes(option)) options.push(option);
  }
  return { media, mp, options };
};

const addOptions: Handler = (req, { portal }) => {
  const { media, mp, options } = assetOptionsRequest(req, portal);
  const ids = options.map((o) => o.id);
  if (!mp.isMultiselect && ids.length > 1) {
    return v4Error(400, `Metaproperty ${mp.name} takes one option; got ${ids.length}`);
  }
  // A single-select metaproperty keeps one option: the new one replaces the old.
  const own = new Set(mp.options.map((o) => o.id));
  const kept = mp.isMultiselect
    ? media.propertyOptions
    : media.propertyOptions.filter((id) => !own.has(id));
  media.propertyOptions = [...kept, ...ids.filter((id) => !kept.includes(id))];
  media.dateModified = portal.now();
  return created();
};

const removeOptions: Handler = (req, { portal }) => {
  const { media, options } = assetOptionsRequest(req, portal);
  const ids = new Set(options.map((o) => o.id));
  media.propertyOptions = media.propertyOptions.filter((id) => !ids.has(id));
  media.dateModified = portal.now();
  return noContent();
};

export const assetOptionRoutes: Route[] = [
  route("POST", "/api/media/options", "asset:write", addOptions),
  route("DELETE", "/api/media/options", "asset:write", removeOptions),
];
