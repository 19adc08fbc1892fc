/**
 * The records an emulated portal keeps, close to Bynder's own shapes; times are epoch milliseconds
 * and each route formats them in its family's date style on the way out.
 */
import type { AssetType } from "./fileTypes";

export interface StoredFile {
  fileName: string;
  data: Buffer;
  contentType: string;
}

export interface MediaItem {
  id: string;
  type: "original" | "additional";
  version: number;
  active: boolean;
  file: StoredFile;
  dateCreated: number;
}

export interface Media {
  id: string;
  idHash: string;
  name: string;
  description: string;
  copyright: string;
  type: AssetType;
  brandId: string;
  subBrandId: string;
  extension: string[];
  fileSize: number;
  width: number;
  height: number;
  tags: string[];
  propertyOptions: string[];
  /**
   * Values of text, long text and date metaproperties, by metaproperty id. Replaced, never changed
   * in place, so the cached record JSON sees the change.
   */
  propertyValues?: Record<string, string>;
  dateCreated: number;
  dateModified: number;
  datePublished: number;
  userCreated: string;
  archive: 0 | 1;
  limited: 0 | 1;
  isPublic: 0 | 1;
  watermarked: 0 | 1;
  /** Lower-case uuid in `transformBaseUrl` (Bynder's DAT path id is not the v4 id). */
  transformId: string;
  items: MediaItem[];
  views: number;
  downloads: number;
}

export interface Brand {
  id: string;
  name: string;
  description: string;
  image: string;
  subBrands: { id: string; name: string; description: string; image: string }[];
}

export interface MetapropertyOption {
  id: string;
  name: string;
  label: string;
  zindex: number;
  isSelectable: 0 | 1;
  date: number;
  externalReference: string;
  linkedOptionIds: string[];
  /** Label per locale (`labels`); absent means none besides `label`. */
  labels?: Record<string, string>;
  description?: string;
  image?: string;
  hideByDefault?: 0 | 1;
}

export interface Metaproperty {
  id: string;
  name: string;
  label: string;
  type: "select" | "select2" | "autocomplete" | "text" | "longtext" | "date";
  zindex: number;
  isMultiselect: 0 | 1;
  isRequired: 0 | 1;
  isFilterable: 0 | 1;
  isEditable: 0 | 1;
  options: MetapropertyOption[];
}

export interface Collection {
  id: string;
  name: string;
  description: string;
  userId: string;
  isPublic: 0 | 1;
  mediaIds: string[];
  dateCreated: number;
  dateModified: number;
  views: number;
  /** Asset whose thumbnail is the collection's cover (`thumbnailAssetId`); else the first asset. */
  thumbnailAssetId?: string;
  shares: {
    recipients: string[];
    groups: string[];
    profiles: string[];
    collectionOptions: string;
    date: number;
    loginRequired?: boolean;
    dateStart?: number;
    dateEnd?: number;
    sendMail?: boolean;
    message?: string;
  }[];
}

export interface Tag {
  id: string;
  tag: string;
}

export interface User {
  id: string;
  username: string;
  email: string;
  firstname: string;
  lastname: string;
  profileId: string;
  active: boolean;
  isSSOOnly: boolean;
  language: string;
  timeZone: string;
  lastLogin: number;
  groups: { id: string; name: string }[];
  phoneNumber: string;
  companyName: string;
  department: string;
  job: string;
  password: string;
  extra: Record<string, string>;
}

export interface SecurityProfile {
  id: string;
  name: string;
  roles: string[];
}

export interface WorkflowUser {
  ID: string;
  userId: string;
}

export interface Campaign {
  ID: string;
  name: string;
  key: string;
  description: string;
  responsibleID: string;
  createdByID: string;
  presetID: string;
  dateStart: number | null;
  deadline: number | null;
  dateCreated: number;
  dateModified: number;
  closed: boolean;
  campaignMetaproperties: Record<string, unknown>;
}

export interface JobStage {
  id: string;
  position: number;
  name: string;
  status: "Idle" | "Active" | "Cancelled" | "Approved" | "NeedsChanges";
  responsibleID?: string;
  deadline?: number | null;
}

export interface Job {
  id: string;
  name: string;
  description: string;
  campaignID: string;
  accountableID: string;
  presetID: string;
  createdByID: string;
  deadline: number | null;
  dateCreated: number;
  dateModified: number;
  dateFinished: number | null;
  jobKey: string;
  stages: JobStage[];
  jobMetaproperties: Record<string, unknown>;
  mediaIds: string[];
  /** Files uploaded to the job itself (`POST /workflow-jobs/{id}/upload`), not to the asset bank. */
  files?: { mediaId: string; fileId: string; name: string; fileSize: number; assetId?: string }[];
}

export interface JobPreset {
  ID: string;
  name: string;
  stages: {
    ID: string;
    name: string;
    description: string;
    position: number;
    responsibleID: string;
  }[];
}

export interface OrderLine {
  id: string;
  productName: string;
  sku: string;
  quantity: number;
  itemPrice: number;
  /** Orderline approval (PATCH /api/store/orderproducts/{id}); Bynder reports "unknown" until set. */
  status?: "unknown" | "approved" | "rejected";
  customerReference?: string | null;
}

export interface Order {
  id: string;
  orderNumber: string;
  orderReference: string;
  status: string;
  username: string;
  netPrice: number;
  dateCreated: number;
  lines: OrderLine[];
  history: { status: string; message: string; trackingnumber: string; date: number }[];
}

export interface AssetUsage {
  id: string;
  assetId: string;
  integrationId: string;
  uri: string;
  additional: string;
  timestamp: number;
}

/** A registered third-party integration that asset usages are reported for (`integration_id`). */
export interface Integration {
  id: string;
  description: string;
}

/**
 * Services that are not on every Bynder plan. A switched-off one answers the way the emulator
 * models Bynder's "feature not enabled" refusal (see the route files that check it).
 */
export interface PortalFeatures {
  analytics: boolean;
  similaritySearch: boolean;
  videoStreaming: boolean;
  quarantine: boolean;
}

/** What an analytics event records (`/v7/analytics`); each feed renders it in its own shape. */
export type AnalyticsEventKind =
  "view" | "download" | "create" | "archive" | "remove" | "login" | "search" | "collectionView";

export interface AnalyticsEvent {
  /** A 24-hex event id (the v1 feeds' `id`); the v2 feeds show it as a uuid `eventId`. */
  id: string;
  kind: AnalyticsEventKind;
  dateTime: number;
  /** The acting user's v4 id ("" for an anonymous view). */
  userId: string;
  assetId?: string;
  collectionId?: string;
  /** Search terms (search events). */
  terms?: string[];
  /** Download reasons (download events). */
  downloadReasons?: string[];
}

/** An upload the antivirus scan held back (`/v7/quarantine`). */
export interface QuarantinedAsset {
  /** The quarantine record's id (a uuid; the id the bulk review takes). */
  id: string;
  /** The asset's id in the 8-4-4-4-12 form (the id the single review and the get take). */
  assetId: string;
  assetName: string;
  requesterId: string;
  scanStatus: "PENDING" | "CLEARED" | "INFECTED" | "SKIPPED";
  dateAdded: number;
  dateModified: number;
  fileType: string;
  fileSize: number;
  scanFailureReason: string | null;
  reviewStatus: "APPROVED" | "REJECTED" | null;
  reviewedById: string | null;
  isRemoved: boolean;
}

export interface DeletedMedia {
  media: Media;
  dateRemoved: number;
  /** Who deleted it (the token's user), for the trash's username/userId. */
  userId?: string;
}

export const ORDER_STATUSES = [
  "IN_PROGRESS",
  "CANCELED",
  "FAILED",
  "WAITING_FOR_PAYMENT",
  "FOR_ORDER",
  "IN_PRODUCTION",
  "PRODUCTION_SUSPENDED",
  "OUT_FOR_DELIVERY",
  "FINISHED",
] as const;
