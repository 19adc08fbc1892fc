/**
 * Real, tiny image files of one colour (PNG, JPEG, WebP) that thumbnails, Dynamic Asset
 * Transformations and seeded assets serve, and the reader of an image's width and height.
 */
import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";

export const u32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
};
const u16 = (value: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value);
  return b;
};
const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
};

export type Rgb = [number, number, number];

/** Largest side the emulator renders. */
export const MAX_SIDE = 10_000;
const side = (n: number) => Math.max(1, Math.min(MAX_SIDE, Math.round(n) || 1));

/** A valid PNG of one colour (1-bit palette, so big sizes stay small); `padTo` adds a tEXt chunk. */
export const pngImage = (width: number, height: number, color: Rgb, padTo = 0): Buffer => {
  const w = side(width);
  const h = side(height);
  const ihdr = Buffer.concat([u32(w), u32(h), Buffer.from([1, 3, 0, 0, 0])]);
  const raw = Buffer.alloc((Math.ceil(w / 8) + 1) * h); // filter 0, every pixel palette index 0
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("PLTE", Buffer.from(color)),
    pngChunk("IDAT", deflateSync(raw)),
  ];
  const end = pngChunk("IEND", Buffer.alloc(0));
  const natural = parts.reduce((n, p) => n + p.length, 0) + end.length;
  const textOverhead = 12 + "Comment\0".length;
  if (padTo >= natural + textOverhead) {
    const text = Buffer.alloc(padTo - natural - 12, 0x20);
    text.write("Comment\0", "latin1");
    parts.push(pngChunk("tEXt", text));
  }
  return Buffer.concat([...parts, end]);
};

/**
 * A valid baseline JPEG, mid-grey, any size: one-symbol Huffman tables make every 8x8 block two
 * bits. `padTo` adds COM segments so the file has exactly that many bytes.
 */
export const jpegImage = (width: number, height: number, padTo = 0): Buffer => {
  const w = side(width);
  const h = side(height);
  const segment = (marker: number, data: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker]), u16(data.length + 2), data]);
  const head = [
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
  ];
  const oneSymbolTable = (classAndId: number) =>
    segment(0xc4, Buffer.from([classAndId, 1, ...new Array<number>(15).fill(0), 0]));
  const body = [
    segment(0xdb, Buffer.from([0, ...new Array<number>(64).fill(1)])),
    segment(0xc0, Buffer.concat([Buffer.from([8]), u16(h), u16(w), Buffer.from([1, 1, 0x11, 0])])),
    oneSymbolTable(0x00),
    oneSymbolTable(0x10),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
  ];
  const bits = 2 * Math.ceil(w / 8) * Math.ceil(h / 8);
  const scan = Buffer.alloc(Math.ceil(bits / 8));
  if (bits % 8) scan[scan.length - 1] = (1 << (8 - (bits % 8))) - 1; // pad with 1-bits
  const tail = [scan, Buffer.from([0xff, 0xd9])];
  let natural = [...head, ...body, ...tail].reduce((n, p) => n + p.length, 0);
  const comments: Buffer[] = [];
  while (padTo - natural >= 4) {
    const length = Math.min(65533, padTo - natural - 4);
    // Leave nothing between 1 and 3 bytes over (a COM segment needs 4).
    const next = padTo - natural - 4 - length;
    const take = next > 0 && next < 4 ? length - 4 : length;
    comments.push(segment(0xfe, Buffer.alloc(take, 0x20)));
    natural += take + 4;
  }
  return Buffer.concat([...head, ...comments, ...body, ...tail]);
};

/** A valid lossless WebP (VP8L) of one colour: single-symbol prefix codes, zero bits per pixel. */
export const webpImage = (width: number, height: number, color: Rgb): Buffer => {
  const w = Math.min(16384, side(width));
  const h = Math.min(16384, side(height));
  const bytes: number[] = [];
  let acc = 0;
  let used = 0;
  const put = (value: number, count: number) => {
    for (let i = 0; i < count; i++) {
      acc |= ((value >>> i) & 1) << used;
      if (++used === 8) {
        bytes.push(acc);
        acc = 0;
        used = 0;
      }
    }
  };
  put(0x2f, 8);
  put(w - 1, 14);
  put(h - 1, 14);
  put(0, 1); // alpha not used
  put(0, 3); // version
  put(0, 1); // no transforms
  put(0, 1); // no colour cache
  put(0, 1); // no meta prefix codes
  const literal = (symbol: number) => {
    put(1, 1); // simple code
    put(0, 1); // one symbol
    put(1, 1); // eight-bit symbol
    put(symbol, 8);
  };
  literal(color[1]); // green
  literal(color[0]); // red
  literal(color[2]); // blue
  literal(255); // alpha
  put(1, 1); // distance: simple code, one one-bit symbol 0
  put(0, 1);
  put(0, 1);
  put(0, 1);
  if (used) bytes.push(acc);
  const data = Buffer.from(bytes);
  const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
  const le32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  return Buffer.concat([
    Buffer.from("RIFF"),
    le32(4 + 8 + padded.length),
    Buffer.from("WEBPVP8L"),
    le32(data.length),
    padded,
  ]);
};

/** Width and height of a PNG, JPEG, GIF or WebP file; undefined for anything else. */
export const imageSize = (data: Buffer): { width: number; height: number } | undefined => {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47) {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length >= 10 && data.toString("latin1", 0, 3) === "GIF") {
    return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  }
  if (
    data.length >= 30 &&
    data.toString("latin1", 0, 4) === "RIFF" &&
    data.toString("latin1", 8, 12) === "WEBP"
  ) {
    const kind = data.toString("latin1", 12, 16);
    if (kind === "VP8L") {
      const bits = data.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (kind === "VP8X") {
      return { width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
    }
    if (kind === "VP8 ") {
      return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
    }
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) return undefined;
      const marker = data[offset + 1];
      if (
        marker === 0xd8 ||
        (marker >= 0xd0 && marker <= 0xd7) ||
        marker === 0x01 ||
        marker === 0xff
      ) {
        offset += marker === 0xff ? 1 : 2;
        continue;
      }
      const length = data.readUInt16BE(offset + 2);
      if (
        marker >= 0xc0 &&
        marker <= 0xcf &&
        marker !== 0xc4 &&
        marker !== 0xc8 &&
        marker !== 0xcc
      ) {
        return { width: data.readUInt16BE(offset + 7), height: data.readUInt16BE(offset + 5) };
      }
      offset += 2 + length;
    }
  }
  return undefined;
};

/** A stable colour per asset, so each one's thumbnails and transformations look different. */
export const colorOf = (seed: string): Rgb => {
  const hash = createHash("sha256").update(seed).digest();
  return [64 + (hash[0] % 160), 64 + (hash[1] % 160), 64 + (hash[2] % 160)];
};
