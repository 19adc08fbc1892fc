import { InputError } from "../client";
import {
  boolean,
  idList,
  integer,
  jsonObject,
  keyValues,
  oneOf,
  optionalBoolean,
  optionalDate,
  optionalId,
  optionalOneOf,
  optionalString,
  requiredId,
  requiredInteger,
  requiredString,
  stringList,
} from "./clean";

const LABEL = "Asset ID";
const CF = "00B627BB-8054-44C0-A343FCF40BC790CD";
const UUID = "3f2d9c1e-5a7b-4c8d-9e0f-1a2b3c4d5e6f";

/** Runs a clean, expects an InputError whose message starts with the label, returns the message. */
const rejected = (clean: (value: unknown) => unknown, value: unknown, label = LABEL): string => {
  let error: unknown;
  try {
    clean(value);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  const message = (error as Error).message;
  expect(message.startsWith(label)).toBe(true);
  return message;
};

describe("requiredString / optionalString", () => {
  it("trims text and accepts numbers and booleans as text", () => {
    expect(requiredString(LABEL)("  abc ")).toBe("abc");
    expect(requiredString(LABEL)(12)).toBe("12");
    expect(requiredString(LABEL)(false)).toBe("false");
    expect(optionalString(LABEL)(" x ")).toBe("x");
    expect(optionalString(LABEL)("")).toBeUndefined();
    expect(optionalString(LABEL)("   ")).toBeUndefined();
    expect(optionalString(LABEL)(undefined)).toBeUndefined();
    expect(optionalString(LABEL)(null)).toBeUndefined();
  });

  it("rejects empty required text and non-text values, naming the input", () => {
    expect(rejected(requiredString(LABEL), "")).toBe("Asset ID is required.");
    expect(rejected(requiredString(LABEL), "  ")).toBe("Asset ID is required.");
    expect(rejected(requiredString(LABEL), undefined)).toBe("Asset ID is required.");
    expect(rejected(requiredString(LABEL), { a: 1 })).toBe("Asset ID: expected text, got object");
    expect(rejected(optionalString(LABEL), ["a"])).toBe("Asset ID: expected text, got a list");
  });
});

describe("requiredId / optionalId", () => {
  it("accepts each format", () => {
    expect(requiredId(LABEL, "cf")(` ${CF} `)).toBe(CF);
    expect(requiredId(LABEL, "cf")(CF.toLowerCase())).toBe(CF.toLowerCase());
    expect(requiredId("Job ID", "uuid")(UUID)).toBe(UUID);
    expect(requiredId("Job ID", "uuid")(UUID.replace(/-/g, ""))).toBe(UUID.replace(/-/g, ""));
    expect(requiredId("Order ID", "segment")("ORD-42_x.y")).toBe("ORD-42_x.y");
    expect(optionalId(LABEL, "cf")("")).toBeUndefined();
    expect(optionalId(LABEL, "cf")(CF)).toBe(CF);
  });

  it.each<[string, "cf" | "uuid" | "segment", unknown]>([
    ["cf", "cf", UUID],
    ["cf", "cf", "00B627BB-8054-44C0-A343FCF40BC790C"],
    ["cf", "cf", `${CF}/`],
    ["uuid", "uuid", CF],
    ["uuid", "uuid", "not-a-uuid"],
    ["segment", "segment", "a/b"],
    ["segment", "segment", "a b"],
    ["segment", "segment", "a?b"],
    ["segment", "segment", "a#b"],
    ["segment", "segment", "a\\b"],
    ["segment", "segment", ".."],
    ["segment", "segment", "."],
  ])("rejects a malformed %s id (%p)", (_f, format, value) => {
    const message = rejected(requiredId(LABEL, format), value);
    expect(message).toMatch(/^Asset ID must be /);
    expect(message).toContain(`got "${String(value)}"`);
  });

  it("requires a value, and checks an optional one when given", () => {
    expect(rejected(requiredId(LABEL, "cf"), "")).toBe("Asset ID is required.");
    rejected(optionalId(LABEL, "cf"), "nope");
  });
});

describe("idList / stringList", () => {
  it("takes a value list or one comma-separated string, trimming and dropping blanks", () => {
    expect(idList("Asset IDs", "cf")([CF, ` ${CF} , `])).toEqual([CF, CF]);
    expect(idList("Asset IDs", "cf")(`${CF},${CF}`)).toEqual([CF, CF]);
    expect(idList("Asset IDs", "cf")(undefined)).toEqual([]);
    expect(stringList("Tags")(["a, b", "c", ""])).toEqual(["a", "b", "c"]);
    expect(stringList("Tags")("x")).toEqual(["x"]);
    expect(stringList("Tags")(null)).toEqual([]);
  });

  it("rejects a bad item, an empty required list and non-text items", () => {
    expect(rejected(idList("Asset IDs", "cf"), [CF, "bad"], "Asset IDs")).toMatch(/got "bad"/);
    expect(rejected(idList("Asset IDs", "cf", { required: true }), ["", " "], "Asset IDs")).toBe(
      "Asset IDs is required: give at least one id.",
    );
    expect(rejected(stringList("Tags", { required: true }), "", "Tags")).toBe("Tags is required.");
    rejected(stringList("Tags"), [{ a: 1 }], "Tags");
  });
});

describe("boolean / optionalBoolean", () => {
  it("reads true and false in their usual spellings", () => {
    for (const yes of [true, "true", "TRUE", " t ", "yes", "Y", "1", 1])
      expect(boolean("Stats")(yes)).toBe(true);
    for (const no of [false, "false", "F", "no", "n", "0", 0])
      expect(boolean("Stats")(no)).toBe(false);
    expect(boolean("Stats")("")).toBe(false);
    expect(boolean("Stats", true)(undefined)).toBe(true);
    expect(optionalBoolean("Stats")("")).toBeUndefined();
    expect(optionalBoolean("Stats")(undefined)).toBeUndefined();
    expect(optionalBoolean("Stats")(false)).toBe(false);
    expect(optionalBoolean("Stats")("yes")).toBe(true);
  });

  it("rejects anything else, naming the input", () => {
    expect(rejected(boolean("Stats"), "maybe", "Stats")).toBe(
      'Stats must be true or false; got "maybe".',
    );
    expect(rejected(boolean("Stats"), 2, "Stats")).toBe('Stats must be true or false; got "2".');
    expect(rejected(optionalBoolean("Stats"), "maybe", "Stats")).toMatch(
      /^Stats must be true or false/,
    );
    expect(rejected(optionalBoolean("Stats"), { on: true }, "Stats")).toBe(
      "Stats: expected text, got object",
    );
  });
});

describe("integer / requiredInteger", () => {
  it("reads whole numbers within the range", () => {
    expect(integer("Limit", { min: 1, max: 1000 })(" 50 ")).toBe(50);
    expect(integer("Limit", { min: 1, max: 1000 })(1000)).toBe(1000);
    expect(integer("Offset")("-3")).toBe(-3);
    expect(integer("Limit")("")).toBeUndefined();
    expect(integer("Limit")(undefined)).toBeUndefined();
    expect(requiredInteger("Chunk Number", { min: 1 })("1")).toBe(1);
  });

  it.each<[unknown, { min?: number; max?: number }, string]>([
    ["abc", {}, 'Limit must be a whole number; got "abc".'],
    ["1.5", {}, 'Limit must be a whole number; got "1.5".'],
    ["1e3", {}, 'Limit must be a whole number; got "1e3".'],
    [
      "99999999999999999999",
      {},
      'Limit must be a whole number of at most 15 digits; got "99999999999999999999".',
    ],
    ["0", { min: 1, max: 1000 }, "Limit must be between 1 and 1000; got 0."],
    ["1001", { min: 1, max: 1000 }, "Limit must be between 1 and 1000; got 1001."],
    ["0", { min: 1 }, "Limit must be at least 1; got 0."],
    ["11", { max: 10 }, "Limit must be at most 10; got 11."],
    [{}, {}, "Limit: expected text, got object"],
  ])("rejects %p (%p)", (value, range, message) => {
    expect(rejected(integer("Limit", range), value, "Limit")).toBe(message);
  });

  it("requires a value when required", () => {
    expect(rejected(requiredInteger("Chunk Number"), "", "Chunk Number")).toBe(
      "Chunk Number is required.",
    );
  });
});

describe("jsonObject", () => {
  it("parses JSON objects, passes objects through, and gives {} for nothing", () => {
    expect(jsonObject("Data")('{"a":1,"b":[2]}')).toEqual({ a: 1, b: [2] });
    expect(jsonObject("Data")({ a: 1 })).toEqual({ a: 1 });
    expect(jsonObject("Data")("")).toEqual({});
    expect(jsonObject("Data")("  ")).toEqual({});
    expect(jsonObject("Data")(undefined)).toEqual({});
    expect(jsonObject("Data")("null")).toEqual({});
  });

  it.each(["{not json", "[1,2]", '"text"', "42", [1], 7])("rejects %p", (value) => {
    const message = rejected(jsonObject("Data"), value, "Data");
    expect(message).toMatch(/^Data must be (valid JSON|a JSON object)/);
  });
});

describe("keyValues", () => {
  it("turns a key-value list (or an object) into an object of text", () => {
    expect(
      keyValues("Extra Parameters")([
        { key: " orderBy ", value: "dateModified desc" },
        { key: "limit", value: 5 },
      ]),
    ).toEqual({ orderBy: "dateModified desc", limit: "5" });
    expect(keyValues("Extra Parameters")({ a: "1", b: 2, c: true })).toEqual({
      a: "1",
      b: "2",
      c: "true",
    });
    expect(keyValues("Extra Parameters")(undefined)).toEqual({});
    expect(keyValues("Extra Parameters")("")).toEqual({});
  });

  it("rejects blank keys, non-lists and nested values, naming the input", () => {
    expect(
      rejected(keyValues("Extra Parameters"), [{ key: "", value: "x" }], "Extra Parameters"),
    ).toBe("Extra Parameters: every entry needs a key.");
    expect(rejected(keyValues("Extra Parameters"), "a=b", "Extra Parameters")).toBe(
      "Extra Parameters must be a list of key-value pairs.",
    );
    rejected(keyValues("Extra Parameters"), [{ key: "a", value: { deep: 1 } }], "Extra Parameters");
    rejected(keyValues("Extra Parameters"), { a: { deep: 1 } }, "Extra Parameters");
  });
});

describe("optionalDate", () => {
  it("reads ISO 8601, Unix seconds and milliseconds, dates with month names, and Dates", () => {
    const clean = optionalDate("Modified After");
    expect(clean("2024-01-31T12:00:00Z")?.toISOString()).toBe("2024-01-31T12:00:00.000Z");
    expect(clean("2024-01-31T12:00:00+02:00")?.toISOString()).toBe("2024-01-31T10:00:00.000Z");
    expect(clean("2024-01-31")?.toISOString()).toBe("2024-01-31T00:00:00.000Z");
    expect(clean("1706702400")?.toISOString()).toBe("2024-01-31T12:00:00.000Z");
    expect(clean(1706702400)?.toISOString()).toBe("2024-01-31T12:00:00.000Z");
    expect(clean("1706702400000")?.toISOString()).toBe("2024-01-31T12:00:00.000Z");
    expect(clean("March, 08 2017 14:17:37 +0000")?.toISOString()).toBe("2017-03-08T14:17:37.000Z");
    expect(clean("Wed, 31 Jan 2024 12:00:00 GMT")?.toISOString()).toBe("2024-01-31T12:00:00.000Z");
    const date = new Date();
    expect(clean(date)).toBe(date);
    expect(clean("")).toBeUndefined();
    expect(clean(undefined)).toBeUndefined();
  });

  it.each(["yesterday", "foo 1", "1", "12/31/2024", "2024-13-45", "2024-01-31T25:00:00Z"])(
    "rejects %p",
    (value) => {
      expect(rejected(optionalDate("Modified After"), value, "Modified After")).toBe(
        `Modified After must be an ISO 8601 date-time such as 2024-01-31T12:00:00Z; got "${value}".`,
      );
    },
  );

  it("rejects an invalid Date object", () => {
    expect(rejected(optionalDate("Modified After"), new Date(NaN), "Modified After")).toBe(
      "Modified After is an invalid date.",
    );
  });
});

describe("oneOf / optionalOneOf", () => {
  const statuses = ["Approved", "NeedsChanges"] as const;

  it("accepts an allowed value, or the fallback when empty", () => {
    expect(oneOf("Status", statuses)(" Approved ")).toBe("Approved");
    expect(oneOf("Status", statuses, "NeedsChanges")("")).toBe("NeedsChanges");
    expect(optionalOneOf("Status", statuses)("")).toBeUndefined();
    expect(optionalOneOf("Status", statuses)("NeedsChanges")).toBe("NeedsChanges");
  });

  it("rejects anything else, naming the input and the choices", () => {
    expect(rejected(oneOf("Status", statuses), "approved", "Status")).toBe(
      'Status must be one of Approved, NeedsChanges; got "approved".',
    );
    expect(rejected(oneOf("Status", statuses), "", "Status")).toMatch(/^Status must be one of/);
    expect(rejected(optionalOneOf("Status", statuses), "Done", "Status")).toMatch(
      /^Status must be one of/,
    );
    expect(rejected(optionalOneOf("Status", statuses), ["Approved"], "Status")).toBe(
      "Status: expected text, got a list",
    );
  });
});

describe("a huge bad value", () => {
  it("is quoted by a short prefix and its length, never whole", () => {
    const huge = "x".repeat(1024 * 1024);
    const cleans: [(value: unknown) => unknown, string][] = [
      [requiredId(LABEL, "cf"), LABEL],
      [idList(LABEL, "cf"), LABEL],
      [boolean("Flag"), "Flag"],
      [integer("Limit"), "Limit"],
      [optionalDate("Since"), "Since"],
      [oneOf("Status", ["A", "B"]), "Status"],
    ];
    for (const [clean, label] of cleans) {
      const message = rejected(clean, huge, label);
      expect(message).toContain(`got "${"x".repeat(60)}…" (1048576 characters).`);
      expect(message.length).toBeLessThan(300);
    }
    expect(rejected(integer("Limit"), "1".repeat(61), "Limit")).toContain("(61 characters)");
    expect(rejected(integer("Limit"), "abc", "Limit")).toBe(
      'Limit must be a whole number; got "abc".',
    );
  });
});
