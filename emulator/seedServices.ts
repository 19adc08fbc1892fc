/**
 * Fixtures of the newer services: analytics events and quarantined uploads. Their ids are derived
 * from the seeded records (no draws from the portal's PRNG, so every other fixture keeps its id).
 */
import type { AnalyticsEvent, AnalyticsEventKind, Portal } from "./portal";
import { sha256, uuid } from "./util";

const HOUR = 60 * 60 * 1000;

const derivedHex = (...parts: (string | number)[]) => sha256(parts.join("\u0000"));

/** A few events of every kind on the seeded assets, users and collections, an hour or more apart. */
export const seedAnalytics = (portal: Portal): void => {
  const assets = [...portal.media.values()].slice(0, 12);
  const users = [...portal.users.keys()];
  const collections = [...portal.collections.keys()];
  const start = portal.now() - 30 * 24 * HOUR;
  const events: AnalyticsEvent[] = [];
  const add = (kind: AnalyticsEventKind, extra: Partial<AnalyticsEvent> = {}) => {
    const n = events.length;
    events.push({
      id: derivedHex("analytics", n).slice(0, 24),
      kind,
      dateTime: start + n * HOUR + (n % 7) * 1000 + 781,
      userId: users.length ? users[n % users.length] : "",
      ...extra,
    });
  };
  assets.forEach((asset, i) => {
    add("create", { assetId: asset.id });
    add("view", { assetId: asset.id });
    add("view", { assetId: asset.id });
    add("download", { assetId: asset.id, downloadReasons: i % 2 ? ["Social media"] : [] });
    if (i % 4 === 3) add("archive", { assetId: asset.id });
  });
  if (assets.length) add("remove", { assetId: assets[assets.length - 1].id });
  users.forEach(() => add("login"));
  ["logo", "summer banner", "team"].forEach((term) => add("search", { terms: term.split(" ") }));
  collections.slice(0, 3).forEach((collectionId) => add("collectionView", { collectionId }));
  portal.analyticsEvents = events;
};

/** Three uploads held by the antivirus scan: one pending, one infected, one already reviewed. */
export const seedQuarantine = (portal: Portal): void => {
  const reviewer = [...portal.users.keys()][0] ?? "";
  const start = portal.now() - 2 * 24 * HOUR;
  const rows = [
    {
      name: "vendor-brochure.pdf",
      scanStatus: "PENDING",
      fileType: "application/pdf",
      review: null,
    },
    { name: "invoice.zip", scanStatus: "INFECTED", fileType: "application/zip", review: null },
    { name: "press-kit.docx", scanStatus: "SKIPPED", fileType: "None", review: "APPROVED" },
  ] as const;
  rows.forEach((row, i) => {
    const id = uuid(derivedHex("quarantine", i));
    portal.quarantine.set(id, {
      id,
      assetId: uuid(derivedHex("quarantined asset", i)),
      assetName: row.name,
      requesterId: uuid(derivedHex("requester", reviewer)),
      scanStatus: row.scanStatus,
      dateAdded: start + i * HOUR,
      dateModified: start + i * HOUR + 9000,
      fileType: row.fileType,
      fileSize: row.fileType === "None" ? 0 : 48_213 * (i + 1),
      scanFailureReason: row.scanStatus === "SKIPPED" ? "client_error" : null,
      reviewStatus: row.review,
      reviewedById: row.review ? uuid(derivedHex("requester", reviewer)) : null,
      isRemoved: false,
    });
  });
};
