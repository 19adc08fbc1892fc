/** What each picklist returns from the emulator's seeded portal (captured, trimmed to two). */
import type { Element } from "@prismatic-io/spectral";

export const selectAsset: Element[] = [
  { key: "75D6FC50-CBB9-F309-4ECCA714CF1447EA", label: "Banner Launch 7" },
  { key: "A0201213-C469-BE09-016CAB63A4075195", label: "Banner Launch 23" },
];
export const selectBrand: Element[] = [
  { key: "DD8B71B4-1806-B89C-4027E15BDEA9307F", label: "Acme" },
  { key: "262DDF21-689E-26D4-8AE4D8B2498C3423", label: "Acme › Acme Online" },
];
export const selectCampaign: Element[] = [
  { key: "1ce97dc1-033f-4401-9591-5a7998d7d35b", label: "Holiday Season (HOLI)" },
  { key: "d016cf0f-bb22-4cd6-bb02-a2d89100ae05", label: "Rebrand 2025 (REBR)" },
];
export const selectCollection: Element[] = [
  { key: "84FECA65-9D42-B8C4-F8888B1A50E8A33D", label: "Brand Essentials" },
  { key: "FA5AD56F-021C-E839-BC174D59060D0240", label: "Press Room" },
];
export const selectJob: Element[] = [
  { key: "d31e71f9-5a6d-4fab-a8a6-01e22519d33b", label: "Banner social post #4 (JOB-1003)" },
  { key: "c2955acf-0628-460f-887d-f5392baf11c5", label: "Brand print production #9 (JOB-1008)" },
];
export const selectMetaproperty: Element[] = [
  { key: "48C27269-F744-F8B8-9E67E6008A8FB13D", label: "Asset status" },
  { key: "A7302AF5-CC64-3D1B-A50E41D0AC9426E4", label: "Channel" },
];
export const selectOrder: Element[] = [
  { key: "95004b70-13a5-418e-a76e-e6aea4c0315d", label: "ORD-20240001" },
  { key: "042fef7d-0a09-4d32-94e4-7598a71a4409", label: "ORD-20240002" },
];
export const selectSecurityProfile: Element[] = [
  { key: "A087EAF3-00B3-49C9-8706C4EBFB2627FD", label: "Administrator" },
  { key: "239126BD-675B-D122-3F5DB9E0278CDCB2", label: "External Agency" },
];
export const selectUser: Element[] = [
  { key: "7D3888CA-113F-2716-6505C581C461310C", label: "Ada Lovelace (ada.lovelace@acme.example)" },
  { key: "69C746E7-3FCC-669C-26EF41CAB9E2018E", label: "Alan Turing (alan.turing@acme.example)" },
];
export const selectTag: Element[] = [
  { key: "2508E848-F03A-B691-A570F63B0BDFAFC9", label: "2024" },
  { key: "00B3EDFE-A217-009D-0854047FC92056A0", label: "grassland" },
];
export const selectWorkflowUser: Element[] = [
  {
    key: "97234e9d-cc76-419a-8b7c-97843499aafe",
    label: "Ada Lovelace (ada.lovelace@acme.example)",
  },
  { key: "9f49d007-dda3-4cf5-bd0d-f4cefd47d7d2", label: "Alan Turing (alan.turing@acme.example)" },
];
export const selectMetapropertyOption: Element[] = [
  { key: "4B2C099D-8BAC-087B-ECF0DE1C1277D485", label: "Asia Pacific" },
  { key: "A47DB84C-1FD7-C95C-11F8A5E5D0722CD3", label: "Europe" },
];
