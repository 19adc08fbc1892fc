/** What the picklists of src/picklists.ts return from the emulator's seeded portal (trimmed to two). */
import type { Element } from "@prismatic-io/spectral";

export const selectQuarantinedAsset: Element[] = [
  { key: "6d99e2c2-7ed7-4d03-a480-743300ec18ce", label: "invoice.zip (INFECTED)" },
  { key: "535c52a2-e14a-460e-b8ba-7f12281ba71a", label: "press-kit.docx (SKIPPED, APPROVED)" },
];
