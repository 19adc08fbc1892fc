/** Shaped like the emulator's real responses to the metaproperty and option calls (trimmed). */

/** An option inside GET /api/v4/metaproperties(/{id}): ColdFusion date style. */
const option = {
  id: "3EC9452B-8939-E641-C32C63FFCB598434",
  name: "Marketing",
  label: "Marketing",
  displayLabel: "Marketing",
  labels: { en_US: "Marketing" } as Record<string, string>,
  zindex: 1,
  isSelectable: 1,
  active: 1,
  date: "December, 02 2023 00:00:00 +0000",
  linkedOptionIds: [] as string[],
  image: "",
  description: "",
  descriptions: {} as Record<string, string>,
  hideByDefault: 0,
  product_suffix: "",
  pregeneratedZipFileSize: 0,
};

/** GET /api/v4/metaproperties/{id}/ */
export const metaproperty = {
  id: "869FF26E-6D86-786A-AFB6455158475CF1",
  name: "Department",
  label: "Department",
  type: "select",
  zindex: 1,
  isMultiselect: 0,
  isMultifilter: 0,
  isRequired: 0,
  isMainfilter: 1,
  isFilterable: 1,
  isApiField: 1,
  isDisplayField: 0,
  isDrilldown: 0,
  isEditable: 1,
  showInListView: 1,
  showInGridView: 0,
  showInDuplicateView: 0,
  useDependencies: 0,
  options: [
    option,
    {
      ...option,
      id: "0CF29CB4-3568-94D9-A1B8893DA55DBA09",
      name: "Sales",
      label: "Sales",
      displayLabel: "Sales",
      labels: { en_US: "Sales" },
      zindex: 2,
    },
  ],
};

/** GET /api/v4/metaproperties/: an object keyed by metaproperty name. */
export const metaproperties: Record<string, typeof metaproperty> = { Department: metaproperty };

/** GET /api/v4/metaproperties/{id}/options/: `+00:00` date style, fewer fields. */
export const metapropertyOptions = [
  {
    id: "3EC9452B-8939-E641-C32C63FFCB598434",
    name: "Marketing",
    label: "Marketing",
    displayLabel: "Marketing",
    labels: { en_US: "Marketing" } as Record<string, string>,
    active: 1,
    date: "2023-12-02T00:00:00+00:00",
  },
  {
    id: "0CF29CB4-3568-94D9-A1B8893DA55DBA09",
    name: "Sales",
    label: "Sales",
    displayLabel: "Sales",
    labels: { en_US: "Sales" } as Record<string, string>,
    active: 1,
    date: "2023-12-02T00:00:00+00:00",
  },
];

/** POST /api/v4/metaproperties/{id}/options/ → 201 with the new option's id. */
export const createdOption = {
  message: "Created",
  statuscode: 201,
  id: "5A1F0C3E-9B2D-4E7A-8C6B1D2E3F4A5B6C",
};

/** Bynder's 201 envelope (option modified; options added to an asset). */
export const created = { message: "Created", statuscode: 201 };

/** POST /api/v4/metaproperties/ → 201 with the new metaproperty's id. */
export const createdMetaproperty = {
  message: "Created",
  statuscode: 201,
  id: "7D2A9F14-3B6C-4E81-9A0F5C3D2E1B4A6F",
};

/** Set Asset Metaproperty Values: Bynder's 202 and what each row was resolved to. */
export const setAssetMetaproperties = {
  message: "Accepted",
  statuscode: 202,
  assetId: "00B627BB-8054-44C0-A343FCF40BC790CD",
  values: [
    {
      metapropertyId: "7D2A9F14-3B6C-4E81-9A0F5C3D2E1B4A6F",
      name: "Gelato_URL",
      type: "text",
      value: "https://dam.example.com/assets/42",
      optionIds: [] as string[],
      optionNames: [] as string[],
    },
    {
      metapropertyId: "869FF26E-6D86-786A-AFB6455158475CF1",
      name: "Department",
      type: "select",
      value: "3EC9452B-8939-E641-C32C63FFCB598434",
      optionIds: ["3EC9452B-8939-E641-C32C63FFCB598434"],
      optionNames: ["Marketing"],
    },
  ],
};
