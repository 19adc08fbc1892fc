/**
 * Shaped like the emulator's real responses for the upload actions (captured from a run, hosts
 * replaced by a portal's and S3's, the policy shortened).
 */
import type {
  FinaliseResponse,
  InitUploadResponse,
  PollState,
  S3ChunkResult,
  SaveResponse,
  UploadFileResult,
} from "../client";

/** GET /api/upload/endpoint/ */
export const closestEndpoint = "https://bynder-public-eu-central-1.s3.amazonaws.com/";

/** POST /api/upload/init/ */
export const initialised: InitUploadResponse = {
  s3file: {
    uploadid:
      "LdRAdi6qFStX3g9ubn5xyzZyJ6NTWMT7jghaUOPpNYdPesNPKOGj33Swu4dLgZXNOYdoJtZGB6u1qL74eNnF2NkYcbEb9tpF",
    targetid: "final/96c19f33-eb6d-4b4b-8ef9-faf208c21850/Logo.png",
  },
  s3_filename: "pluploads/api/ae68cb39-aff5-48fe-845a-58b2804546c1/Logo.png",
  target_key: "pluploads/api/ae68cb39-aff5-48fe-845a-58b2804546c1/Logo.png",
  multipart_params: {
    acl: "private",
    success_action_status: "201",
    "Content-Type": "image/png",
    key: "pluploads/api/ae68cb39-aff5-48fe-845a-58b2804546c1/Logo.png",
    Policy:
      "eyJleHBpcmF0aW9uIjoiMjAyNi0xMS0yMlQyMjozODoyMC4wOTJaIiwiY29uZGl0aW9ucyI6W3siYnVja2V0IjoiYnluZGVyLXVwbG9hZHMifV19",
    "X-Amz-Signature": "aac7f5af4ad7b78bcfd3da7639d6697f9375b5a40a1cec57c42ce3c74d61c8a7",
    "x-amz-credential": "AKIAE8E4BE6EBC990220/20261122/eu-central-1/s3/aws4_request",
    "x-amz-algorithm": "AWS4-HMAC-SHA256",
    "x-amz-date": "20261122T163820Z",
  },
};

/** S3's answer to POST Object (success_action_status 201), plus the chunk's key. */
export const s3ChunkUploaded: S3ChunkResult = {
  PostResponse: {
    Location:
      "https://bynder-public-eu-central-1.s3.amazonaws.com/pluploads/api/ae68cb39-aff5-48fe-845a-58b2804546c1/Logo.png/p1",
    Bucket: "bynder-uploads",
    Key: "pluploads/api/ae68cb39-aff5-48fe-845a-58b2804546c1/Logo.png/p1",
    ETag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"',
  },
  filename: "pluploads/api/ae68cb39-aff5-48fe-845a-58b2804546c1/Logo.png/p1",
};

/** POST /api/v4/upload/ (a chunk registration) */
export const chunkRegistered = {
  status: "ok",
  chunkNumber: 1,
  filename: "pluploads/api/ae68cb39-aff5-48fe-845a-58b2804546c1/Logo.png/p1",
  targetid: "final/96c19f33-eb6d-4b4b-8ef9-faf208c21850/Logo.png",
};

/** POST /api/v4/upload/{uploadid}/ (finalise) */
export const finalised: FinaliseResponse = {
  output: "final/96c19f33-eb6d-4b4b-8ef9-faf208c21850/",
  batchId: "228EE80A-ED42-CE23-7387828A183ED711",
  file: {
    bucket: "bynder-uploads",
    path: "final/96c19f33-eb6d-4b4b-8ef9-faf208c21850/Logo.png",
    type: "s3",
  },
  filename: "final/96c19f33-eb6d-4b4b-8ef9-faf208c21850/Logo.png",
  importId: "5AB1DA49-CE52-C330-E6FC82A034C35444",
  locationType: "s3",
  success: 1,
};

/** GET /api/v4/upload/poll/ once every item is done */
export const pollDone: PollState = {
  itemsDone: ["5AB1DA49-CE52-C330-E6FC82A034C35444"],
  itemsFailed: [],
  itemsRejected: [],
};

/** POST /api/v4/media/save/{importId}/ */
export const saved: SaveResponse = {
  mediaid: "4D588ACF-834C-8CEE-DE01A95C514BEBFB",
  batchId: "228EE80A-ED42-CE23-7387828A183ED711",
  success: true,
  mediaitems: [
    {
      original: "final/96c19f33-eb6d-4b4b-8ef9-faf208c21850/Logo.png",
      destination:
        "https://acme.bynder.com/s3/files/4D588ACF-834C-8CEE-DE01A95C514BEBFB/2CE1E1A6-3118-BC57-C19575286D24FBAF/Logo.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261122T163820Z&X-Amz-Expires=3600&X-Amz-Signature=363bf379d4b44373e5a3664926ed76723ba8c9eb7af5572de61b64fee647ba0a",
    },
    {
      original: "final/96c19f33-eb6d-4b4b-8ef9-faf208c21850/thul-Logo.png",
      destination: "https://acme.bynder.com/m/c046b90018c8235d/thul-Logo.png",
    },
  ],
};

/** POST /api/v4/media/{assetId}/save/{importId}/ */
export const versionSaved: SaveResponse = {
  ...saved,
  mediaid: "00B627BB-8054-44C0-A343FCF40BC790CD",
};

/** POST /api/v4/media/{assetId}/save/additional/{uploadid}/ (both itemId and mediaid, §9.5) */
export const additionalSaved: SaveResponse = {
  mediaid: "00B627BB-8054-44C0-A343FCF40BC790CD",
  itemId: "9E1A0D62-4C1B-7F3E-2A8B6C4D0E1F2A3B",
  batchId: "7C3D2E1F-0A9B-4C8D-9E0F1A2B3C4D5E6F",
  success: true,
  mediaitems: [
    {
      original: "final/2ba07d00-586a-4a44-b13c-c58598cfe828/Guidelines.pdf",
      destination:
        "https://acme.bynder.com/s3/files/00B627BB-8054-44C0-A343FCF40BC790CD/9E1A0D62-4C1B-7F3E-2A8B6C4D0E1F2A3B/Guidelines.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261122T163820Z&X-Amz-Expires=3600&X-Amz-Signature=0d6f3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c",
    },
  ],
};

/** Upload File */
export const uploadedFile: UploadFileResult = {
  mediaId: "A080C0EA-7B4C-39A7-5620C2768AA1FD50",
  importId: "D1F43712-969C-597C-B3CDE35CB0D142B4",
  batchId: "18B890F6-AEA1-3D89-DECC5C9BEE8BE9BD",
  fileName: "big.png",
  size: 6291456,
  chunks: 2,
  durationMs: 319,
};
