/** Shared by the benchmark runner and its workers. */

/** A logger that drops everything: benchmarks measure the work, not the printing. */
const drop = (): void => undefined;
export const quiet = {
  logger: {
    metric: drop,
    trace: drop,
    debug: drop,
    info: drop,
    log: drop,
    warn: drop,
    error: drop,
  },
};

/** A client-credentials connection as Prismatic hands it to the component. */
export const benchConnection = (
  portal: { tokenUrl: string; clientId: string; clientSecret: string },
  scopes: string,
  accessToken: string,
) => ({
  key: "bynder-client-credentials-oauth",
  configVarKey: "bench",
  fields: {
    tokenUrl: portal.tokenUrl,
    scopes,
    clientId: portal.clientId,
    clientSecret: portal.clientSecret,
  },
  token: { access_token: accessToken },
});

/** One line of the results table. */
export interface Row {
  case: string;
  ours: string;
  baseline: string;
  ratio: number;
  target: string;
  met: boolean;
}
