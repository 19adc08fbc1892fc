/**
 * Raw Request returns Bynder's response body as it is. Shaped like the emulator's real answer to
 * the Raw Request `GET /v4/account/` (https://<portal>/api/v4/account/).
 */
export const rawAccount = {
  name: "Acme Corporation",
  defaultLanguage: "en_US",
  availableLanguages: ["en_US", "nl_NL", "de_DE"],
  timeZone: "Europe/Amsterdam",
  isOpenImageBank: 0,
};
