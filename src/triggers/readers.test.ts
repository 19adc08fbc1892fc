import { fingerprintOf } from "./readers";

describe("fingerprintOf", () => {
  const record = { id: "A", name: "Logo", tags: ["x"], dateModified: "2024-01-01T00:00:00Z" };

  it("changes when the content changes, not when keys come in another order", () => {
    expect(fingerprintOf(record)).toBe(
      fingerprintOf({ dateModified: record.dateModified, tags: ["x"], name: "Logo", id: "A" }),
    );
    expect(fingerprintOf(record)).not.toBe(fingerprintOf({ ...record, name: "Logo 2" }));
    expect(fingerprintOf(record)).not.toBe(fingerprintOf({ ...record, tags: ["x", "y"] }));
  });

  it("ignores counters, renditions and URLs that are signed afresh on every read", () => {
    const signed = (sig: string) =>
      `https://bucket.s3.amazonaws.com/f.jpg?X-Amz-Expires=3600&X-Amz-Signature=${sig}`;
    expect(
      fingerprintOf({
        ...record,
        views: 1,
        S3_filepointer: signed("aa"),
        thumbnails: { mini: "u1" },
      }),
    ).toBe(
      fingerprintOf({
        ...record,
        views: 9,
        S3_filepointer: signed("bb"),
        thumbnails: { mini: "u2" },
      }),
    );
  });
});
