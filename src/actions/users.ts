/** Users, the current user and security profiles (asset bank v4). */
import type { ActionInputParameters } from "@prismatic-io/spectral";
import { lists, pageWithHeaders, path, withQuery } from "../client";
import {
  createdUser,
  paginationHeaders,
  securityProfile,
  user,
  userListItem,
} from "../examplePayloads/users";
import { connection, page } from "../inputs/common";
import {
  email,
  firstname,
  includeInActive,
  lastname,
  password,
  profileId,
  securityProfileId,
  userData,
  userId,
  username,
  usersLimit,
} from "../inputs/users";
import { bynderAction } from "./bynderAction";

type User = typeof user;
type UserRef = typeof createdUser;
type SecurityProfile = typeof securityProfile;

/** The user fields Create User requires and Update User takes optionally, then Data. */
const userFields = (required: boolean) => ({
  email: email(required),
  password: password(required),
  profileId: profileId(required),
  firstname: firstname(required),
  lastname: lastname(required),
  username: username(required),
  bodyData: userData,
});

/**
 * The form both actions post. As in the incumbent, Data is merged last, so it can set any other
 * user field; fields left empty are not sent.
 */
const userForm = ({
  email,
  password,
  profileId,
  firstname,
  lastname,
  username,
  bodyData,
}: ActionInputParameters<ReturnType<typeof userFields>>) => ({
  email,
  password,
  profileId,
  firstname,
  lastname,
  username,
  ...bodyData,
});

export const createUser = bynderAction({
  display: { label: "Create User", description: "Create a new user" },
  inputs: { ...userFields(true), connection },
  performSafety: "notAllowed",
  examplePayload: { data: createdUser },
  run: (bynder, fields) => bynder.postForm<UserRef>(path`/api/v4/users/`, userForm(fields)),
});

export const getUser = bynderAction({
  display: { label: "Get User", description: "Retrieve a specified user" },
  inputs: { id: userId("The ID or the username of the user to retrieve.", "segment"), connection },
  performSafety: "safe",
  examplePayload: { data: user },
  run: (bynder, { id }) => bynder.get<User>(path`/api/v4/users/${id}/`, {}, "object"),
});

export const listUsers = bynderAction({
  display: {
    label: "List Users",
    description:
      "Retrieve users. Returns Bynder's list as `data` and its X-Pagination-* headers (total records, total pages, page, limit) as `headers`.",
  },
  inputs: { page, limit: usersLimit, includeInActive, connection },
  performSafety: "safe",
  examplePayload: { data: [userListItem], headers: paginationHeaders },
  runResult: (bynder, { page, limit, includeInActive }) => {
    const list = withQuery(lists.users, { includeInActive });
    return pageWithHeaders<typeof userListItem>(bynder, list, page, limit);
  },
});

export const updateUser = bynderAction({
  display: { label: "Update User", description: "Edit an existing user" },
  inputs: { id: userId("The ID of the user to update.", "cf"), ...userFields(false), connection },
  performSafety: "notAllowed",
  examplePayload: { data: createdUser },
  run: (bynder, { id, ...fields }) =>
    bynder.postForm<UserRef>(path`/api/v4/users/${id}/`, userForm(fields)),
});

export const deleteUser = bynderAction({
  display: { label: "Delete User", description: "Remove an existing user" },
  inputs: { id: userId("The ID or the username of the user to delete.", "segment"), connection },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: (bynder, { id }) => bynder.delete<string>(path`/api/v4/users/${id}/`),
});

export const getCurrentUser = bynderAction({
  display: {
    label: "Get Current User",
    description: "Retrieve the user the connection acts as",
  },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: user },
  run: (bynder) => bynder.get<User>(path`/api/v4/currentUser/`, {}, "object"),
});

export const getSecurityProfile = bynderAction({
  display: { label: "Get Security Profile", description: "Retrieve a specified security profile" },
  inputs: { id: securityProfileId, connection },
  performSafety: "safe",
  examplePayload: { data: securityProfile },
  run: (bynder, { id }) => bynder.get<SecurityProfile>(path`/api/v4/profiles/${id}/`, {}, "object"),
});

export const listSecurityProfiles = bynderAction({
  display: { label: "List Security Profiles", description: "Retrieve all security profiles" },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: [securityProfile] },
  run: (bynder) => bynder.get<SecurityProfile[]>(path`/api/v4/profiles/`),
});

export const userActions = {
  createUser,
  getUser,
  listUsers,
  updateUser,
  deleteUser,
  getCurrentUser,
  getSecurityProfile,
  listSecurityProfiles,
};
