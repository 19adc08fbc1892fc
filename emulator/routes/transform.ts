/**
 * Images the emulator renders: the public thumbnails named in an asset's `thumbnails`, and
 * Dynamic Asset Transformations (`transformations.ts`) at /transform and /api/transform.
 * Facts: bynder-api.md §8; openapi dat.
 */
import { route, type Handler, type Route } from "../context";
import { text, type EmulatorResponse } from "../http";
import { colorOf, jpegImage, pngImage, webpImage, type Rgb } from "../images";
import { findByIdHash, findByTransformId, findMedia } from "../media";
import type { Media } from "../portal";
import { DatError, applyOperations } from "../transformations";

const imageResponse = (body: Buffer, contentType: string): EmulatorResponse => ({
  status: 200,
  body,
  contentType,
  headers: { "Cache-Control": "public, max-age=31536000" },
});

const baseSize = (media: Media) => ({ w: media.width || 800, h: media.height || 600 });

/** Public derivative files named in `thumbnails` (`/m/<idHash>/<prefix>-<name>.<ext>`). */
const serveThumbnail: Handler = (req, { portal }) => {
  const media = findByIdHash(portal, req.params.idHash);
  const match = /^([a-z0-9_]+)-.*\.(jpg|png)$/i.exec(req.params.file);
  const derivative = match && portal.derivatives.find((d) => d.prefix === match[1]);
  if (!media || !match || !derivative) return text(404, "Not Found");
  const { w, h } = baseSize(media);
  const scale = Math.min(1, derivative.width / w, derivative.height / h);
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  return match[2].toLowerCase() === "png"
    ? imageResponse(pngImage(width, height, colorOf(media.id)), "image/png")
    : imageResponse(jpegImage(width, height), "image/jpeg");
};

const FORMATS: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

/**
 * GET /transform/{id}/{name}: a derivative rendered on the fly. The result is a real image of the
 * size the operations produce, in one colour (the emulator has no pixels to transform).
 */
const transform =
  (acceptMediaId: boolean): Handler =>
  (req, { portal }) => {
    const media =
      findByTransformId(portal, req.params.id) ??
      (acceptMediaId ? findMedia(portal, req.params.id) : undefined);
    if (!media) return text(404, "Not Found");
    const { query } = req;
    const focus = query.get("focuspoint");
    if (focus !== undefined) {
      const parts = focus.split(",").map((p) => p.trim());
      const valid =
        parts.length === 2 &&
        parts.every((p) => /^\d*\.?\d+$/.test(p) && Number(p) >= 0 && Number(p) <= 1);
      if (!valid)
        return text(400, `Invalid focuspoint "${focus}": use x,y with values from 0 to 1`);
    }
    const format = (query.get("format") ?? "webp").trim().toLowerCase() || "webp";
    if (!(format in FORMATS)) return text(400, `Invalid format "${format}": use jpg, png or webp`);
    const quality = query.get("quality");
    if (quality !== undefined) {
      const q = Number(quality);
      if (!/^\d+$/.test(quality.trim()) || q < 1 || q > 100) {
        return text(400, `Invalid quality "${quality}": a whole number from 1 to 100`);
      }
    }
    let result: { w: number; h: number; color: Rgb };
    try {
      result = applyOperations(query.getAll("io"), baseSize(media), colorOf(media.id));
    } catch (error) {
      if (error instanceof DatError) return text(400, error.message);
      throw error;
    }
    const { w, h, color } = result;
    const body =
      format === "png"
        ? pngImage(w, h, color)
        : format === "webp"
          ? webpImage(w, h, color)
          : jpegImage(w, h);
    return imageResponse(body, FORMATS[format]);
  };

export const transformRoutes: Route[] = [
  route("GET", "/m/:idHash/:file", false, serveThumbnail),
  // Real DAT URLs are public; the incumbent's /api/transform form also takes the v4 asset id.
  route("GET", "/transform/:id/:name", false, transform(false)),
  route("GET", "/api/transform/:id/:name", "", transform(true)),
];
