/** Inputs of the collection actions. Keys follow the incumbent component (docs/incumbent-interface.md). */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import {
  idList,
  oneOf,
  optionalBoolean,
  optionalString,
  requiredString,
  stringList,
  quoted,
} from "./clean";
import {
  booleanInput,
  dataInput,
  idInput,
  limitInput,
  optionalIdInput,
  CF_EXAMPLE,
} from "./common";

export const collectionId = (comments: string) =>
  idInput({ label: "Collection ID", comments, dataSource: "selectCollection" });

export const collectionName = (required: boolean) =>
  input({
    label: "Collection Name",
    type: "string",
    required,
    comments: required
      ? "The name of the new collection."
      : "A new name for the collection. Leave empty to keep the current name.",
    example: "Spring campaign 2025",
    clean: required ? requiredString("Collection Name") : optionalString("Collection Name"),
  });

export const collectionDescription = (comments: string) =>
  input({
    label: "Collection Description",
    type: "string",
    required: false,
    comments,
    example: "Approved visuals for the spring campaign",
    clean: optionalString("Collection Description"),
  });

/**
 * Sets the collection's visibility. Deliberately without a default: the incumbent defaulted it to
 * true, so every edit (even a rename) made the collection public. It is a dropdown of "true" and
 * "false" (the values a boolean input produces) rather than a boolean input, because spectral gives
 * every boolean input the default "false", which would make every edited collection private. Left
 * empty, nothing is sent and the visibility stays as it is.
 */
export const isPublic = input({
  label: "Is Public",
  type: "string",
  required: false,
  comments:
    "Sets the collection's visibility: true makes it public, false private. Leave empty to keep the current visibility.",
  example: "false",
  model: [
    { label: "true (public)", value: "true" },
    { label: "false (private)", value: "false" },
  ],
  clean: optionalBoolean("Is Public"),
});

export const thumbnailAssetId = optionalIdInput({
  label: "Thumbnail Asset ID",
  comments: "An asset of the collection whose thumbnail becomes the collection's cover.",
  dataSource: "selectAsset",
});

export const collectionsLimit = limitInput(
  1000,
  "Collections per page, at most 1000. Bynder returns 50 when this is empty.",
);

export const count = booleanInput(
  "Count",
  "Ask Bynder for the total number of matching collections: the response becomes { collections, count } instead of a plain list.",
);

/** What recipients of a shared collection may do. Bynder also documents readOnly and readAccess. */
export const SHARE_OPTIONS = ["view", "edit", "readOnly", "readAccess"] as const;

export const collectionOptions = input({
  label: "Collection Options",
  type: "string",
  required: true,
  comments:
    "The recipients' rights: View gives read-only access; Edit also lets them add and remove assets.",
  example: "view",
  model: [
    { label: "View", value: "view" },
    { label: "Edit", value: "edit" },
  ],
  clean: oneOf("Collection Options", SHARE_OPTIONS),
});

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

export const recipients = input({
  label: "Recipients",
  type: "string",
  required: false,
  comments:
    "Comma-separated email addresses to share with. Give at least one of Recipients, Groups or Profiles.",
  example: "user1@example.com,user2@example.com",
  clean: (value: unknown): string[] => {
    const emails = stringList("Recipients")(value);
    const bad = emails.find((email) => !EMAIL.test(email));
    if (bad) throw new InputError(`Recipients: ${quoted(bad)} is not an email address.`);
    return emails;
  },
});

export const groups = input({
  label: "Groups",
  type: "string",
  required: false,
  comments:
    "Comma-separated ids of user groups to share with. Give at least one of Recipients, Groups or Profiles.",
  example: CF_EXAMPLE,
  clean: idList("Groups", "segment"),
});

export const profiles = input({
  label: "Profiles",
  type: "string",
  required: false,
  comments:
    "Comma-separated ids of security profiles to share with. Give at least one of Recipients, Groups or Profiles.",
  example: CF_EXAMPLE,
  clean: idList("Profiles", "segment"),
});

export const shareData = dataInput(
  "More share options: sendMail, message, loginRequired, dateStart and dateEnd (ISO 8601).",
  { sendMail: true, message: "Here are the spring visuals", loginRequired: false },
);
