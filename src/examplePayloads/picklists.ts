/** What the picklists of src/dataSources/dependent.ts return from the emulator's seeded portal (trimmed to two). */
import type { Element } from "@prismatic-io/spectral";

export const selectJobStage: Element[] = [
  { key: "9b3c1d2e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", label: "1. Briefing (Approved)" },
  { key: "0c4d2e3f-5a6b-4c7d-9e8f-1a2b3c4d5e6f", label: "2. Design (Active)" },
];
export const selectOrderLine: Element[] = [
  { key: "3b7c9d1e-2f4a-4c6b-8d0e-1f2a3b4c5d6e", label: "Business cards × 250" },
  { key: "4c8d0e2f-3a5b-4d7c-9e1f-2a3b4c5d6e7f", label: "A4 poster × 5" },
];
export const selectQuarantinedAsset: Element[] = [
  { key: "6d99e2c2-7ed7-4d03-a480-743300ec18ce", label: "invoice.zip (INFECTED)" },
  { key: "535c52a2-e14a-460e-b8ba-7f12281ba71a", label: "press-kit.docx (SKIPPED, APPROVED)" },
];
