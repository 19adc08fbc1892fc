import { bynderSeconds, filterDate, parseBynderDate, parseRecordDate } from "./dates";

const utc = (text: string) => Date.parse(text);

describe("parseBynderDate", () => {
  it.each([
    ["2017-03-09T12:09:29Z", "2017-03-09T12:09:29.000Z"],
    ["2017-03-09T12:09:29.123Z", "2017-03-09T12:09:29.123Z"],
    ["2017-03-09T12:09:29.1234567Z", "2017-03-09T12:09:29.123Z"],
    ["2017-01-10T07:43:12+00:00", "2017-01-10T07:43:12.000Z"],
    ["2017-01-10T07:43:12+0000", "2017-01-10T07:43:12.000Z"],
    ["2017-01-10T09:43:12+02:00", "2017-01-10T07:43:12.000Z"],
    ["2017-01-10T02:13:12-05:30", "2017-01-10T07:43:12.000Z"],
    ["2017-01-10T08:43:12+01", "2017-01-10T07:43:12.000Z"],
    ["2017-03-03T00:00:00", "2017-03-03T00:00:00.000Z"],
    ["2017-03-03 10:20:30", "2017-03-03T10:20:30.000Z"],
    ["2017-03-03", "2017-03-03T00:00:00.000Z"],
    ["March, 08 2017 14:17:37 +0000", "2017-03-08T14:17:37.000Z"],
    ["March, 08 2017 14:17:37 +0100", "2017-03-08T13:17:37.000Z"],
    ["December, 31 2023 23:59:59 +0000", "2023-12-31T23:59:59.000Z"],
    ["Mar, 8 2017 14:17:37 +0000", "2017-03-08T14:17:37.000Z"],
    ["March, 08 2017 14:17:37", "2017-03-08T14:17:37.000Z"],
    ["March 08, 2017 14:17:37 GMT", "2017-03-08T14:17:37.000Z"],
    ["  2017-03-09T12:09:29Z  ", "2017-03-09T12:09:29.000Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
  ])("reads %s", (input, expected) => {
    expect(parseBynderDate(input)).toBe(utc(expected));
  });

  it("reads a date-time without a zone as UTC whatever the local zone", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = "America/New_York";
      expect(parseBynderDate("2017-03-03T00:00:00")).toBe(Date.UTC(2017, 2, 3));
    } finally {
      process.env.TZ = before;
    }
  });

  it.each([
    "",
    "yesterday",
    "2017-13-01T00:00:00Z",
    "2017-02-30T00:00:00Z",
    "2023-02-29",
    "2017-01-01T24:00:00Z",
    "2017-01-01T10:60:00Z",
    "2017-01-01T10:00:61Z",
    "2017-01-01T10:00:00+25:00",
    "Smarch, 08 2017 14:17:37 +0000",
    "March, 32 2017 14:17:37 +0000",
    "1488982657",
  ])("rejects %j", (input) => {
    expect(parseBynderDate(input)).toBeUndefined();
  });

  it("rejects what is not text and passes a valid Date through", () => {
    expect(parseBynderDate(undefined)).toBeUndefined();
    expect(parseBynderDate(null)).toBeUndefined();
    expect(parseBynderDate(1488982657)).toBeUndefined();
    expect(parseBynderDate(new Date("invalid"))).toBeUndefined();
    expect(parseBynderDate(new Date(5000))).toBe(5000);
  });

  it("gives all three Bynder styles of one moment the same value", () => {
    const moment = utc("2017-03-08T14:17:37Z");
    expect(parseBynderDate("2017-03-08T14:17:37Z")).toBe(moment);
    expect(parseBynderDate("2017-03-08T14:17:37+00:00")).toBe(moment);
    expect(parseBynderDate("March, 08 2017 14:17:37 +0000")).toBe(moment);
  });
});

describe("bynderSeconds and filterDate", () => {
  it("floors to whole seconds and formats Bynder's filter style", () => {
    expect(bynderSeconds("2017-03-09T12:09:29.999Z")).toBe(utc("2017-03-09T12:09:29Z") / 1000);
    expect(bynderSeconds("nope")).toBeUndefined();
    expect(filterDate(utc("2017-03-09T12:09:29Z") / 1000)).toBe("2017-03-09T12:09:29Z");
  });
});

describe("parseRecordDate (issue 13: every date form a record could carry)", () => {
  const moment = utc("2030-01-02T10:00:08Z");
  it.each<[unknown]>([
    [moment / 1000],
    [moment],
    [String(moment / 1000)],
    [String(moment)],
    ["Wed, 02 Jan 2030 10:00:08 GMT"],
    ["02 Jan 2030 10:00:08 GMT"],
    ["Wed, 02 Jan 2030 11:00:08 +0100"],
    ["2030-01-02 10:00:08 UTC"],
    ["2030-01-02T10:00:08 GMT"],
    ["2030-01-02T10:00:08Z"],
    ["2030-01-02T10:00:08"],
    ["2030-01-02T12:00:08+02:00"],
  ])("reads %j", (value) => {
    expect(parseRecordDate(value)).toBe(moment);
    expect(bynderSeconds(value)).toBe(moment / 1000);
  });

  it.each<[unknown]>([[""], ["  "], [null], [undefined], ["soon"], [0], [-5], [NaN], [{}]])(
    "gives up on %j",
    (value) => {
      expect(parseRecordDate(value)).toBeUndefined();
    },
  );
});
