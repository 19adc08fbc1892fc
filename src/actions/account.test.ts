import { isConnectionError } from "@prismatic-io/spectral";
import { harness, useEmulator } from "../../test/support";

const env = useEmulator();

describe("getAccountInformation", () => {
  it("returns the portal's account as Bynder sends it", async () => {
    const result = await harness.action("getAccountInformation", { connection: env.connection });
    expect(result).toEqual({ data: env.emulator.portal.account });
    const [request] = env.emulator.requestsTo("/api/v4/account");
    expect(request.method).toBe("GET");
    expect(request.headers.authorization).toMatch(/^Bearer /);
  });

  it("turns a 401 into a ConnectionError with Bynder's message", async () => {
    const connection = { ...env.connection, token: { access_token: "expired" } };
    const error: unknown = await harness
      .action("getAccountInformation", { connection })
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Bynder GET /api/v4/account/ failed with HTTP 401: Invalid or expired token.",
    );
  });
});
