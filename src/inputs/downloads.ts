/** Inputs of the download and Dynamic Asset Transformation actions. */
import { input } from "@prismatic-io/spectral";
import { InputError } from "../client";
import { integer, optionalOneOf, optionalString, quoted } from "./clean";
import { booleanInput, CF_EXAMPLE, idInput, textInput } from "./common";

export const itemId = idInput({
  label: "Item ID",
  format: "segment",
  comments:
    "The id of the file (media item) to download: see mediaItems in Get Asset with Versions on. With Hash on, the item's hashed id (idHash) instead.",
  example: CF_EXAMPLE,
});

export const hash = booleanInput("Hash", "Treat Item ID as a hashed item id (idHash).");

export const version = input({
  label: "Version",
  type: "string",
  required: false,
  comments:
    "A version number of the asset's original (1 is the first upload). Leave empty for the current version.",
  example: "2",
  clean: integer("Version", { min: 1 }),
});

// --- Dynamic Asset Transformation -------------------------------------------------------------

export const transformName = textInput(
  "Name",
  "Replaces the file-name part at the end of the asset's transformation URL (handy for SEO-friendly names). Leave empty to keep the asset's own.",
  "summer-hero",
);

const OPERATIONS = [
  "background",
  "crop",
  "extend",
  "fill",
  "fit",
  "flip",
  "mirror",
  "rotate",
  "scale",
];

/** Lines of a text or list input, kept whole (operations contain commas). */
const linesOf = (value: unknown): string[] => {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.flatMap((item) => String(item).split(/\r?\n/));
};

/** One or more `transform:<operation>,<param>:<value>,…` lines, applied in order. */
export const io = input({
  label: "IO",
  type: "string",
  required: false,
  comments: `The operation(s) to apply, as transform:<operation>,<param>:<value>,… (e.g. transform:fill,width:800,height:800). Several operations go on separate lines and are applied in order. Operations: ${OPERATIONS.join(", ")}.`,
  example: "transform:crop,width:100,height:200",
  clean: (value: unknown): string[] =>
    linesOf(value)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const full = /^transform:/i.test(line) ? line : `transform:${line}`;
        const match = /^transform:([a-z]+)((,[a-z]+:[^,\s]+)*)$/i.exec(full);
        if (!match || !OPERATIONS.includes(match[1].toLowerCase())) {
          throw new InputError(
            `IO: ${quoted(line)} is not an operation like transform:scale,width:400 (operations: ${OPERATIONS.join(", ")}).`,
          );
        }
        return full;
      }),
});

export const focuspoint = input({
  label: "Focus Point",
  type: "string",
  required: false,
  comments:
    "The centre of the image operations as x,y, each from 0 to 1 (0,0 is the top left corner).",
  example: "0.5,0.25",
  clean: (value: unknown): string | undefined => {
    const raw = optionalString("Focus Point")(value);
    if (raw === undefined) return undefined;
    const parts = raw.split(",").map((part) => part.trim());
    const ok =
      parts.length === 2 &&
      parts.every((part) => /^\d*\.?\d+$/.test(part) && Number(part) >= 0 && Number(part) <= 1);
    if (!ok) {
      throw new InputError(
        `Focus Point must be x,y with both values from 0 to 1, e.g. 0.5,0.25; got ${quoted(raw)}.`,
      );
    }
    return parts.join(",");
  },
});

export const format = input({
  label: "Format",
  type: "string",
  required: false,
  comments: "The image format: jpg, png or webp. Bynder serves webp when this is empty.",
  example: "jpg",
  clean: (value: unknown) => {
    const raw = optionalString("Format")(value)?.toLowerCase();
    return optionalOneOf("Format", ["jpg", "png", "webp"])(raw === "jpeg" ? "jpg" : raw);
  },
});

/** Key `quality`; its label is "Format" in the incumbent component (kept for compatibility). */
export const quality = input({
  label: "Format",
  type: "string",
  required: false,
  comments:
    'Image quality from 1 to 100 (no effect on png). This second "Format" input is the quality; the label is kept from Prismatic\'s component.',
  example: "75",
  clean: integer("Format (image quality)", { min: 1, max: 100 }),
});
