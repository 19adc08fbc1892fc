/** Account, brands and metaproperties. */
import { path } from "../client";
import { account } from "../examplePayloads/account";
import { connection } from "../inputs/common";
import { bynderAction } from "./bynderAction";

export const getAccountInformation = bynderAction({
  display: {
    label: "Get Account Information",
    description: "Retrieve information on the current account",
  },
  inputs: { connection },
  examplePayload: { data: account },
  run: (bynder) => bynder.get(path`/api/v4/account/`),
});

export const accountActions = { getAccountInformation };
