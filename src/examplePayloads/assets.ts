/** Shaped like the emulator's real responses to the asset calls (captured, then trimmed). */

/** GET /api/v4/media/{id}/: 0/1 flags, ISO `Z` dates, `property_<Name>` holding option names. */
export const asset = {
  id: "28CF238F-E482-C6A0-627CABE6F40C02A9",
  idHash: "81dcc55ca47cf1a8",
  name: "Catalog Product 2",
  description: "Catalog Product 2 (image)",
  copyright: "© Acme Corporation",
  type: "image",
  brandId: "E270F99F-4FEC-4E5E-E8BB2726DC9C1250",
  subBrandId: "",
  extension: ["jpg"],
  fileSize: 27919,
  width: 1200,
  height: 900,
  orientation: "landscape",
  tags: ["logo", "print"],
  propertyOptions: ["07A8565B-5387-080B-6DDE078EDF22ECFB", "4B2C099D-8BAC-087B-ECF0DE1C1277D485"],
  property_Department: ["Design"],
  property_Region: ["Asia_Pacific"],
  dateCreated: "2025-12-17T16:38:00Z",
  dateModified: "2025-12-18T16:38:00Z",
  datePublished: "2025-12-17T16:38:00Z",
  userCreated: "grace.hopper@acme.example",
  archive: 0,
  limited: 0,
  isPublic: 0,
  watermarked: 0,
  thumbnails: {
    mini: "https://acme.bynder.com/m/81dcc55ca47cf1a8/mini-Catalog-Product-2.jpg",
    thul: "https://acme.bynder.com/m/81dcc55ca47cf1a8/thul-Catalog-Product-2.jpg",
    webimage: "https://acme.bynder.com/m/81dcc55ca47cf1a8/webimage-Catalog-Product-2.jpg",
    transformBaseUrl:
      "https://acme.bynder.com/transform/6e096a6a-1c7a-49bf-82e4-d2e7a0a7d75f/Catalog-Product-2",
  },
  transformBaseUrl:
    "https://acme.bynder.com/transform/6e096a6a-1c7a-49bf-82e4-d2e7a0a7d75f/Catalog-Product-2",
  videoPreviewURLs: [] as string[],
  activeOriginalFocusPoint: { x: 600, y: 450 },
};

/** GET /api/v4/media/ without Total or Count: a plain list. */
export const assetList = [asset];

/** GET /api/v4/media/?total=1 (and every Fetch All result). */
export const mediaWithTotal = { media: [asset], total: { count: 1 } };

/** v4 write envelopes. */
export const v4Accepted = { message: "Accepted", statuscode: 202 };
export const v4Created = { message: "Created", statuscode: 201 };

/** GET /api/v4/media/{id}/download/…: a temporary signed URL. */
export const downloadUrl = {
  s3_file:
    "https://bynder-eu-central.s3.amazonaws.com/files/28CF238F-E482-C6A0-627CABE6F40C02A9/648238A6-00C2-0D9E-C7EBE150B3E31C4A/Catalog-Product-2.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20251218%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=20251218T163800Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=aa5a6d9ea63c990661f1337e74b0af4d7a176d0ed5e2aec1b7117f24596f4fb1",
} as { s3_file: string; disclaimer?: string };

/** GET /api/trash/media/: `+00:00` dates. */
export const deletedAssets = [
  {
    id: "FAB05256-604F-3D80-9BC0AFA684862DD3",
    name: "Launch Banner 11",
    dateRemoved: "2025-12-20T09:12:44+00:00",
    dateCreated: "2025-07-30T16:38:00+00:00",
    username: "ada.lovelace@acme.example",
    userId: "7D3888CA-113F-2716-6505C581C461310C",
    S3_filepointer:
      "https://bynder-eu-central.s3.amazonaws.com/files/FAB05256-604F-3D80-9BC0AFA684862DD3/23373CC2-1883-6F77-FAB7605585FFA0CE/Launch-Banner-11.mp3?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20251220T091244Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=80a91a5fabf8899c2f4506db68396a02fa41214af3018c726260609a8ea9eb51",
  },
];

/** GET /api/v4/tags/. */
export const tagList = [
  { id: "10BF8518-662B-28F1-BC41389D3413DB5C", tag: "logo", mediaCount: 4 },
  { id: "56264697-E916-ABB0-D99F9D45A0C3AAF2", tag: "print", mediaCount: 4 },
];

/** Download Asset: the file's bytes, content type, and its name in Content-Disposition. */
export const downloadedFile = {
  data: Buffer.from("%PDF-1.4\n…"),
  contentType: "application/pdf",
  headers: {
    "Content-Disposition":
      "attachment; filename=\"Catalog-Product-2.pdf\"; filename*=UTF-8''Catalog-Product-2.pdf",
  },
};

/** Generate Dynamic Asset Transformation: the image bytes and their content type. */
export const transformedImage = {
  data: Buffer.from("RIFF....WEBPVP8L"),
  contentType: "image/webp",
};
