/** Inputs used across resource groups, defined once. Input keys follow the incumbent component. */
import { input } from "@prismatic-io/spectral";
import {
  boolean,
  integer,
  jsonObject,
  keyValues,
  optionalString,
  requiredId,
  optionalId,
  type IdFormat,
} from "./clean";

export const connection = input({ label: "Connection", type: "connection", required: true });

export const CF_EXAMPLE = "00B627BB-8054-44C0-A343FCF40BC790CD";
export const UUID_EXAMPLE = "3f2d9c1e-5a7b-4c8d-9e0f-1a2b3c4d5e6f";

/** What an empty field shows where the format is not obvious: the shape of the value. */
export const PLACEHOLDERS = {
  cf: "XXXXXXXX-XXXX-XXXX-XXXXXXXXXXXXXXXX",
  uuid: "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
  date: "YYYY-MM-DDThh:mm:ssZ",
  json: '{ "field": "value" }',
  url: "https://…",
} as const;

/**
 * An id input whose clean checks the id's format (Bynder's v4 ids are 8-4-4-16, workflow ids
 * 8-4-4-4-12) and names the input when it is wrong. `dataSource` makes it a picklist.
 */
export const idInput = ({
  label,
  comments,
  format = "cf",
  dataSource,
  example,
}: {
  label: string;
  comments: string;
  format?: IdFormat;
  dataSource?: string;
  example?: string;
}) =>
  input({
    label,
    type: "string",
    required: true,
    comments,
    example: example ?? (format === "uuid" ? UUID_EXAMPLE : CF_EXAMPLE),
    // Ids that are a free path segment (usernames, order ids) have no fixed shape to show.
    placeholder: format === "segment" ? undefined : PLACEHOLDERS[format],
    dataSource,
    clean: requiredId(label, format),
  });

export const optionalIdInput = (options: Parameters<typeof idInput>[0]) =>
  input({
    ...idInput(options),
    required: false,
    clean: optionalId(options.label, options.format ?? "cf"),
  });

export const textInput = (label: string, comments: string, example?: string) =>
  input({
    label,
    type: "string",
    required: false,
    comments,
    example,
    clean: optionalString(label),
  });

export const booleanInput = (label: string, comments: string, defaultValue = false) =>
  input({
    label,
    type: "boolean",
    required: false,
    default: String(defaultValue) as "true" | "false",
    comments,
    clean: boolean(label, defaultValue),
  });

/** Free-form "Data": a JSON object merged into the request body. Invalid JSON fails before any request. */
export const dataInput = (comments: string, example: Record<string, unknown>) =>
  input({
    label: "Data",
    type: "code",
    language: "json",
    required: false,
    comments: `${comments} Must be a JSON object; its fields are merged into the request.`,
    example: JSON.stringify(example, null, 2),
    placeholder: PLACEHOLDERS.json,
    clean: jsonObject("Data"),
  });

export const extraParams = input({
  label: "Extra Parameters",
  type: "string",
  collection: "keyvaluelist",
  required: false,
  comments:
    "Extra query parameters sent as they are, e.g. keyword, brandId, orderBy or property_<name>.",
  clean: keyValues("Extra Parameters"),
});

export const fetchAll = booleanInput(
  "Fetch All",
  "Fetch every record, page after page. Limit and Page are then ignored.",
);

export const page = input({
  label: "Page",
  type: "string",
  required: false,
  comments: "The page number to retrieve, starting at 1.",
  example: "1",
  clean: integer("Page", { min: 1 }),
});

export const limitInput = (max: number, comments = `Records per page, at most ${max}.`) =>
  input({
    label: "Limit",
    type: "string",
    required: false,
    comments,
    example: "100",
    clean: integer("Limit", { min: 1, max }),
  });
