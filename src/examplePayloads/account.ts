/** Shaped like the emulator's real response to GET /api/v4/account/. */
export const account = {
  name: "Acme Corporation",
  defaultLanguage: "en_US",
  availableLanguages: ["en_US", "nl_NL", "de_DE"],
  timeZone: "Europe/Amsterdam",
  isOpenImageBank: 0,
};

/** GET /api/v4/brands/ (trimmed to one brand). */
export const brands = [
  {
    id: "DD8B71B4-1806-B89C-4027E15BDEA9307F",
    name: "Acme",
    description: "Acme brand guidelines and assets",
    image: "https://acme-cdn.example/brands/acme.png",
    subBrands: [
      {
        id: "CB9321DC-CAB4-D44A-3886C22A18A4B149",
        name: "Acme Retail",
        description: "Retail channel of Acme",
        image: "",
      },
    ],
  },
];

/** GET /api/v4/account/derivatives/ (trimmed to two presets). */
export const derivatives = [
  {
    prefix: "thul",
    width: 250,
    height: 250,
    dpi: 72,
    isCrop: 0,
    isOnTheFly: 0,
    isExtent: 0,
    isPublic: 0,
    allowedTypes: ["image", "video", "document"],
  },
  {
    prefix: "social_square",
    width: 1080,
    height: 1080,
    dpi: 72,
    isCrop: 1,
    isOnTheFly: 1,
    isExtent: 0,
    isPublic: 1,
    allowedTypes: ["image"],
  },
];
