/** Asset bank v4 metadata: account, brands, derivatives, metaproperties and options, asset usage. */
import { json } from "../http";
import { route, type Route } from "../router";
import type { BynderEmulator } from "../server";

export const metadataRoutes = (emulator: BynderEmulator): Route[] => {
  const portal = emulator.portal;
  return [route("GET", "/api/v4/account", "", () => json(200, portal.account))];
};
