/** Inputs of the user and security-profile actions. Keys follow the incumbent component. */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import { integer, optionalId, optionalString, requiredId, requiredString, quoted } from "./clean";
import { booleanInput, dataInput, idInput } from "./common";

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

export const userId = (comments: string, format: "cf" | "segment") =>
  idInput({
    label: "ID",
    comments,
    format,
    dataSource: "selectUser",
    example: "00B627BB-8054-44C0-A343FCF40BC790CD",
  });

export const email = (required: boolean) =>
  input({
    label: "Email",
    type: "string",
    required,
    comments: required
      ? "Email address for login."
      : "A new email address for login. Leave empty to keep the current one.",
    example: "jane.doe@example.com",
    clean: (value: unknown): string | undefined => {
      const address = required ? requiredString("Email")(value) : optionalString("Email")(value);
      if (address !== undefined && !EMAIL.test(address))
        throw new InputError(`Email: ${quoted(address)} is not an email address.`);
      return address;
    },
  });

/** Sent exactly as typed (no trimming: spaces may be part of a password). */
export const password = (required: boolean) =>
  input({
    label: "Password",
    type: "password",
    required,
    comments: required
      ? "Password for login."
      : "A new password for login. Leave empty to keep the current one.",
    example: "c0rrect-Horse-battery",
    clean: (value: unknown): string | undefined => {
      if (value === undefined || value === null || value === "") {
        if (required) throw new InputError("Password is required.");
        return undefined;
      }
      if (typeof value !== "string") throw new InputError("Password must be text.");
      return value;
    },
  });

/** Security profile ids: Bynder does not document their format, so any single path segment. */
export const profileId = (required: boolean) =>
  input({
    label: "Profile ID",
    type: "string",
    required,
    comments:
      "The security profile that sets the user's rights (see List Security Profiles)." +
      (required ? "" : " Leave empty to keep the current one."),
    example: "00B627BB-8054-44C0-A343FCF40BC790CD",
    dataSource: "selectSecurityProfile",
    clean: required ? requiredId("Profile ID", "segment") : optionalId("Profile ID", "segment"),
  });

const nameInput = (label: string, what: string, required: boolean, example: string) =>
  input({
    label,
    type: "string",
    required,
    comments: required ? `${what} of the user.` : `${what} of the user. Leave empty to keep it.`,
    example,
    clean: required ? requiredString(label) : optionalString(label),
  });

export const firstname = (required: boolean) =>
  nameInput("First Name", "First name", required, "Jane");
export const lastname = (required: boolean) => nameInput("Last Name", "Last name", required, "Doe");

export const username = (creating: boolean) =>
  input({
    label: "Username",
    type: "string",
    required: false,
    comments: creating
      ? "Username for login. Bynder uses the email address when this is empty."
      : "A new username for login. Leave empty to keep the current one.",
    example: "jane.doe",
    clean: optionalString("Username"),
  });

export const userData = dataInput(
  "More user fields, e.g. active (1 or 0), isSSOOnly, language, infix, groupIds, phoneNumber, companyName, department, job or costCenter.",
  { active: 1, job: "Designer", department: "Marketing", phoneNumber: "+31 20 555 0100" },
);

export const includeInActive = booleanInput(
  "Include Inactive",
  "Also list users who are deactivated.",
);

export const usersLimit = input({
  label: "Limit",
  type: "string",
  required: false,
  comments: "Users per page. When empty, Bynder returns every user.",
  example: "100",
  clean: integer("Limit", { min: 1 }),
});

export const securityProfileId = idInput({
  label: "Security Profile ID",
  comments: "The ID of the security profile to retrieve.",
  format: "segment",
  dataSource: "selectSecurityProfile",
});
