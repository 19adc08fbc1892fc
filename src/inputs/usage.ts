/** Inputs of Sync Asset Usages: the complete list of an integration's usages. */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import { requiredId, stringList } from "./clean";
import { CF_EXAMPLE, PLACEHOLDERS } from "./common";

export interface UsageEntry {
  asset_id: string;
  uri: string;
  additional?: string;
}

const USAGES_EXAMPLE = [
  { asset_id: CF_EXAMPLE, uri: "/blog/summer-launch", additional: "Hero image" },
  { asset_id: CF_EXAMPLE, uri: "/products/sneaker" },
];

const parseUsages = (value: unknown): UsageEntry[] => {
  let parsed: unknown = value;
  if (typeof value === "string") {
    if (!value.trim()) return [];
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new InputError(`Usages must be valid JSON: ${(error as Error).message}.`);
    }
  }
  if (parsed === undefined || parsed === null) return [];
  if (!Array.isArray(parsed)) {
    throw new InputError('Usages must be a JSON list such as [{"asset_id": "…", "uri": "/page"}].');
  }
  return parsed.map((item: unknown, i): UsageEntry => {
    const where = `Usages item ${i + 1}`;
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      throw new InputError(`${where} must be an object with asset_id and uri.`);
    }
    const { asset_id, uri, additional } = item as Record<string, unknown>;
    const assetId = requiredId(`${where}: asset_id`, "cf")(asset_id);
    if (typeof uri !== "string" || !uri.trim()) {
      throw new InputError(`${where}: uri is required (where the asset is used).`);
    }
    if (additional !== undefined && additional !== null && typeof additional !== "string") {
      throw new InputError(`${where}: additional must be text.`);
    }
    return {
      asset_id: assetId,
      uri: uri.trim(),
      ...(typeof additional === "string" && additional ? { additional } : {}),
    };
  });
};

export const syncUsages = input({
  label: "Usages",
  type: "code",
  language: "json",
  required: false,
  comments:
    'Every usage the integration has now, as a JSON list of {"asset_id", "uri", "additional"} (additional is optional). Bynder adds the new ones and removes, at the URIs below, the ones no longer listed. An empty list with URIs removes every usage at those URIs.',
  example: JSON.stringify(USAGES_EXAMPLE, null, 2),
  placeholder: '[{ "asset_id": "XXXXXXXX-XXXX-XXXX-XXXXXXXXXXXXXXXX", "uri": "/page" }]',
  clean: parseUsages,
});

export const syncUris = input({
  label: "URIs",
  type: "string",
  collection: "valuelist",
  required: false,
  comments:
    "The locations (pages, URLs) this sync covers: the integration's usages there that Usages does not list are removed. Empty: the URIs named in Usages.",
  example: "/blog/summer-launch",
  placeholder: PLACEHOLDERS.url,
  clean: stringList("URIs"),
});
