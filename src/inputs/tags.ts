/** Inputs of the tag actions. */
import { input } from "@prismatic-io/spectral";
import { integer, optionalOneOf, requiredString } from "./clean";
import { limitInput, textInput } from "./common";

// --- Tags -------------------------------------------------------------------------------------

export const TAG_ORDERS = ["tag asc", "tag desc", "mediaCount desc", "mediaCount asc"] as const;

export const tagOrderBy = input({
  label: "Order By",
  type: "string",
  required: false,
  comments: "The order of the tags: by name or by the number of assets that carry them.",
  example: "mediaCount desc",
  model: TAG_ORDERS.map((order) => ({ label: order, value: order })),
  clean: optionalOneOf("Order By", TAG_ORDERS),
});

export const tagKeyword = textInput(
  "Keyword",
  "Only tags whose name contains this text.",
  "summer",
);

export const minCount = input({
  label: "Minimum Count",
  type: "string",
  required: false,
  comments: "Only tags carried by at least this many assets.",
  example: "1",
  clean: integer("Minimum Count", { min: 0 }),
});

export const tagsLimit = limitInput(1000, "Tags per page, at most 1000.");

const CF = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}$/i;

/** A tag id (8-4-4-16) or a tag name, which the action looks up. */
export const tag = input({
  label: "Tag",
  type: "string",
  required: true,
  comments:
    "The tag's id, or its name (looked up among Bynder's tags, ignoring case). To give assets a tag that does not exist yet, use Update Asset's tags.",
  example: "summer",
  dataSource: "selectTag",
  clean: (value: unknown): { id: string } | { name: string } => {
    const raw = requiredString("Tag")(value);
    return CF.test(raw) ? { id: raw.toUpperCase() } : { name: raw };
  },
});
