/** Shaped like the emulator's real responses to the workflow campaign and user calls. */
export const campaign = {
  ID: "4df15192-d208-4ee9-9ae8-41239c7ca1af",
  name: "Spring Launch",
  key: "SPRI",
  closed: false,
  description: "Spring Launch campaign",
  dateStart: "2024-01-01T00:00:00+00:00",
  deadline: "2024-03-01T00:00:00",
  accountID: "8998de3b-3ad3-4f6d-bb2e-342cddbaac16",
  presetID: null,
  createdByID: "97234e9d-cc76-419a-8b7c-97843499aafe",
  responsibleID: "97234e9d-cc76-419a-8b7c-97843499aafe",
  dateCreated: "2024-01-01T00:00:00+00:00",
  dateModified: "2024-01-02T00:00:00+00:00",
  thumbnailURL:
    "https://acme-cdn.example/workflow/campaign/4df15192-d208-4ee9-9ae8-41239c7ca1af/500x500.jpg",
  campaignMetaproperties: {},
};

export const campaignList = [
  campaign,
  {
    ID: "1ce97dc1-033f-4401-9591-5a7998d7d35b",
    name: "Holiday Season",
    key: "HOLI",
    closed: false,
    description: "Holiday Season campaign",
    dateStart: "2024-01-11T00:00:00+00:00",
    deadline: "2024-03-11T00:00:00",
    accountID: "8998de3b-3ad3-4f6d-bb2e-342cddbaac16",
    presetID: null,
    createdByID: "97234e9d-cc76-419a-8b7c-97843499aafe",
    responsibleID: "3d44f2dc-c1ca-4639-a73c-c3b352c5dc6c",
    dateCreated: "2024-01-11T00:00:00+00:00",
    dateModified: "2024-01-12T00:00:00+00:00",
    thumbnailURL:
      "https://acme-cdn.example/workflow/campaign/1ce97dc1-033f-4401-9591-5a7998d7d35b/500x500.jpg",
    campaignMetaproperties: {},
  },
];

/** POST /api/workflow/campaigns/ answers 201 with the new id, 32 hex digits without dashes. */
export const createdCampaign = {
  id: "ae68cb39aff548fe845a58b2804546c1",
};

/** PUT answers 201 with the id in the same dashless form. */
export const updatedCampaign = {
  id: "4df15192d2084ee99ae841239c7ca1af",
};

/** Delete and close answer 204 No Content: the body is empty. */
export const deletedCampaign = "";
export const closedCampaign = "";

export const workflowUsers = [
  {
    ID: "97234e9d-cc76-419a-8b7c-97843499aafe",
    fullname: "Ada Lovelace",
    BynderUser: {
      firstName: "Ada",
      lastName: "Lovelace",
      infix: "",
      email: "ada.lovelace@acme.example",
      id: "7D3888CA-113F-2716-6505C581C461310C",
    },
  },
  {
    ID: "3d44f2dc-c1ca-4639-a73c-c3b352c5dc6c",
    fullname: "Grace Hopper",
    BynderUser: {
      firstName: "Grace",
      lastName: "Hopper",
      infix: "",
      email: "grace.hopper@acme.example",
      id: "A87B2F34-8BCC-0DBC-C2294F5C315C42A6",
    },
  },
];
