/** Shaped like the emulator's real responses to the /api/v4/collections calls. */

/** GET /api/v4/collections/{id}/: ColdFusion-style dates and a capital-I `IsPublic` (0/1). */
export const collection = {
  id: "84FECA65-9D42-B8C4-F8888B1A50E8A33D",
  name: "Brand Essentials",
  description: "Brand Essentials collection",
  filename: "brand_essentials",
  userId: "A87B2F34-8BCC-0DBC-C2294F5C315C42A6",
  user: {
    id: "A87B2F34-8BCC-0DBC-C2294F5C315C42A6",
    name: "Grace Hopper",
  },
  dateCreated: "January, 08 2024 00:00:00 +0000",
  dateModified: "January, 09 2024 00:00:00 +0000",
  collectionCount: 5,
  IsPublic: 0,
  cover: {
    thumbnail: "https://acme.bynder.com/m/e9e3d2cf0c4e6270/thul-Logo-Summer-6-mp3.jpg",
    thumbnails: [
      "https://acme.bynder.com/m/e9e3d2cf0c4e6270/thul-Logo-Summer-6-mp3.jpg",
      "https://acme.bynder.com/m/e806b5f56c940294/thul-Banner-Launch-7-jpg.jpg",
    ],
    large: "https://acme.bynder.com/m/e9e3d2cf0c4e6270/webimage-Logo-Summer-6-mp3.jpg",
  },
  link: "https://acme.bynder.com/collections/view/84FECA65-9D42-B8C4-F8888B1A50E8A33D/",
  views: 20,
};

/** GET /api/v4/collections/ without count: a plain list. */
export const collectionList = [collection];

/** Bynder's 201 body plus the id read from the Location header. */
export const createdCollection = {
  message: "Created",
  statuscode: 201,
  id: "AE68CB39-AFF5-C8FE-445A58B2804546C1" as string | null,
};

/** POST /api/v4/collections/{id}/: Bynder documents 201 "Created" for a modification. */
export const v4Created = { message: "Created", statuscode: 201 };

/** POST /api/v4/collections/{id}/media/. */
export const v4Accepted = { message: "Accepted", statuscode: 202 };

/** POST /api/v4/collections/{id}/share/: lower-case "accepted", as Bynder documents it. */
export const v4SharedAccepted = { message: "accepted", statuscode: 202 };

/** GET /api/v4/collections/{id}/media/: asset ids. */
export const collectionAssetIds = [
  "9EB24AC3-9831-6D14-E87035135E1541BA",
  "75D6FC50-CBB9-F309-4ECCA714CF1447EA",
];
