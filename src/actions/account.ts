/** Account, brands and derivatives. */
import { path } from "../client";
import { account, brands, derivatives } from "../examplePayloads/account";
import { connection } from "../inputs/common";
import { bynderAction } from "./bynderAction";

export const getAccountInformation = bynderAction({
  display: {
    label: "Get Account Information",
    description: "Retrieve information on the current account",
  },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: account },
  run: (bynder) => bynder.get(path`/api/v4/account/`, {}, "object"),
});

export const listBrands = bynderAction({
  display: {
    label: "List Brands",
    description: "Retrieve all brands, each with its sub-brands",
  },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: brands },
  run: (bynder) => bynder.get<typeof brands>(path`/api/v4/brands/`),
});

export const listDerivatives = bynderAction({
  display: {
    label: "List Derivatives",
    description:
      "Retrieve the portal's derivative presets: the renditions (size, crop, DPI, asset types) Bynder generates for assets",
  },
  inputs: { connection },
  performSafety: "safe",
  examplePayload: { data: derivatives },
  run: (bynder) => bynder.get<typeof derivatives>(path`/api/v4/account/derivatives/`),
});

export const accountActions = { getAccountInformation, listBrands, listDerivatives };
