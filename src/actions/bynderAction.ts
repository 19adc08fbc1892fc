import {
  action,
  type ActionContext,
  type ActionDefinition,
  type Connection,
  type Inputs,
} from "@prismatic-io/spectral";
import type { ActionInputParameters } from "@prismatic-io/spectral/dist/types/ActionInputParameters";
import { createBynderClient, type BynderClient } from "../client/client";

type WithConnection = Inputs & { connection: { type: "connection" } };

/**
 * Most actions are "inputs, then one Bynder call, returning { data }". This keeps each of them to
 * that: the factory builds the client from the Connection input and wraps the result.
 */
export const bynderAction = <TInputs extends WithConnection, TData>(definition: {
  display: ActionDefinition<TInputs, never, false, { data: TData }>["display"];
  inputs: TInputs;
  examplePayload: { data: TData };
  run: (
    bynder: BynderClient,
    params: ActionInputParameters<TInputs>,
    context: ActionContext,
  ) => Promise<TData>;
}) =>
  action({
    display: definition.display,
    inputs: definition.inputs,
    examplePayload: definition.examplePayload,
    perform: async (context, params) => {
      const bynder = createBynderClient(params.connection as Connection, context);
      return { data: await definition.run(bynder, params, context) };
    },
  });
