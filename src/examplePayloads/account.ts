/** Shaped like the emulator's real response to GET /api/v4/account/. */
export const account = {
  name: "Acme Corporation",
  defaultLanguage: "en_US",
  availableLanguages: ["en_US", "nl_NL", "de_DE"],
  timeZone: "Europe/Amsterdam",
  isOpenImageBank: 0,
};
