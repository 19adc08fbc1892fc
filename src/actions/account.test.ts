import { isConnectionError } from "@prismatic-io/spectral";
import { expectExampleShape, harness, useEmulator } from "../../test/support";

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
    const connection = {
      ...env.connection,
      token: { access_token: "not-a-token-the-portal-issued" },
    };
    const error: unknown = await harness
      .action("getAccountInformation", { connection })
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Bynder GET /api/v4/account/ failed with HTTP 401: Invalid or expired token.",
    );
  });
});

describe("listBrands", () => {
  it("returns Bynder's brands with their sub-brands", async () => {
    const result = await harness.action("listBrands", { connection: env.connection });
    expect(result).toEqual({ data: env.emulator.portal.brands });
    const requests = env.emulator.requestsTo("/api/v4/brands");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "GET", path: "/api/v4/brands", query: {} });
  });

  it("reports Bynder's error message", async () => {
    env.emulator.faults.inject({
      path: "/api/v4/brands",
      steps: [{ status: 404, body: { message: "Brands not found", statuscode: 404 } }],
    });
    await expect(harness.action("listBrands", { connection: env.connection })).rejects.toThrow(
      "Bynder GET /api/v4/brands/ failed with HTTP 404: Brands not found",
    );
  });
});

describe("listDerivatives", () => {
  it("returns the portal's derivative presets", async () => {
    const result = await harness.action("listDerivatives", { connection: env.connection });
    expect(result).toEqual({ data: env.emulator.portal.derivatives });
    const [request] = env.emulator.requestsTo("/api/v4/account/derivatives", "GET");
    expect(request.path).toBe("/api/v4/account/derivatives");
  });
});

describe("example payloads", () => {
  it.each(["getAccountInformation", "listBrands", "listDerivatives"])(
    "%s's example payload has the shape of the real response",
    async (key) => {
      const result = (await harness.action(key, { connection: env.connection })) as {
        data: unknown;
      };
      expectExampleShape(key, result);
    },
  );
});
