/**
 * Deterministic file bytes for seeded assets: real files of their extension, generated only when
 * read, so 100,000 seeded assets cost no memory.
 */
import { colorOf, jpegImage, pngImage, u32, webpImage } from "./images";

/** Bytes padded with spaces (or trimmed never) to `size`. */
const padded = (head: Buffer, size: number, tail = Buffer.alloc(0)) =>
  Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);

const pdfFile = (title: string, size: number): Buffer => {
  const text = title.replace(/[()\\]/g, "");
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const build = (padding: string) => {
    let out = `%PDF-1.4\n${padding}`;
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(Buffer.byteLength(out, "latin1"));
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = Buffer.byteLength(out, "latin1");
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return out;
  };
  const natural = Buffer.byteLength(build(""), "latin1");
  let missing = size - natural;
  let padding = "";
  // Comment lines of at most 200 characters ("%" + spaces + "\n").
  while (missing >= 2) {
    const line = Math.min(200, missing);
    padding += `%${" ".repeat(line - 2)}\n`;
    missing -= line;
  }
  return Buffer.from(build(padding), "latin1");
};

/**
 * Deterministic file bytes for a seeded asset: a real file of its extension (JPEG/PNG/WebP/GIF
 * with the asset's dimensions, PDF, or a container header for audio and video), `size` bytes long
 * when that is larger than the bare file.
 */
export const generatedFile = (
  ext: string,
  width: number,
  height: number,
  size: number,
  seed: string,
): Buffer => {
  const w = width || 800;
  const h = height || 600;
  const target = Math.min(size, 64 * 1024 * 1024);
  switch (ext) {
    case "jpg":
    case "jpeg":
      return jpegImage(w, h, target);
    case "png":
      return pngImage(w, h, colorOf(seed), target);
    case "webp":
      return webpImage(w, h, colorOf(seed));
    case "gif": {
      const [r, g, b] = colorOf(seed);
      const head = Buffer.from([
        ...Buffer.from("GIF89a"),
        w & 0xff,
        w >> 8,
        h & 0xff,
        h >> 8,
        0x80,
        0,
        0,
        r,
        g,
        b,
        0,
        0,
        0,
        // One 1x1 image at the origin; the rest of the screen shows the background colour.
        0x2c,
        0,
        0,
        0,
        0,
        1,
        0,
        1,
        0,
        0,
        2,
        2,
        0x44,
        0x01,
        0,
        0x3b,
      ]);
      return head;
    }
    case "pdf":
      return pdfFile(`Emulated document ${seed}`, target);
    case "mp4":
    case "mov": {
      const ftyp = Buffer.concat([
        u32(24),
        Buffer.from("ftypisom"),
        u32(0x200),
        Buffer.from("isomiso2"),
      ]);
      const free = Math.max(8, target - ftyp.length);
      return Buffer.concat([ftyp, u32(free), Buffer.from("free"), Buffer.alloc(free - 8)]);
    }
    case "mp3": {
      // ID3v2.4 tag whose padding fills the file, then one silent MPEG-1 Layer III frame.
      const frame = Buffer.alloc(417);
      frame.writeUInt32BE(0xfffb9064);
      const tagSize = Math.max(0, target - 10 - frame.length);
      const syncsafe = [
        (tagSize >> 21) & 0x7f,
        (tagSize >> 14) & 0x7f,
        (tagSize >> 7) & 0x7f,
        tagSize & 0x7f,
      ];
      return Buffer.concat([
        Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, ...syncsafe]),
        Buffer.alloc(tagSize),
        frame,
      ]);
    }
    default:
      return padded(Buffer.from(`Emulated Bynder file ${seed}.${ext}\n`), target);
  }
};
