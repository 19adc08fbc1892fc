import { useEmulatorHttp } from "../testing";
import { CF_ID } from "../util";

const env = useEmulatorHttp();
const { call } = env;

describe("account, brands and derivatives", () => {
  it("GET /api/v4/account returns the account", async () => {
    const { status, body: data } = await call("GET", "/api/v4/account/");
    expect(status).toBe(200);
    expect(data).toEqual(env.emulator.portal.account);
    expect(Object.keys(data).sort()).toEqual(
      ["availableLanguages", "defaultLanguage", "isOpenImageBank", "name", "timeZone"].sort(),
    );
  });

  it("GET /api/v4/brands lists brands with their sub-brands and CF ids", async () => {
    const { status, body: data } = await call("GET", "/api/v4/brands");
    expect(status).toBe(200);
    expect(data).toHaveLength(env.emulator.portal.brands.length);
    for (const brand of data) {
      expect(Object.keys(brand).sort()).toEqual(
        ["description", "id", "image", "name", "subBrands"].sort(),
      );
      expect(brand.id).toMatch(CF_ID);
      for (const sub of brand.subBrands) expect(sub.id).toMatch(CF_ID);
    }
    expect(data[0].subBrands.length).toBeGreaterThan(0);
  });

  it("GET /api/v4/account/derivatives lists the derivative presets", async () => {
    const { status, body: data } = await call("GET", "/api/v4/account/derivatives/");
    expect(status).toBe(200);
    expect(data.map((d: { prefix: string }) => d.prefix)).toContain("thul");
    expect(data[0]).toEqual(
      expect.objectContaining({ width: expect.any(Number), isCrop: expect.any(Number) }),
    );
  });

  it("needs a valid token", async () => {
    const { status, body: data, headers } = await call("GET", "/api/v4/brands", { token: "nope" });
    expect(status).toBe(401);
    expect(headers.get("content-type")).toMatch(/text\/plain/);
    expect(data).toBe("Invalid or expired token.");
  });
});
