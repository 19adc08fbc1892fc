/**
 * Dynamic Asset Transformation: what each `io=transform:…` operation does to an image's size and
 * colour (the emulator has no pixels, so a result is one colour at the size it would have).
 * Facts: openapi dat.
 */
import { MAX_SIDE, type Rgb } from "./images";

const COLOR_NAMES: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  orange: [255, 165, 0],
  purple: [128, 0, 128],
  pink: [255, 192, 203],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  transparent: [0, 0, 0],
};
const parseColor = (value: string): Rgb | undefined => {
  const named = COLOR_NAMES[value.toLowerCase()];
  if (named) return named;
  const hex = value.replace(/^#/, "");
  if (/^[0-9a-f]{3}$/i.test(hex)) return [0, 1, 2].map((i) => parseInt(hex[i] + hex[i], 16)) as Rgb;
  if (/^[0-9a-f]{6}$/i.test(hex))
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
  return undefined;
};

const GRAVITIES = [
  "topleft",
  "top",
  "topright",
  "left",
  "center",
  "right",
  "bottomleft",
  "bottom",
  "bottomright",
];

/** Operations and the parameters each takes (dat.json). */
const OPERATIONS: Record<string, string[]> = {
  background: ["color"],
  crop: ["width", "height", "x", "y", "gravity", "shape", "blur", "background"],
  extend: ["width", "height", "background"],
  fill: ["width", "height", "gravity", "aspectratio"],
  fit: ["width", "height"],
  flip: [],
  mirror: [],
  rotate: ["angle", "background"],
  scale: ["width", "height"],
};

/** A bad operation or parameter; the message is what DAT answers (400, plain text). */
export class DatError extends Error {}

/** Applies the `io` operations to the image size (and colour); throws DatError on a bad one. */
export const applyOperations = (ios: string[], size: { w: number; h: number }, color: Rgb) => {
  let { w, h } = size;
  let fill = color;
  for (const io of ios) {
    const match = /^transform:([a-z]+)(?:,(.*))?$/i.exec(io.trim());
    const op = match?.[1].toLowerCase();
    if (!match || !op || !(op in OPERATIONS)) throw new DatError("Image Operation not supported");
    const params: Record<string, string> = {};
    for (const part of (match[2] ?? "").split(",").filter(Boolean)) {
      const [key, ...rest] = part.split(":");
      const name = key.trim().toLowerCase();
      if (!OPERATIONS[op].includes(name) || rest.length === 0) {
        throw new DatError(`Image Operation not supported: ${op} takes no parameter "${key}"`);
      }
      params[name] = rest.join(":").trim();
    }
    const int = (name: string, min = 1, max = MAX_SIDE) => {
      const raw = params[name];
      if (raw === undefined) return undefined;
      const value = Number(raw);
      if (!/^-?\d+$/.test(raw) || value < min || value > max) {
        throw new DatError(
          `Invalid ${name} "${raw}" for ${op}: a whole number from ${min} to ${max}`,
        );
      }
      return value;
    };
    if (params.gravity !== undefined && !GRAVITIES.includes(params.gravity.toLowerCase())) {
      throw new DatError(`Invalid gravity "${params.gravity}": use ${GRAVITIES.join(", ")}`);
    }
    if (params.shape !== undefined && !["circle", "square"].includes(params.shape.toLowerCase())) {
      throw new DatError(`Invalid shape "${params.shape}": use circle or square`);
    }
    for (const name of ["color", "background"]) {
      if (params[name] === undefined) continue;
      const parsed = parseColor(params[name]);
      if (!parsed)
        throw new DatError(`Invalid ${name} "${params[name]}": a colour name or rgb/rrggbb hex`);
      fill = parsed;
    }
    int("blur", 0, 1000);
    int("x", 0);
    int("y", 0);
    const width = int("width");
    const height = int("height");
    switch (op) {
      case "scale":
        if (width && height) [w, h] = [width, height];
        else if (width) [w, h] = [width, (h * width) / w];
        else if (height) [w, h] = [(w * height) / h, height];
        break;
      case "fit": {
        const ratio = Math.min((width ?? Infinity) / w, (height ?? Infinity) / h);
        if (Number.isFinite(ratio)) [w, h] = [w * ratio, h * ratio];
        break;
      }
      case "fill": {
        let targetW = width;
        let targetH = height;
        if (params.aspectratio !== undefined) {
          const ar = /^(\d+)x(\d+)$/i.exec(params.aspectratio);
          if (!ar || !+ar[1] || !+ar[2]) {
            throw new DatError(
              `Invalid aspectratio "${params.aspectratio}": use {width}x{height}, e.g. 16x9`,
            );
          }
          if (targetW && !targetH) targetH = (targetW * +ar[2]) / +ar[1];
          else if (targetH && !targetW) targetW = (targetH * +ar[1]) / +ar[2];
          else if (!targetW && !targetH) {
            const scale = Math.min(w / +ar[1], h / +ar[2]);
            [targetW, targetH] = [+ar[1] * scale, +ar[2] * scale];
          }
        }
        [w, h] = [targetW ?? w, targetH ?? h];
        break;
      }
      case "crop":
      case "extend":
        [w, h] = [width ?? w, height ?? h];
        break;
      case "rotate": {
        const angle = int("angle", 0, 360) ?? 0;
        const rad = (angle * Math.PI) / 180;
        const cos = Math.abs(Math.cos(rad));
        const sin = Math.abs(Math.sin(rad));
        [w, h] = [w * cos + h * sin, w * sin + h * cos];
        break;
      }
      default:
        break; // background, flip, mirror keep the size
    }
    w = Math.max(1, Math.min(MAX_SIDE, Math.round(w)));
    h = Math.max(1, Math.min(MAX_SIDE, Math.round(h)));
  }
  return { w, h, color: fill };
};
