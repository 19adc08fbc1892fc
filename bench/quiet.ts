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
