/** Asset bank v4: account, brands, media, metaproperties. */
import { json } from "../http";
import { route, type Route } from "../router";
import type { BynderEmulator } from "../server";

export const assetRoutes = (emulator: BynderEmulator): Route[] => {
  const portal = emulator.portal;
  return [route("GET", "/api/v4/account", "", () => json(200, portal.account))];
};
