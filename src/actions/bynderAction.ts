import {
  action,
  type ActionContext,
  type ActionDisplayDefinition,
  type ActionInputParameters,
  type ActionPerformDataReturn,
  type Connection,
  type Inputs,
  type OutputSchema,
  type PerformSafety,
} from "@prismatic-io/spectral";
import { createBynderClient, type BynderClient } from "../client";
import { outputSchemaOf } from "./outputSchema";

interface WithConnection {
  connection: { type: "connection" };
}

/** The client an action's run gets: none for the one action without a Connection (Upload Chunk). */
type ClientFor<TInputs> = TInputs extends WithConnection ? BynderClient : undefined;

type Run<TInputs extends Inputs, TResult> = (
  bynder: ClientFor<TInputs>,
  params: ActionInputParameters<TInputs>,
  context: ActionContext,
) => Promise<TResult>;

interface Common<TInputs extends Inputs, TData> {
  /** Label and description; `important` on the handful of actions most flows start with, `directions` where a step needs guidance. */
  display: ActionDisplayDefinition;
  inputs: TInputs;
  /**
   * `safe` for read-only actions, so the designer may run them inline to fill reference data;
   * `notAllowed` for everything that writes. Required: every action says which it is.
   */
  performSafety: PerformSafety;
  examplePayload: ActionPerformDataReturn<TData>;
  /** Only where the example payload cannot show the output's shape; derived from it otherwise. */
  outputSchema?: OutputSchema;
}

type Definition<TInputs extends Inputs, TData> = Common<TInputs, TData> &
  (
    | {
        /** Returns Bynder's answer; the action returns it as `{ data }`. */ run: Run<
          TInputs,
          TData
        >;
      }
    | {
        /** Returns the whole result (binary data with its content type, headers beside data). */
        runResult: Run<TInputs, ActionPerformDataReturn<TData>>;
      }
  );

/**
 * The one way to build an action: its inputs, its metadata, and one Bynder call. The factory
 * builds the client from the Connection input (validated before any request), wraps the result,
 * and derives the output schema builders see before a first run from the example payload.
 */
export const bynderAction = <TInputs extends Inputs, TData>(
  definition: Definition<TInputs, TData>,
) => {
  const { display, inputs, performSafety, examplePayload } = definition;
  const outputSchema = definition.outputSchema ?? outputSchemaOf(examplePayload.data);
  return action({
    display,
    inputs,
    performSafety,
    examplePayload,
    ...(outputSchema ? { outputSchema } : {}),
    perform: async (context, params) => {
      const { connection } = params as { connection?: Connection };
      const bynder = (
        "connection" in inputs ? createBynderClient(connection!, context) : undefined
      ) as ClientFor<TInputs>;
      if ("runResult" in definition) return definition.runResult(bynder, params, context);
      return { data: await definition.run(bynder, params, context) };
    },
  });
};
