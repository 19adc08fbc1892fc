/**
 * What the change triggers return (captured from a run against the emulator, one record per list;
 * the emulator's host replaced by a portal's). `deleted` is present only with Show Deleted Records.
 */
import type { TriggerPayload } from "@prismatic-io/spectral";

const asset = (fields: Record<string, unknown>) => {
  const slug = String(fields.name).replace(/ /g, "-");
  const transformBaseUrl = `https://acme.bynder.com/transform/${String(fields.transformId)}/${slug}`;
  const { transformId: _transformId, ...rest } = fields;
  return {
    ...rest,
    thumbnails: {
      mini: `https://acme.bynder.com/m/${String(fields.idHash)}/mini-${slug}.jpg`,
      thul: `https://acme.bynder.com/m/${String(fields.idHash)}/thul-${slug}.jpg`,
      webimage: `https://acme.bynder.com/m/${String(fields.idHash)}/webimage-${slug}.jpg`,
      transformBaseUrl,
    },
    transformBaseUrl,
    videoPreviewURLs: [],
    activeOriginalFocusPoint: { x: Number(fields.width) / 2, y: Number(fields.height) / 2 },
  };
};

const created = asset({
  id: "AE68CB39-AFF5-C8FE-445A58B2804546C1",
  idHash: "96c19f33eb6d1b4b",
  name: "Summer Summer 1",
  description: "Summer Summer 1 (image)",
  copyright: "© Acme Corporation",
  type: "image",
  brandId: "DD8B71B4-1806-B89C-4027E15BDEA9307F",
  subBrandId: "CB9321DC-CAB4-D44A-3886C22A18A4B149",
  extension: ["jpg"],
  fileSize: 20000,
  width: 800,
  height: 600,
  orientation: "landscape",
  tags: ["summer", "logo"],
  propertyOptions: ["3EC9452B-8939-E641-C32C63FFCB598434"],
  property_Department: ["Marketing"],
  dateCreated: "2026-11-22T16:39:16Z",
  dateModified: "2026-11-22T16:39:16Z",
  datePublished: "2026-11-22T16:39:16Z",
  userCreated: "ada.lovelace@acme.example",
  archive: 0,
  limited: 0,
  isPublic: 1,
  watermarked: 0,
  transformId: "0ef9faf2-08c2-4850-9ab1-da49ce52c330",
});

const updated = asset({
  id: "0DBDD28C-4E41-C179-EFE11A4450EC46E3",
  idHash: "685e3c11abd10a2b",
  name: "Summer Logo 4",
  description: "Summer Logo 4 (document)",
  copyright: "© Acme Corporation",
  type: "document",
  brandId: "DD8B71B4-1806-B89C-4027E15BDEA9307F",
  subBrandId: "CB9321DC-CAB4-D44A-3886C22A18A4B149",
  extension: ["pdf"],
  fileSize: 43757,
  width: 0,
  height: 0,
  orientation: "square",
  tags: ["team", "grassland"],
  propertyOptions: ["3EC9452B-8939-E641-C32C63FFCB598434"],
  property_Department: ["Marketing"],
  dateCreated: "2025-12-07T16:39:11Z",
  dateModified: "2026-11-22T16:39:16Z",
  datePublished: "2025-12-07T16:39:11Z",
  userCreated: "edsger.dijkstra@acme.example",
  archive: 0,
  limited: 0,
  isPublic: 0,
  watermarked: 0,
  transformId: "24f4f7b2-a4e3-4cd3-8b69-d45aa999cae4",
});

const deleted = {
  id: "786D198F-1A02-A45E-688D7D9CEA73ABC1",
  name: "Campaign Poster 5",
  dateRemoved: "2026-11-22T16:39:16+00:00",
  dateCreated: "2025-12-12T16:39:11+00:00",
  username: "ada.lovelace@acme.example",
  userId: "7D3888CA-113F-2716-6505C581C461310C",
  S3_filepointer:
    "https://bynder-files.s3.eu-west-1.amazonaws.com/786D198F-1A02-A45E-688D7D9CEA73ABC1/Campaign-Poster-5.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature=c119c890",
};

const base = {
  headers: {},
  queryParameters: {},
  rawBody: { data: null },
  pathFragment: "",
  webhookUrls: { "Flow 1": "https://hooks.prismatic.io/trigger/EXAMPLE" },
  webhookApiKeys: {},
  invokeUrl: "https://hooks.prismatic.io/trigger/EXAMPLE",
  executionId: "SW5zdGFuY2VFeGVjdXRpb25SZXN1bHQ6EXAMPLE",
  customer: { id: "customerId", externalId: "1234", name: "Customer 1" },
  instance: { id: "instanceId", name: "Instance 1" },
  user: { id: "userId", email: "user@example.com", name: "User 1", externalId: "1234" },
  integration: {
    id: "integrationId",
    name: "Integration 1",
    versionSequenceId: "1234",
    externalVersion: "1.0.0",
  },
  flow: { id: "flowId", name: "Flow 1", stableId: "flowStableId" },
  startedAt: "2026-11-22T16:40:00.000Z",
  globalDebug: false,
};

export const pollChangesExample: { payload: TriggerPayload; polledNoChanges: boolean } = {
  payload: {
    ...base,
    body: { data: { created: [created], updated: [updated], deleted: [deleted] } },
  },
  polledNoChanges: false,
};

/**
 * What one execution of batchedChangesTrigger receives: a batch of `{ change, record }` items (one
 * of each kind here; `existing` comes only from the initial sync). At batch size 1, `data` is one
 * item instead of a list.
 */
export const batchedChangesExample = {
  payload: {
    ...base,
    body: {
      data: [
        { change: "created" as const, record: created },
        { change: "updated" as const, record: updated },
        { change: "deleted" as const, record: deleted },
        { change: "existing" as const, record: updated },
      ],
      contentType: "application/json",
    },
  },
};
