/**
 * The state of one emulated Bynder portal: its records (their shapes in `records.ts`, re-exported
 * here), tokens, OAuth grants, uploads and the views derived from the records, so that one portal
 * object is everything an emulator holds, and `close()` frees what it runs.
 */
import type { TokenInfo } from "./http";
import { UploadState } from "./uploads";
import { cfId, prng, randomHex, uuid, type Prng } from "./util";
import { PortalWebhooks } from "./webhooks";
import type {
  Media,
  Brand,
  Metaproperty,
  Collection,
  Tag,
  User,
  SecurityProfile,
  WorkflowUser,
  Campaign,
  Job,
  JobPreset,
  Order,
  AssetUsage,
  Integration,
  PortalFeatures,
  AnalyticsEvent,
  QuarantinedAsset,
  DeletedMedia,
} from "./records";

export * from "./records";

export const ALL_SCOPES = [
  "offline",
  "asset:read",
  "asset:write",
  "asset.usage:read",
  "asset.usage:write",
  "collection:read",
  "collection:write",
  "current.user:read",
  "current.profile:read",
  "workflow.campaign:read",
  "workflow.campaign:write",
  "workflow.job:read",
  "workflow.job:write",
  "workflow.preset:read",
  "workflow.group:read",
  "brandstore.order:read",
  "brandstore.order:write",
  "meta.assetbank:read",
  "meta.assetbank:write",
  "meta.workflow:read",
  "admin.profile:read",
  "admin.user:read",
  "admin.user:write",
  "workflow.job:approve",
  "analytics.api:read",
  "antivirus.asset.audit:read",
  "antivirus.asset.audit:write",
  "webhooks.config:read",
  "webhooks.config:write",
];

/** What an authorization code or a refresh token grants. */
export interface Grant {
  clientId: string;
  scopes: string[];
  userId: string;
}

export interface AuthorizationCode extends Grant {
  redirectUri: string;
  expiresAt: number;
}

/** All media sorted one way (`mediaQuery.ts`), valid while the media map and sort keys are. */
export interface SortedMedia {
  items: Media[];
  /** Each item's sort key when the view was built. */
  keys: (number | string)[];
  version: number;
}

/** Views derived from the records, each checked for staleness where it is used. */
export interface PortalCaches {
  /** media id → its list JSON text and the values it was built from (`mediaJson.ts`) */
  mediaJson: Map<string, { media: Media; inputs: unknown[]; text: string }>;
  /** "field asc|desc" → all media sorted so (`mediaQuery.ts`) */
  sortedMedia: Map<string, SortedMedia>;
  /** lower-case transformId or idHash → media id (`media.ts`) */
  mediaIdBy: Partial<Record<"transformId" | "idHash", Map<string, string>>>;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  userId: string;
  redirectUris: string[];
}

/** A Map that counts its changes, so a view built from it can tell cheaply that it is stale. */
export class VersionedMap<K, V> extends Map<K, V> {
  version = 0;
  override set(key: K, value: V): this {
    this.version++;
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.version++;
    return super.delete(key);
  }
  override clear(): void {
    this.version++;
    super.clear();
  }
}

/** A square derivative of `side` pixels at 72 dpi, as Bynder's default thumbnails are. */
const thumbnailDerivative = (prefix: string, side: number) => ({
  prefix,
  width: side,
  height: side,
  dpi: 72,
  isCrop: 0,
  isOnTheFly: 0,
  isExtent: 0,
  isPublic: 0,
  allowedTypes: ["image", "video", "document"],
});

/** Everything one portal holds; routes read and change it, tests snapshot it. */
export class Portal {
  /** The emulator's clock; tests may replace it to land edits at exact times. */
  now: () => number = () => Date.now();
  /**
   * Whether tagging assets through the tags endpoint (POST/DELETE /api/v4/tags/{id}/media) moves
   * their dateModified. UNCONFIRMED for Bynder (its `meta_updated` webhook event does fire), so
   * the emulator does either: true (the default) moves it, false leaves it.
   */
  tagEndpointMovesDateModified = true;
  readonly random: Prng;
  account = {
    name: "Acme Corporation",
    defaultLanguage: "en_US",
    availableLanguages: ["en_US", "nl_NL", "de_DE"],
    timeZone: "Europe/Amsterdam",
    isOpenImageBank: 0,
  };
  apps: OAuthApp[] = [];
  brands: Brand[] = [];
  media = new VersionedMap<string, Media>();
  trash: DeletedMedia[] = [];
  metaproperties: Metaproperty[] = [];
  collections = new Map<string, Collection>();
  tags = new Map<string, Tag>();
  users = new Map<string, User>();
  profiles: SecurityProfile[] = [];
  workflowUsers: WorkflowUser[] = [];
  campaigns = new Map<string, Campaign>();
  jobs = new Map<string, Job>();
  presets: JobPreset[] = [];
  orders: Order[] = [];
  usages: AssetUsage[] = [];
  integrations: Integration[] = [];
  features: PortalFeatures = {
    analytics: true,
    similaritySearch: true,
    videoStreaming: true,
    quarantine: true,
  };
  analyticsEvents: AnalyticsEvent[] = [];
  quarantine = new Map<string, QuarantinedAsset>();
  /** Webhook configurations and the SNS that delivers their events (`webhooks.ts`). */
  readonly webhooks = new PortalWebhooks();
  /** The account's derivatives: three square thumbnails, and one public on-the-fly crop. */
  derivatives = [
    thumbnailDerivative("mini", 80),
    thumbnailDerivative("thul", 250),
    thumbnailDerivative("webimage", 800),
    {
      ...thumbnailDerivative("social_square", 1080),
      isCrop: 1,
      isOnTheFly: 1,
      isPublic: 1,
      allowedTypes: ["image"],
    },
  ];

  /** Issued access tokens (the OAuth routes add to it; tests may expire them). */
  readonly tokens = new Map<string, TokenInfo>();
  /** Outstanding authorization codes and refresh tokens. */
  readonly oauth = {
    codes: new Map<string, AuthorizationCode>(),
    refreshTokens: new Map<string, Grant>(),
  };
  /** S3, uploads and imports. */
  readonly uploads = new UploadState(
    () => this.now(),
    () => this.cfId(),
  );
  /** The key that signs download URLs (`downloads.ts`). */
  readonly downloadSecret = randomHex(32);
  readonly caches: PortalCaches = {
    mediaJson: new Map(),
    sortedMedia: new Map(),
    mediaIdBy: {},
  };

  constructor(seed = 1) {
    this.random = prng(seed);
  }

  /** A new access token with these scopes, for the OAuth app's user unless `grant` says whose. */
  issueToken(
    scopes: readonly string[],
    ttlSeconds: number,
    grant: Omit<Grant, "scopes"> = {
      clientId: this.apps[0].clientId,
      userId: this.defaultUserId(),
    },
  ): string {
    const token = this.secret(32);
    this.tokens.set(token, {
      token,
      clientId: grant.clientId,
      scopes: new Set(scopes),
      userId: grant.userId,
      expiresAt: Date.now() + ttlSeconds * 1000,
    });
    return token;
  }

  /** Stops what the portal runs (S3's hashing thread). */
  async close(): Promise<void> {
    await Promise.all([this.uploads.close(), this.webhooks.close()]);
  }

  /** A new v4 id (8-4-4-16) */
  cfId(): string {
    return cfId(this.random.hex(32));
  }
  /** A new workflow id (8-4-4-4-12) */
  uuid(): string {
    return uuid(this.random.hex(32));
  }
  /** Ids handed to the outside that must not be guessable (tokens, upload ids). */
  secret(bytes = 24): string {
    return randomHex(bytes);
  }

  defaultUserId(): string {
    return this.apps[0]?.userId ?? [...this.users.keys()][0];
  }

  /** Mark a record modified now; Bynder reports whole seconds. */
  touch<T extends { dateModified: number }>(record: T): T {
    record.dateModified = this.now();
    return record;
  }
}
