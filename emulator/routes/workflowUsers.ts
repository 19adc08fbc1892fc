/** Workflow users (`/api/workflow/users`): the asset bank users workflow knows, by workflow id. */
import { route, type Handler, type Route } from "../context";
import { json } from "../http";
import type { Portal, WorkflowUser } from "../portal";
import { findWorkflowUser } from "../workflow";

const workflowUserView = (portal: Portal, wfUser: WorkflowUser) => {
  const user = portal.users.get(wfUser.userId);
  return {
    ID: wfUser.ID,
    fullname: user ? `${user.firstname} ${user.lastname}` : "",
    BynderUser: {
      firstName: user?.firstname ?? "",
      lastName: user?.lastname ?? "",
      infix: "",
      email: user?.email ?? "",
      id: wfUser.userId,
    },
  };
};

const listWorkflowUsers: Handler = (_req, { portal }) =>
  json(
    200,
    portal.workflowUsers
      .filter((u) => portal.users.has(u.userId))
      .map((u) => workflowUserView(portal, u)),
  );

const getWorkflowUser: Handler = (req, { portal }) =>
  json(200, workflowUserView(portal, findWorkflowUser(portal, req.params.id)));

export const workflowUserRoutes: Route[] = [
  route("GET", "/api/workflow/users", "admin.user:read", listWorkflowUsers),
  route("GET", "/api/workflow/users/:id", "admin.user:read", getWorkflowUser),
];
