/** What the picklists of src/picklists.ts return from the emulator's seeded portal (trimmed to two). */
import type { Element } from "@prismatic-io/spectral";

export const selectJobStage: Element[] = [
  { key: "9b3c1d2e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", label: "1. Briefing (Approved)" },
  { key: "0c4d2e3f-5a6b-4c7d-9e8f-1a2b3c4d5e6f", label: "2. Design (Active)" },
];
export const selectQuarantinedAsset: Element[] = [
  { key: "6d99e2c2-7ed7-4d03-a480-743300ec18ce", label: "invoice.zip (INFECTED)" },
  { key: "535c52a2-e14a-460e-b8ba-7f12281ba71a", label: "press-kit.docx (SKIPPED, APPROVED)" },
];
