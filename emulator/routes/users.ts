/**
 * Users, the current user and security profiles (asset bank v4). The list is small records with
 * `active` as 0/1 and X-Pagination-* headers; one user is the full record with `active` true/false.
 */
import {
  formOnly,
  json,
  noContent,
  strictBool,
  v4Error,
  type EmulatorRequest,
  type EmulatorResponse,
} from "../http";
import type { Portal, User } from "../portal";
import { route, type Handler, type Route } from "../context";
import { isoZ } from "../util";

const USERS = "/api/v4/users";
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const REQUIRED = ["email", "password", "profileId", "firstname", "lastname"] as const;

/** Optional text fields Bynder stores on a user; those without a column on `User` live in `extra`. */
const TEXT_FIELDS = ["language", "phoneNumber", "companyName", "department", "job"] as const;
const EXTRA_FIELDS = [
  "infix",
  "costCenter",
  "cellphoneNumber",
  "employeeNumber",
  "address",
  "city",
  "postalCode",
  "state",
  "county",
  "country",
  "legalEntity",
  "departmentCode",
  "gender",
  "email2",
  "salesrepId",
  "website",
] as const;

/** By id (any case) or by username, as Bynder's get and delete accept. */
const findUser = (portal: Portal, idOrUsername: string | undefined): User | undefined => {
  if (!idOrUsername) return undefined;
  const byId = portal.users.get(idOrUsername.toUpperCase());
  if (byId) return byId;
  const name = idOrUsername.toLowerCase();
  return [...portal.users.values()].find((u) => u.username.toLowerCase() === name);
};

const extra = (user: User, key: string) => user.extra[key] ?? "";

/** A list item of GET /users. */
const listItem = (user: User) => ({
  id: user.id,
  name: `${user.firstname} ${user.lastname}`,
  username: user.username,
  email: user.email,
  email2: extra(user, "email2"),
  active: user.active ? 1 : 0,
  isSSOOnly: user.isSSOOnly,
  profileId: user.profileId,
  salesrepId: extra(user, "salesrepId"),
  employeeNumber: extra(user, "employeeNumber"),
  timeZone: user.timeZone,
  website: extra(user, "website"),
  country: extra(user, "country"),
  groups: user.groups.map((g) => ({ id: g.id, name: g.name })),
});

/** The full record of GET /users/{id} and GET /currentUser. */
const fullUser = (user: User) => ({
  id: user.id,
  username: user.username,
  email: user.email,
  firstname: user.firstname,
  infix: extra(user, "infix"),
  lastname: user.lastname,
  profileId: user.profileId,
  active: user.active,
  isSSOOnly: user.isSSOOnly,
  language: user.language,
  timeZone: user.timeZone,
  lastLogin: user.lastLogin > 0 ? isoZ(user.lastLogin) : null,
  groups: user.groups.map((g) => ({ id: g.id, name: g.name })),
  phoneNumber: user.phoneNumber,
  cellphoneNumber: extra(user, "cellphoneNumber"),
  companyName: user.companyName,
  department: user.department,
  departmentCode: extra(user, "departmentCode"),
  job: user.job,
  costCenter: extra(user, "costCenter"),
  employeeNumber: extra(user, "employeeNumber"),
  legalEntity: extra(user, "legalEntity"),
  address: extra(user, "address"),
  postalCode: extra(user, "postalCode"),
  city: extra(user, "city"),
  county: extra(user, "county"),
  state: extra(user, "state"),
  country: extra(user, "country"),
  gender: extra(user, "gender"),
  terms: extra(user, "terms"),
  persisted: true,
});

const list: Handler = (req, { portal }) => {
  const includeInactive = strictBool(req.query.get("includeInActive"), "includeInActive");
  if (typeof includeInactive === "object") return includeInactive;
  const users = [...portal.users.values()].filter((u) => includeInactive || u.active);
  const page = req.query.int("page") ?? 1;
  // Without a limit Bynder returns every user (its docs: "If limit is not provided, all results are returned").
  const limit = req.query.int("limit") ?? Math.max(users.length, 1);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1)
    return v4Error(400, "Invalid request parameters.");
  const items = users.slice((page - 1) * limit, page * limit).map(listItem);
  return json(200, items, {
    "X-Pagination-TotalRecords": String(users.length),
    "X-Pagination-TotalPages": String(Math.max(1, Math.ceil(users.length / limit))),
    "X-Pagination-Page": String(page),
    "X-Pagination-Limit": String(limit),
  });
};

/** Validates a create/modify form and applies it to `user`; returns an error response or nothing. */
const applyForm = (
  req: EmulatorRequest,
  portal: Portal,
  user: User,
  creating: boolean,
): EmulatorResponse | undefined => {
  const form = req.form;
  if (creating) {
    const missing = REQUIRED.filter((field) => !form.get(field)?.trim());
    if (missing.length) return v4Error(400, `Missing required parameter(s): ${missing.join(", ")}`);
  } else {
    const blank = REQUIRED.filter((field) => form.has(field) && !form.get(field)?.trim());
    if (blank.length) return v4Error(400, `Parameter(s) can't be empty: ${blank.join(", ")}`);
  }
  const email = form.get("email")?.trim();
  if (email !== undefined && !EMAIL.test(email))
    return v4Error(400, `Invalid email address: ${email}`);
  const profileId = form.get("profileId")?.trim();
  if (
    profileId !== undefined &&
    !portal.profiles.some((p) => p.id.toUpperCase() === profileId.toUpperCase())
  )
    return v4Error(400, `Security profile ${profileId} does not exist`);
  const username = (form.get("username")?.trim() || (creating ? email : undefined)) ?? undefined;
  if (
    username !== undefined &&
    [...portal.users.values()].some(
      (u) => u.id !== user.id && u.username.toLowerCase() === username.toLowerCase(),
    )
  )
    return v4Error(400, `Username ${username} already exists`);
  const active = form.get("active");
  const activeValue = strictBool(active, "active");
  const ssoOnly = strictBool(form.get("isSSOOnly"), "isSSOOnly");
  const terms = strictBool(form.get("termsAccepted"), "termsAccepted");
  for (const value of [activeValue, ssoOnly, terms]) if (typeof value === "object") return value;
  const knownGroups = new Map(
    [...portal.users.values()].flatMap((u) => u.groups).map((g) => [g.id.toUpperCase(), g]),
  );
  const groupIds = form.has("groupIds") ? form.list("groupIds") : undefined;
  const unknownGroup = groupIds?.find((id) => !knownGroups.has(id.toUpperCase()));
  if (unknownGroup) return v4Error(400, `Group ${unknownGroup} does not exist`);

  if (email !== undefined) user.email = email;
  if (username !== undefined) user.username = username;
  if (profileId !== undefined)
    user.profileId = portal.profiles.find(
      (p) => p.id.toUpperCase() === profileId.toUpperCase(),
    )!.id;
  const password = form.get("password");
  if (password) user.password = password;
  const firstname = form.get("firstname")?.trim();
  const lastname = form.get("lastname")?.trim();
  if (firstname) user.firstname = firstname;
  if (lastname) user.lastname = lastname;
  if (typeof activeValue === "boolean") user.active = activeValue;
  if (typeof ssoOnly === "boolean") user.isSSOOnly = ssoOnly;
  if (terms === true) user.extra.terms = "accepted";
  for (const field of TEXT_FIELDS) {
    const value = form.get(field);
    if (value !== undefined) user[field] = value;
  }
  for (const field of EXTRA_FIELDS) {
    const value = form.get(field);
    if (value !== undefined) user.extra[field] = value;
  }
  if (groupIds) user.groups = groupIds.map((id) => ({ ...knownGroups.get(id.toUpperCase())! }));
  return undefined;
};

const create: Handler = (req, { portal }) => {
  const wrong = formOnly(req);
  if (wrong) return wrong;
  const user: User = {
    id: portal.cfId(),
    username: "",
    email: "",
    firstname: "",
    lastname: "",
    profileId: "",
    active: true,
    isSSOOnly: false,
    language: "en_US",
    timeZone: "Europe/Amsterdam",
    lastLogin: 0,
    groups: [],
    phoneNumber: "",
    companyName: "",
    department: "",
    job: "",
    password: "",
    extra: {},
  };
  const error = applyForm(req, portal, user, true);
  if (error) return error;
  portal.users.set(user.id, user);
  return json(201, { id: user.id, username: user.username });
};

const modify: Handler = (req, { portal }) => {
  const wrong = formOnly(req);
  if (wrong) return wrong;
  const user = findUser(portal, req.params.id);
  if (!user) return v4Error(404, "User not found");
  const error = applyForm(req, portal, user, false);
  if (error) return error;
  return json(202, { id: user.id, username: user.username });
};

const findProfile = (portal: Portal, id: string | undefined) =>
  id ? portal.profiles.find((p) => p.id.toUpperCase() === id.toUpperCase()) : undefined;

const getUser: Handler = (req, { portal }) => {
  const user = findUser(portal, req.params.id);
  return user ? json(200, fullUser(user)) : v4Error(404, "User not found");
};

const deleteUser: Handler = (req, { portal }) => {
  const user = findUser(portal, req.params.id);
  if (!user) return v4Error(404, "User not found");
  portal.users.delete(user.id);
  return noContent();
};

const currentUser: Handler = (req, { portal }) => {
  const user = req.auth ? portal.users.get(req.auth.userId) : undefined;
  return user ? json(200, fullUser(user)) : v4Error(404, "User not found");
};

const listProfiles: Handler = (_req, { portal }) =>
  json(
    200,
    portal.profiles.map((p) => ({ id: p.id, name: p.name, roles: [...p.roles] })),
  );

/** admin.profile:read reads any profile; current.profile:read only the token user's own. */
const getProfile: Handler = (req, { portal }) => {
  const scopes = req.auth?.scopes ?? new Set<string>();
  const own = req.auth ? portal.users.get(req.auth.userId)?.profileId : undefined;
  const profile = findProfile(portal, req.params.id);
  if (!scopes.has("admin.profile:read") && !scopes.has("current.profile:read"))
    return v4Error(403, "The access token lacks the admin.profile:read scope");
  if (!profile) return v4Error(404, "Security profile not found");
  if (!scopes.has("admin.profile:read") && profile.id !== own)
    return v4Error(
      403,
      "The current.profile:read scope covers only the user's own security profile",
    );
  return json(200, { id: profile.id, name: profile.name, roles: [...profile.roles] });
};

export const userRoutes: Route[] = [
  route("GET", USERS, "admin.user:read", list),
  route("POST", USERS, "admin.user:write", create),
  route("GET", `${USERS}/:id`, "admin.user:read", getUser),
  route("POST", `${USERS}/:id`, "admin.user:write", modify),
  route("DELETE", `${USERS}/:id`, "admin.user:write", deleteUser),
  route("GET", "/api/v4/currentUser", "current.user:read", currentUser),
  route("GET", "/api/v4/profiles", "admin.profile:read", listProfiles),
  route("GET", "/api/v4/profiles/:id", "", getProfile),
];
