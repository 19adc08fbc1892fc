/** Deterministic fixtures of a realistic portal, and a fast bulk seeder for benchmarks. */
import type { AssetType } from "./fileTypes";
import type { Media, Portal } from "./portal";
import { ORDER_STATUSES } from "./portal";
import { MANAGE_WEBHOOKS_ROLE } from "./webhooks";

export interface SeedOptions {
  /** Number of assets (default 60). 100,000 seed in about a second and a half. */
  assets?: number;
  /** OAuth app credentials; random when omitted. */
  clientId?: string;
  clientSecret?: string;
}

const DAY = 24 * 60 * 60 * 1000;
const SEED_EPOCH = Date.UTC(2024, 0, 1);
const WORDS = [
  "Summer",
  "Campaign",
  "Logo",
  "Banner",
  "Product",
  "Team",
  "Office",
  "Launch",
  "Brand",
  "Poster",
  "Hero",
  "Spring",
  "Event",
  "Store",
  "Catalog",
  "Portrait",
];
const TYPES: { type: AssetType; ext: string }[] = [
  { type: "image", ext: "jpg" },
  { type: "image", ext: "png" },
  { type: "document", ext: "pdf" },
  { type: "video", ext: "mp4" },
  { type: "audio", ext: "mp3" },
];

export const seedPortal = (portal: Portal, options: SeedOptions = {}): Portal => {
  const r = portal.random;
  const now = portal.now();

  portal.profiles = [
    {
      id: portal.cfId(),
      name: "Administrator",
      roles: [
        "MEDIAOVERVIEW",
        "MEDIAHIGHRES",
        "MEDIAEDIT",
        "MEDIAREMOVE",
        "MEDIAUPLOAD",
        "MARKPUBLIC",
        "USERMANAGEMENT",
        "STATISTICS",
        "CAMPAIGNOVERVIEW",
        "CAMPAIGNADD",
        "CAMPAIGNEDIT",
        "CAMPAIGNREMOVE",
        "JOBOVERVIEW",
        "JOBADD",
        "JOBEDIT",
        "JOBREMOVE",
        MANAGE_WEBHOOKS_ROLE,
      ],
    },
    {
      id: portal.cfId(),
      name: "Marketing Editor",
      roles: [
        "MEDIAOVERVIEW",
        "MEDIAHIGHRES",
        "MEDIAEDIT",
        "MEDIAUPLOAD",
        "CAMPAIGNOVERVIEW",
        "JOBOVERVIEW",
      ],
    },
    { id: portal.cfId(), name: "Viewer", roles: ["MEDIAOVERVIEW"] },
    {
      id: portal.cfId(),
      name: "External Agency",
      roles: ["MEDIAOVERVIEW", "MEDIAHIGHRES", "JOBOVERVIEW"],
    },
  ];

  const people = [
    ["Ada", "Lovelace"],
    ["Grace", "Hopper"],
    ["Alan", "Turing"],
    ["Edsger", "Dijkstra"],
    ["Barbara", "Liskov"],
    ["Ken", "Thompson"],
    ["Margaret", "Hamilton"],
    ["Linus", "Torvalds"],
  ];
  people.forEach(([firstname, lastname], i) => {
    const id = portal.cfId();
    const username = `${firstname.toLowerCase()}.${lastname.toLowerCase()}@acme.example`;
    portal.users.set(id, {
      id,
      username,
      email: username,
      firstname,
      lastname,
      profileId: portal.profiles[i === 0 ? 0 : 1 + (i % 3)].id,
      active: i !== 7,
      isSSOOnly: false,
      language: "en_US",
      timeZone: "Europe/Amsterdam",
      lastLogin: now - i * DAY,
      groups: [{ id: portal.cfId(), name: i % 2 ? "Marketing" : "Design" }],
      phoneNumber: `+31 20 555 01${String(i).padStart(2, "0")}`,
      companyName: "Acme Corporation",
      department: i % 2 ? "Marketing" : "Design",
      job: i === 0 ? "DAM administrator" : "Designer",
      password: "seeded-password",
      extra: {},
    });
    portal.workflowUsers.push({ ID: portal.uuid(), userId: id });
  });
  const userIds = [...portal.users.keys()];

  portal.apps.push({
    clientId: options.clientId ?? portal.uuid(),
    clientSecret: options.clientSecret ?? portal.secret(24),
    userId: userIds[0],
    redirectUris: [],
  });

  portal.brands = ["Acme", "Acme Outdoor", "Acme Kids"].map((name) => ({
    id: portal.cfId(),
    name,
    description: `${name} brand guidelines and assets`,
    image: `https://acme-cdn.example/brands/${name.toLowerCase().replace(/ /g, "-")}.png`,
    subBrands: ["Retail", "Online"].map((sub) => ({
      id: portal.cfId(),
      name: `${name} ${sub}`,
      description: `${sub} channel of ${name}`,
      image: "",
    })),
  }));

  const metaDefs: [string, string, string[]][] = [
    ["Department", "Department", ["Marketing", "Sales", "Design", "Legal"]],
    ["Region", "Region", ["Europe", "North America", "Asia Pacific"]],
    ["City", "City", ["Amsterdam", "Rotterdam", "Boston", "Singapore"]],
    ["AssetStatus", "Asset status", ["Draft", "Approved", "Archived"]],
    ["Channel", "Channel", ["Web", "Print", "Social", "Email"]],
  ];
  portal.metaproperties = metaDefs.map(([name, label, options], i) => ({
    id: portal.cfId(),
    name,
    label,
    type: "select",
    zindex: i + 1,
    isMultiselect: name === "Channel" ? 1 : 0,
    isRequired: 0,
    isFilterable: 1,
    isEditable: 1,
    options: options.map((option, j) => ({
      id: portal.cfId(),
      name: option.replace(/ /g, "_"),
      label: option,
      zindex: j + 1,
      isSelectable: 1,
      date: SEED_EPOCH - 30 * DAY,
      externalReference: "",
      linkedOptionIds: [],
      labels: { en_US: option },
    })),
  }));

  for (const word of [
    "summer",
    "logo",
    "product",
    "team",
    "print",
    "social",
    "2024",
    "launch",
    "holland",
    "scenery",
    "grassland",
    "hero",
  ]) {
    const id = portal.cfId();
    portal.tags.set(id, { id, tag: word });
  }

  seedAssets(portal, options.assets ?? 60, r.int(0, 1000));

  const mediaIds = [...portal.media.keys()];
  [
    "Summer Campaign 2024",
    "Brand Essentials",
    "Product Shots",
    "Social Media Kit",
    "Press Room",
  ].forEach((name, i) => {
    const id = portal.cfId();
    const dateCreated = SEED_EPOCH + i * 7 * DAY;
    portal.collections.set(id, {
      id,
      name,
      description: `${name} collection`,
      userId: userIds[i % userIds.length],
      isPublic: i % 2 === 0 ? 1 : 0,
      mediaIds: mediaIds.slice(i * 5, i * 5 + 4 + i),
      dateCreated,
      dateModified: dateCreated + DAY,
      views: 10 * (i + 1),
      shares: [],
    });
  });

  portal.presets = ["Print production", "Social post"].map((name) => ({
    ID: portal.uuid(),
    name,
    stages: ["Brief", "Design", "Review", "Approval"].map((stage, position) => ({
      ID: portal.uuid(),
      name: stage,
      description: `${stage} stage`,
      position: position + 1,
      responsibleID: portal.workflowUsers[position % portal.workflowUsers.length].ID,
    })),
  }));

  const wf = portal.workflowUsers;
  ["Spring Launch", "Holiday Season", "Rebrand 2025"].forEach((name, i) => {
    const ID = portal.uuid();
    const dateCreated = SEED_EPOCH + i * 10 * DAY;
    portal.campaigns.set(ID, {
      ID,
      name,
      key: name
        .replace(/[^A-Z]/gi, "")
        .slice(0, 4)
        .toUpperCase(),
      description: `${name} campaign`,
      responsibleID: wf[i].ID,
      createdByID: wf[0].ID,
      presetID: "",
      dateStart: dateCreated,
      deadline: dateCreated + 60 * DAY,
      dateCreated,
      dateModified: dateCreated + DAY,
      closed: false,
      campaignMetaproperties: {},
    });
  });
  const campaignIds = [...portal.campaigns.keys()];

  for (let i = 0; i < 12; i++) {
    const id = portal.uuid();
    const preset = portal.presets[i % 2];
    const dateCreated = SEED_EPOCH + i * 3 * DAY;
    portal.jobs.set(id, {
      id,
      name: `${WORDS[i % WORDS.length]} ${preset.name.toLowerCase()} #${i + 1}`,
      description: `Job ${i + 1}`,
      campaignID: campaignIds[i % campaignIds.length],
      accountableID: wf[i % wf.length].ID,
      presetID: preset.ID,
      createdByID: wf[0].ID,
      deadline: dateCreated + 14 * DAY,
      dateCreated,
      dateModified: dateCreated + DAY,
      dateFinished: null,
      jobKey: `JOB-${1000 + i}`,
      stages: preset.stages.map((stage, position) => ({
        id: portal.uuid(),
        position: position + 1,
        name: stage.name,
        status: position === 0 ? "Active" : "Idle",
        responsibleID: stage.responsibleID,
      })),
      jobMetaproperties: {},
      mediaIds: mediaIds.slice(i, i + 2),
    });
  }

  for (let i = 0; i < 23; i++) {
    portal.orders.push({
      id: portal.uuid(),
      orderNumber: String(20240001 + i),
      orderReference: `ORD-${20240001 + i}`,
      status: ORDER_STATUSES[i % ORDER_STATUSES.length],
      username: portal.users.get(userIds[i % userIds.length])!.username,
      netPrice: 25 + i * 5,
      dateCreated: SEED_EPOCH + i * 2 * DAY,
      lines: [
        {
          id: portal.uuid(),
          productName: "Business cards",
          sku: `BC-${100 + i}`,
          quantity: 250,
          itemPrice: 0.1,
        },
        {
          id: portal.uuid(),
          productName: "A4 poster",
          sku: `PO-${200 + i}`,
          quantity: 5,
          itemPrice: 2.5,
        },
      ],
      history: [],
    });
  }

  // Integrations that asset usage is reported for (Bynder registers them per portal on request).
  portal.integrations = ["Acme Website CMS", "Acme Newsletter"].map((description) => ({
    id: portal.uuid(),
    description,
  }));
  return portal;
};

/**
 * Adds `count` assets quickly (no per-asset file bytes until someone asks for one). Dates spread
 * over the year before the portal's clock so change polling has history to skip.
 */
export const seedAssets = (portal: Portal, count: number, offset = 0): Media[] => {
  const r = portal.random;
  const now = portal.now();
  const userIds = [...portal.users.keys()];
  const tags = [...portal.tags.values()].map((t) => t.tag);
  const added: Media[] = [];
  for (let i = 0; i < count; i++) {
    const kind = TYPES[(i + offset) % TYPES.length];
    const brand = portal.brands[i % portal.brands.length];
    const dateCreated = now - 365 * DAY + Math.floor((i / Math.max(count, 1)) * 300 * DAY);
    const name = `${WORDS[(i + offset) % WORDS.length]} ${WORDS[(i * 7 + offset) % WORDS.length]} ${i + 1}`;
    const id = portal.cfId();
    const options = portal.metaproperties
      .map((mp) => mp.options[(i + offset) % mp.options.length].id)
      .slice(0, 1 + (i % 3));
    const media: Media = {
      id,
      idHash: r.hex(16),
      name,
      description: `${name} (${kind.type})`,
      copyright: "© Acme Corporation",
      type: kind.type,
      brandId: brand.id,
      subBrandId: i % 3 === 0 ? brand.subBrands[0].id : "",
      extension: [kind.ext],
      fileSize: 20_000 + ((i * 7919) % 5_000_000),
      width: kind.type === "image" || kind.type === "video" ? 800 + (i % 5) * 400 : 0,
      height: kind.type === "image" || kind.type === "video" ? 600 + (i % 4) * 300 : 0,
      tags: tags.length ? [tags[i % tags.length], tags[(i * 3 + 1) % tags.length]] : [],
      propertyOptions: options,
      dateCreated,
      dateModified: dateCreated + (i % 4) * DAY,
      datePublished: dateCreated,
      userCreated: portal.users.get(userIds[i % userIds.length])?.username ?? "",
      archive: 0,
      limited: 0,
      isPublic: i % 10 === 0 ? 1 : 0,
      watermarked: 0,
      transformId: portal.uuid(),
      items: [],
      views: i % 50,
      downloads: i % 7,
    };
    portal.media.set(id, media);
    added.push(media);
  }
  return added;
};
