/** The account, its derivatives (thumbnail sizes) and brands (asset bank v4). */
import { route, type Handler, type Route } from "../context";
import { json } from "../http";

const account: Handler = (_req, { portal }) => json(200, portal.account);
const derivatives: Handler = (_req, { portal }) => json(200, portal.derivatives);
const brands: Handler = (_req, { portal }) => json(200, portal.brands);

export const accountRoutes: Route[] = [
  route("GET", "/api/v4/account", "", account),
  route("GET", "/api/v4/account/derivatives", "", derivatives),
  route("GET", "/api/v4/brands", "", brands),
];
