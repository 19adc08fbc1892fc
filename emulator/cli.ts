/**
 * `npm run emulator`: runs the Bynder portal emulator as a process until Ctrl-C (SIGINT) or SIGTERM.
 * Prints the base URL (`http://127.0.0.1:<port>`) and the OAuth app's credentials on stdout.
 */
import { startEmulator, type EmulatorOptions } from "./server";

const USAGE = `Usage: npm run emulator -- [options]

Runs an emulated Bynder portal on 127.0.0.1 until stopped with Ctrl-C.

Options:
  --port N        port to listen on (default 0: any free port)
  --latency MS    milliseconds added to every request, to model a real network (default 0)
  --assets N      number of seeded assets (default 60; 100000 seed in about 1.5 s)
  --help          show this help
`;

class UsageError extends Error {}

const wholeNumber = (flag: string, value: string | undefined, max: number): number => {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError(
      `${flag} needs a whole number between 0 and ${max}; got ${value ?? "nothing"}`,
    );
  }
  return Number(value);
};

export const parseArgs = (argv: string[]): EmulatorOptions | "help" => {
  const options: EmulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case "--help":
      case "-h":
        return "help";
      case "--port":
        options.port = wholeNumber(flag, value(), 65535);
        break;
      case "--latency":
        options.latencyMs = wholeNumber(flag, value(), 600_000);
        break;
      case "--assets":
        options.seed = { assets: wholeNumber(flag, value(), 10_000_000) };
        break;
      default:
        throw new UsageError(`unknown option ${argv[i]}`);
    }
  }
  return options;
};

const main = async () => {
  let options: EmulatorOptions | "help";
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`emulator: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  const authorize = new URL(emulator.authorizeUrl);
  authorize.search = new URLSearchParams({
    client_id: emulator.clientId,
    redirect_uri: "http://127.0.0.1/callback",
    response_type: "code",
    scope: "offline asset:read",
    state: "demo",
  }).toString();
  process.stdout.write(
    [
      `Bynder portal emulator listening on`,
      emulator.url,
      `client_id: ${emulator.clientId}`,
      `client_secret: ${emulator.clientSecret}`,
      `token_url: ${emulator.tokenUrl}`,
      `authorize_url: ${emulator.authorizeUrl}`,
      `example authorization request: ${authorize.toString()}`,
      `latency: ${emulator.latencyMs} ms; assets: ${emulator.portal.media.size}`,
      `Press Ctrl-C to stop.`,
      "",
    ].join("\n"),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}; stopping the emulator.\n`);
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`emulator: could not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
};

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
