/** Inputs of the metaproperty, metaproperty option and asset usage actions. */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import { idList, optionalDate, optionalString, requiredString, stringList, quoted } from "./clean";
import { ASSET_TYPES } from "./assets";
import { CF_EXAMPLE, idInput, PLACEHOLDERS, textInput } from "./common";

export const metapropertyId = idInput({
  label: "Metaproperty ID",
  comments: "The ID of the metaproperty (8-4-4-16 hex digits).",
  dataSource: "selectMetaproperty",
});

export const metapropertyOptionId = idInput({
  label: "Option ID",
  comments: "The ID of an option of the metaproperty chosen in Metaproperty ID.",
  dataSource: "selectMetapropertyOption",
});

/** The incumbent's value list of option ids (key `metapropertyOptionsIds`). */
export const metapropertyOptionsIds = (comments: string) =>
  input({
    label: "Metaproperty Options IDs",
    type: "string",
    collection: "valuelist",
    required: true,
    comments,
    example: CF_EXAMPLE,
    dataSource: "selectMetapropertyOption",
    clean: idList("Metaproperty Options IDs", "cf", { required: true }),
  });

const assetTypes = (label: string) => (value: unknown) => {
  const types = stringList(label)(value).map((type) => type.toLowerCase());
  const wrong = types.filter((type) => !(ASSET_TYPES as readonly string[]).includes(type));
  if (wrong.length) {
    throw new InputError(
      `${label} must be asset types from ${ASSET_TYPES.join(", ")}; got ${quoted(wrong.join(", "))}.`,
    );
  }
  return types;
};

export const assetTypeList = input({
  label: "Type",
  type: "string",
  collection: "valuelist",
  required: false,
  comments:
    "Asset types the option counts are limited to (image, document, audio, video, 3d). It only matters when Count is on.",
  example: "image",
  model: ASSET_TYPES.map((type) => ({ label: type, value: type })),
  clean: assetTypes("Type"),
});

export const metapropertyIds = input({
  label: "IDs",
  type: "string",
  collection: "valuelist",
  required: false,
  comments: "Return only these metaproperties (8-4-4-16 ids). Ids that do not exist are skipped.",
  example: CF_EXAMPLE,
  dataSource: "selectMetaproperty",
  clean: idList("IDs", "cf"),
});

export const optionName = input({
  label: "Name",
  type: "string",
  required: true,
  comments:
    "The option's name: its unique key within the metaproperty, used in filters such as property_<metaproperty>=<name>. It cannot be changed later.",
  example: "Amsterdam",
  clean: requiredString("Name"),
});

export const optionLabel = textInput(
  "Label",
  "The text users see for the option. Left empty, Bynder shows the name.",
  "Amsterdam",
);

const INTEGRATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGRATION_EXAMPLE = "5b0e3d6a-1f2c-4e8d-9a7b-3c4d5e6f7a8b";

const checkIntegrationId = (id: string) => {
  if (!INTEGRATION_ID.test(id)) {
    throw new InputError(
      `Integration ID must be an id of 8-4-4-4-12 hex digits, e.g. ${INTEGRATION_EXAMPLE}; got ${quoted(id)}.`,
    );
  }
  return id;
};

export const integrationId = input({
  label: "Integration ID",
  type: "string",
  required: true,
  comments:
    "The ID Bynder registered for your integration (8-4-4-4-12 hex digits); Bynder support issues it.",
  example: INTEGRATION_EXAMPLE,
  clean: (value: unknown) => checkIntegrationId(requiredString("Integration ID")(value)),
});

export const optionalIntegrationId = input({
  label: "Integration ID",
  type: "string",
  required: false,
  comments: "Only usages reported by this integration (8-4-4-4-12 hex digits).",
  example: INTEGRATION_EXAMPLE,
  clean: (value: unknown) => {
    const id = optionalString("Integration ID")(value);
    return id === undefined ? undefined : checkIntegrationId(id);
  },
});

export const usageUri = (comments: string) => textInput("URI", comments, "/blog/summer-launch");

export const usageTimestamp = input({
  label: "Timestamp",
  type: "string",
  required: false,
  comments: "When the asset was used, as an ISO 8601 date-time. Left empty, Bynder uses now.",
  example: "2024-05-01T09:30:00Z",
  placeholder: PLACEHOLDERS.date,
  clean: optionalDate("Timestamp"),
});

export const usageAdditional = textInput(
  "Additional",
  "Free text about the usage, e.g. where on the page the asset appears.",
  "Hero image of the summer launch post",
);
