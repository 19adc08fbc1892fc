import { BynderError } from "./errors";
import { bynderDate, metapropertyFields, path, toSearchParams } from "./encoding";

describe("toSearchParams", () => {
  it("drops undefined and null, comma-joins arrays, sends objects as JSON and booleans as words", () => {
    const params = toSearchParams({
      keep: "a b&c=d",
      none: undefined,
      nothing: null,
      empty: "",
      ids: ["A", "B", 3],
      sparse: ["A", null, undefined, "B"],
      data: { isPublic: 1, tags: ["x"] },
      nested: [{ a: 1 }],
      yes: true,
      no: false,
      zero: 0,
    });
    expect([...params.keys()]).toEqual([
      "keep",
      "empty",
      "ids",
      "sparse",
      "data",
      "nested",
      "yes",
      "no",
      "zero",
    ]);
    expect(params.get("keep")).toBe("a b&c=d");
    expect(params.get("empty")).toBe("");
    expect(params.get("ids")).toBe("A,B,3");
    expect(params.get("sparse")).toBe("A,B");
    expect(params.get("data")).toBe('{"isPublic":1,"tags":["x"]}');
    expect(params.get("nested")).toBe('{"a":1}');
    expect(params.get("yes")).toBe("true");
    expect(params.get("no")).toBe("false");
    expect(params.get("zero")).toBe("0");
    expect(params.toString()).toContain("keep=a+b%26c%3Dd");
  });

  it("writes Dates in Bynder's format: ISO 8601 UTC without milliseconds", () => {
    const params = toSearchParams({
      dateModified: new Date("2024-03-05T10:11:12.345+02:00"),
      dates: [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 2, 3, 4, 5))],
    });
    expect(params.get("dateModified")).toBe("2024-03-05T08:11:12Z");
    expect(params.get("dates")).toBe("2024-01-01T00:00:00Z,2024-01-02T03:04:05Z");
    expect(bynderDate(new Date(Date.UTC(2017, 2, 9, 12, 9, 29, 999)))).toBe("2017-03-09T12:09:29Z");
  });

  it("gives empty params for no fields", () => {
    expect(toSearchParams().toString()).toBe("");
    expect(toSearchParams({}).toString()).toBe("");
  });
});

describe("metapropertyFields", () => {
  it("builds metaproperty.<id> keys with comma-joined option ids", () => {
    const fields = metapropertyFields({
      "AAAA0000-1111-2222-3333444455556666": ["OPT1", "OPT2"],
      "BBBB0000-1111-2222-3333444455556666": " OPT3 , OPT4,",
    });
    expect(fields).toEqual({
      "metaproperty.AAAA0000-1111-2222-3333444455556666": ["OPT1", "OPT2"],
      "metaproperty.BBBB0000-1111-2222-3333444455556666": ["OPT3", "OPT4"],
    });
    expect(toSearchParams(fields).toString()).toBe(
      "metaproperty.AAAA0000-1111-2222-3333444455556666=OPT1%2COPT2&metaproperty.BBBB0000-1111-2222-3333444455556666=OPT3%2COPT4",
    );
    expect(metapropertyFields()).toEqual({});
  });
});

describe("the path tag", () => {
  it("encodes every interpolated value as exactly one segment", () => {
    expect(path`/api/v4/media/${"00B627BB-8054-44C0-A343FCF40BC790CD"}/`).toBe(
      "/api/v4/media/00B627BB-8054-44C0-A343FCF40BC790CD/",
    );
    expect(path`/transform/${"a/b"}/${"x y?z#w"}`).toBe("/transform/a%2Fb/x%20y%3Fz%23w");
    expect(path`/api/store/order/${42}/products/`).toBe("/api/store/order/42/products/");
    expect(path`/api/v4/users/${"ünï@cödé"}/`).toBe(
      "/api/v4/users/%C3%BCn%C3%AF%40c%C3%B6d%C3%A9/",
    );
    expect(path`/api/v4/account/`).toBe("/api/v4/account/");
    // The result stays on the portal, on the intended endpoint.
    const url = new URL(path`/api/v4/media/${"../../v6/x"}/`, "https://acme.bynder.com");
    expect(url.pathname).toBe("/api/v4/media/..%2F..%2Fv6%2Fx/");
  });

  it.each(["", ".", ".."])(
    "refuses the segment %p, which URL parsing would drop or climb",
    (bad) => {
      expect(() => path`/api/v4/media/${bad}/`).toThrow(BynderError);
      expect(() => path`/api/v4/media/${bad}/`).toThrow(
        /^Refusing to call \/api\/v4\/media\/…\/: a path segment is/,
      );
    },
  );
});
