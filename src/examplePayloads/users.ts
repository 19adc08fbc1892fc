/** Shaped like the emulator's real responses to the /api/v4 user and profile calls. */

/**
 * GET /api/v4/users/{id}/ and /api/v4/currentUser/: the full record, `active` true/false and
 * `lastLogin` in ISO 8601 UTC (null for a user who never logged in).
 */
export const user = {
  id: "A87B2F34-8BCC-0DBC-C2294F5C315C42A6",
  username: "grace.hopper@acme.example",
  email: "grace.hopper@acme.example",
  firstname: "Grace",
  infix: "",
  lastname: "Hopper",
  profileId: "6D010770-FEAC-B771-748CA60A7D213B2E",
  active: true,
  isSSOOnly: false,
  language: "en_US",
  timeZone: "Europe/Amsterdam",
  lastLogin: "2025-03-21T16:29:20Z" as string | null,
  groups: [{ id: "B89007D2-7442-420A-C539D725FE99C7C3", name: "Marketing" }],
  phoneNumber: "+31 20 555 0101",
  cellphoneNumber: "",
  companyName: "Acme Corporation",
  department: "Marketing",
  departmentCode: "",
  job: "Designer",
  costCenter: "",
  employeeNumber: "",
  legalEntity: "",
  address: "",
  postalCode: "",
  city: "",
  county: "",
  state: "",
  country: "",
  gender: "",
  terms: "",
  persisted: true,
};

/** An item of GET /api/v4/users/: a smaller record with `active` as 0/1. */
export const userListItem = {
  id: "7D3888CA-113F-2716-6505C581C461310C",
  name: "Ada Lovelace",
  username: "ada.lovelace@acme.example",
  email: "ada.lovelace@acme.example",
  email2: "",
  active: 1,
  isSSOOnly: false,
  profileId: "A087EAF3-00B3-49C9-8706C4EBFB2627FD",
  salesrepId: "",
  employeeNumber: "",
  timeZone: "Europe/Amsterdam",
  website: "",
  country: "",
  groups: [{ id: "492E3B0B-30DD-1741-0AF055936D68E763", name: "Design" }],
};

/** The X-Pagination-* headers of GET /api/v4/users/, as the client reports them (lower case). */
export const paginationHeaders: Record<string, string> = {
  "x-pagination-totalrecords": "7",
  "x-pagination-totalpages": "4",
  "x-pagination-page": "1",
  "x-pagination-limit": "2",
};

/** POST /api/v4/users/ (201) and POST /api/v4/users/{id}/ (202). */
export const createdUser = {
  id: "AE68CB39-AFF5-C8FE-445A58B2804546C1",
  username: "jane.doe@example.com",
};

/** GET /api/v4/profiles/{id}/ and each item of GET /api/v4/profiles/. */
export const securityProfile = {
  id: "F7E79D2B-47F6-6630-9CE301F0B8829F5C",
  name: "Marketing Editor",
  roles: ["MEDIAOVERVIEW", "MEDIAHIGHRES", "MEDIAEDIT", "MEDIAUPLOAD"],
};
