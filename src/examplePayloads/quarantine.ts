/**
 * Shaped like the emulator's real responses to /v7/quarantine/v1: a reviewed entry (one not yet
 * reviewed has null in reviewStatus, reviewedById and scanFailureReason).
 */
export const quarantinedAsset = {
  id: "a69f3104-0107-48af-a522-b437cd700b34",
  accountId: "9c06c1e3-f0cb-427a-88f0-a545c475047f",
  assetId: "5c554910-11f4-49a3-b7bf-04c21c99af05",
  assetName: "press-kit.docx",
  requesterId: "0b403671-8047-4fb9-9c59-ab4273973fb5",
  scanStatus: "SKIPPED",
  dateAdded: "2024-06-28T10:42:02",
  dateModified: "2024-06-28T10:42:11",
  uploadEventType: "LEGACY",
  fileType: "None",
  fileSize: 0,
  scanFailureReason: "client_error",
  reviewStatus: "APPROVED",
  reviewedById: "0b403671-8047-4fb9-9c59-ab4273973fb5",
  isRemoved: false,
  isSafe: true,
};

export const quarantinedAssets = { totalCount: 1, assets: [quarantinedAsset] };

/** Bynder answers a review with an empty object. */
export const reviewed = {};
