/**
 * Inputs of the metaproperty management actions (create, update, delete) and of Set Asset
 * Metaproperty Values.
 */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client/errors";
import {
  integer,
  oneOf,
  optionalBoolean,
  optionalOneOf,
  optionalString,
  requiredString,
  quoted,
} from "./clean";

/**
 * The metaproperty types Bynder's asset bank offers. Select, Select2 and Autocomplete take
 * options; Text, Longtext and Date take a value directly (Bynder's upload reference names these
 * six when it says how asset values are sent).
 */
export const METAPROPERTY_TYPES = [
  "text",
  "longtext",
  "date",
  "select",
  "select2",
  "autocomplete",
] as const;
export type MetapropertyType = (typeof METAPROPERTY_TYPES)[number];

export const OPTION_TYPES: readonly string[] = ["select", "select2", "autocomplete"];

const TYPE_MODEL = [
  { label: "Text (one line)", value: "text" },
  { label: "Long text", value: "longtext" },
  { label: "Date", value: "date" },
  { label: "Select (dropdown of options)", value: "select" },
  { label: "Select2 (searchable dropdown of options)", value: "select2" },
  { label: "Autocomplete (options suggested while typing)", value: "autocomplete" },
];

const TYPE_COMMENTS =
  "Text, Long text and Date hold a value per asset; Select, Select2 and Autocomplete hold options (add them with Create Metaproperty Option).";

export const metapropertyName = input({
  label: "Name",
  type: "string",
  required: true,
  comments:
    "The metaproperty's unique name (its key): asset fields read property_<Name>, and filters use it. Letters, digits and underscores.",
  example: "Gelato_URL",
  placeholder: "Backlink_URL",
  clean: (value: unknown) => {
    const name = requiredString("Name")(value);
    if (!/^[A-Za-z0-9_]+$/.test(name)) {
      throw new InputError(
        `Name must be letters, digits and underscores only (it becomes property_<Name>); got ${quoted(name)}.`,
      );
    }
    return name;
  },
});

export const metapropertyLabel = input({
  label: "Label",
  type: "string",
  required: false,
  comments: "The name users see in Bynder. Left empty on create, Bynder shows the Name.",
  example: "Gelato URL",
  placeholder: "Backlink URL",
  clean: optionalString("Label"),
});

export const metapropertyType = input({
  label: "Type",
  type: "string",
  required: true,
  default: "text",
  comments: TYPE_COMMENTS,
  model: TYPE_MODEL,
  clean: oneOf("Type", METAPROPERTY_TYPES),
});

export const optionalMetapropertyType = input({
  label: "Type",
  type: "string",
  required: false,
  comments: `Change the type; leave empty to keep it. ${TYPE_COMMENTS}`,
  model: TYPE_MODEL,
  clean: optionalOneOf("Type", METAPROPERTY_TYPES),
});

/**
 * A yes/no setting that is only sent when chosen: a boolean input always arrives as "false" when
 * left alone, which would silently turn settings off on update.
 */
const setting = (label: string, comments: string) =>
  input({
    label,
    type: "string",
    required: false,
    comments: `${comments} Leave empty to keep Bynder's current value (on create: Bynder's default).`,
    example: "true",
    model: [
      { label: "Yes", value: "true" },
      { label: "No", value: "false" },
    ],
    clean: optionalBoolean(label),
  });

export const settings = {
  isMultiselect: setting(
    "Multiselect",
    "Whether an asset may have several options (Select, Select2 and Autocomplete only).",
  ),
  isRequired: setting("Required", "Whether uploaders must fill it in."),
  isFilterable: setting("Filterable", "Whether it can be used as a search filter."),
  isMainfilter: setting("Main Filter", "Whether it is shown among the main filters."),
  isEditable: setting("Editable", "Whether users can change its value on assets."),
};

export const zindex = input({
  label: "Position",
  type: "string",
  required: false,
  comments: "Bynder's zindex: where it appears among the metaproperties (1 is first).",
  example: "4",
  placeholder: "4",
  clean: integer("Position", { min: 0 }),
});

/**
 * The JSON `data` Bynder's create and modify endpoints take: the named inputs that were filled in,
 * over the free-form Data.
 */
export const metapropertyData = (
  bodyData: Record<string, unknown>,
  named: { type?: string; isMultiselect?: boolean; [key: string]: unknown },
) => {
  const given = Object.fromEntries(
    Object.entries(named).filter(([, value]) => value !== undefined),
  );
  const data = { ...bodyData, ...given };
  const type = typeof data.type === "string" ? data.type : undefined;
  if (data.isMultiselect === true && type && !OPTION_TYPES.includes(type)) {
    throw new InputError(
      `Multiselect applies to Select, Select2 and Autocomplete metaproperties only; Type is "${type}".`,
    );
  }
  return data;
};

/** One "metaproperty → value" pair as the builder wrote it, before it is resolved. */
export interface MetapropertyValue {
  metaproperty: string;
  value: string;
}

const VALUES_LABEL = "Metaproperty Values";

/**
 * The key-value list of Set Asset Metaproperty Values, as pairs in order. Unlike the usual
 * key-value clean it keeps repeated keys (two options of one multiselect may be given as two rows).
 */
export const metapropertyValues = input({
  label: { key: "Metaproperty (ID or name)", value: "Value" },
  type: "string",
  collection: "keyvaluelist",
  required: true,
  comments:
    "One row per metaproperty: its ID or name, and the value. Text, Long text: the text. Date: an ISO 8601 date such as 2024-05-01. Select types: option names, labels or IDs, comma-separated (or one row each) for a multiselect. An empty value clears the metaproperty on the asset.",
  example: "Gelato_URL",
  placeholder: "Department",
  clean: (value: unknown): MetapropertyValue[] => {
    const rows = Array.isArray(value)
      ? (value as { key?: unknown; value?: unknown }[])
      : value && typeof value === "object"
        ? Object.entries(value as Record<string, unknown>).map(([key, item]) => ({
            key,
            value: item,
          }))
        : value === undefined || value === null || value === ""
          ? []
          : undefined;
    if (!rows) throw new InputError(`${VALUES_LABEL} must be a list of key-value pairs.`);
    const pairs = rows.map((row, index) => {
      const metaproperty = optionalString(VALUES_LABEL)(row?.key);
      if (!metaproperty) {
        throw new InputError(`${VALUES_LABEL}: row ${index + 1} needs a metaproperty ID or name.`);
      }
      return { metaproperty, value: optionalString(VALUES_LABEL)(row?.value) ?? "" };
    });
    if (!pairs.length) {
      throw new InputError(
        `${VALUES_LABEL} is required: give at least one metaproperty and value.`,
      );
    }
    return pairs;
  },
});

export { VALUES_LABEL };
