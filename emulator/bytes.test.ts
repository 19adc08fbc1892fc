import { createHash, randomBytes } from "node:crypto";
import { Bytes, Md5Hasher } from "./bytes";

const md5 = (data: Buffer) => createHash("md5").update(data).digest("hex");
const split = (data: Buffer, size: number) =>
  Array.from({ length: Math.ceil(data.length / size) }, (_, i) =>
    data.subarray(i * size, (i + 1) * size),
  );

describe("Bytes", () => {
  const data = randomBytes(3 * 1024 * 1024 + 7);

  it("joins its pieces in order when first read, and keeps the result", () => {
    const bytes = new Bytes(split(data, 64 * 1024));
    expect(bytes.length).toBe(data.length);
    expect(bytes.parts()).toHaveLength(49);
    expect(bytes.data.equals(data)).toBe(true);
    expect(bytes.parts()).toHaveLength(1);
    expect(bytes.parts()[0]).toBe(bytes.data);
  });

  it("concatenates several without copying, and holds nothing for no bytes", () => {
    const a = new Bytes(split(data.subarray(0, 1000), 300));
    const b = new Bytes(data.subarray(1000));
    const both = Bytes.concat([a, b]);
    expect(both.parts()).toHaveLength(5);
    expect(both.data.equals(data)).toBe(true);
    expect(new Bytes([]).data).toHaveLength(0);
  });

  it("joins in the background a few MiB per turn, and a read meanwhile finishes the job", async () => {
    const background = new Bytes(split(data, 1024 * 1024));
    background.joinInBackground();
    expect(background.parts()).toHaveLength(4); // nothing happens before the next turn
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(background.parts()).toHaveLength(1);
    expect(background.data.equals(data)).toBe(true);

    const big = randomBytes(9 * 1024 * 1024);
    const interrupted = new Bytes(split(big, 1024 * 1024));
    interrupted.joinInBackground();
    await new Promise((resolve) => setImmediate(resolve)); // one step: 4 of the 9 pieces
    expect(interrupted.parts()).toHaveLength(9);
    expect(interrupted.data.equals(big)).toBe(true);
    const read = new Bytes(split(big, 512 * 1024));
    read.joinInBackground();
    expect(read.data.equals(big)).toBe(true); // read before any step ran
    await new Promise((resolve) => setTimeout(resolve, 20)); // the steps find it joined
    expect(read.data.equals(big)).toBe(true);
  });
});

describe("Md5Hasher", () => {
  const hasher = new Md5Hasher();
  afterAll(() => hasher.close());

  it("hashes small objects inline and large ones on its thread, keeping the bytes", async () => {
    const small = randomBytes(1000);
    const large = randomBytes(5 * 1024 * 1024 + 1);
    const [a, b] = await Promise.all([
      hasher.hash(split(small, 100)),
      hasher.hash(split(large, 64 * 1024)),
    ]);
    expect(a.md5).toBe(md5(small));
    expect(a.bytes.data.equals(small)).toBe(true);
    expect(b.md5).toBe(md5(large));
    expect(b.bytes.data.equals(large)).toBe(true);
    expect(b.bytes.data.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it("starts its thread again after a close", async () => {
    const large = randomBytes(2 * 1024 * 1024);
    await hasher.close();
    expect((await hasher.hash([large])).md5).toBe(md5(large));
  });
});
