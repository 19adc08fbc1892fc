/** Shaped like the emulator's real responses to the workflow job and preset calls. */
export const job = {
  id: "e4d69429-599f-42eb-b750-fb222ff76468",
  name: "Summer print production #1",
  description: "Job 1",
  deadline: "2024-01-15T00:00:00+00:00",
  createdByID: "97234e9d-cc76-419a-8b7c-97843499aafe",
  accountableID: "97234e9d-cc76-419a-8b7c-97843499aafe",
  dateCreated: "2024-01-01T00:00:00+00:00",
  dateModified: "2024-01-02T00:00:00+00:00",
  basedOnPreset: true,
  presetID: "28113654-80a0-418d-babe-33f3913db1e4",
  campaignID: "4df15192-d208-4ee9-9ae8-41239c7ca1af",
  bookedMinutes: 0,
  jobKey: "JOB-1000",
  dateFinished: null,
  jobFinishedHistory: null,
  job_stages: [
    {
      position: 1,
      status: "Active",
      id: "6bf94af3-8b46-4997-8389-0b5b34e8bc93",
    },
    {
      position: 2,
      status: "Idle",
      id: "63208685-74e5-4e81-ae3f-46fa52669e7f",
    },
  ],
  job_previous_stage: null,
  job_active_stage: {
    position: 1,
    status: "Active",
    id: "6bf94af3-8b46-4997-8389-0b5b34e8bc93",
  },
  job_next_stage: {
    position: 2,
    status: "Idle",
    id: "63208685-74e5-4e81-ae3f-46fa52669e7f",
  },
  jobMetaproperties: {},
};

export const jobList = [job];

/** The X-Pagination-* response headers that List Jobs returns next to the jobs. */
export const paginationHeaders = {
  "x-pagination-totalrecords": "4",
  "x-pagination-totalpages": "4",
  "x-pagination-page": "1",
  "x-pagination-limit": "1",
};

export const createdJob = {
  status: "Created",
  job_id: "c046b900-18c8-435d-8acf-ead4007493fe",
};

export const updatedJob = {
  status: "Updated",
  job_id: "e4d69429-599f-42eb-b750-fb222ff76468",
};

/** Delete answers 204 No Content: the body is empty. */
export const deletedJob = "";

export const jobPreset = {
  preset: {
    ID: "28113654-80a0-418d-babe-33f3913db1e4",
    name: "Print production",
    wf_uuid: "354aa5aa-1e86-4995-b9bd-a917cc3dd19a",
    ftp_settings: {},
    presetstages: [
      {
        ID: "d5d50e14-5bc8-4870-b599-96b61eca1055",
        name: "Brief",
        description: "Brief stage",
        position: "1.0",
        editableBy: "all",
        restrictToGroupID: null,
        type: "download",
        responsibleID: "97234e9d-cc76-419a-8b7c-97843499aafe",
        responsibleGroupID: null,
      },
      {
        ID: "03ef53a8-8133-45b4-a5ed-02e4a8979d32",
        name: "Design",
        description: "Design stage",
        position: "2.0",
        editableBy: "all",
        restrictToGroupID: null,
        type: "upload",
        responsibleID: "3d44f2dc-c1ca-4639-a73c-c3b352c5dc6c",
        responsibleGroupID: null,
      },
    ],
  },
};

export const jobMedia = [
  {
    id: "95b68385-67cf-4aeb-9d6d-e37291749308",
    filename: "Store Store 1.mp3",
    uploader_name: "Ada Lovelace",
    responsible_name: "Ada Lovelace",
    dateCreated: "2025-11-22T16:29:17+00:00",
    dateModified: "2025-11-22T16:29:17+00:00",
    orientation: "square",
    original_url:
      "https://acme-cdn.example/workflow/media/95b68385-67cf-4aeb-9d6d-e37291749308/original.mp3",
    status: "AwaitingApproval",
    versionParentID: null,
    version: 1,
    previews: [
      {
        type: "thumbnail",
        url: "https://acme-cdn.example/workflow/media/95b68385-67cf-4aeb-9d6d-e37291749308/thumbnail.png",
      },
      {
        type: "preview",
        url: "https://acme-cdn.example/workflow/media/95b68385-67cf-4aeb-9d6d-e37291749308/preview.png",
      },
    ],
    sub_versions: [],
  },
];

/** A job's stages (GET /api/workflow/jobs/{id}/stages), in position order. */
export const jobStages = [
  {
    id: "9b3c1d2e-4f5a-4b6c-8d7e-0f1a2b3c4d5e",
    name: "Briefing",
    description: "",
    deadline: "2025-06-30T17:00:00+00:00",
    dateCreated: "2025-05-02T08:15:00+00:00",
    createdByID: "2c6e1c8f-6c2e-4f4e-9d61-8a3b2f0e7c11",
    status: "Active",
    position: 1,
    responsible: { id: "2c6e1c8f-6c2e-4f4e-9d61-8a3b2f0e7c11", type: "user" },
  },
];

export const finishedJob = {
  status: "Finished",
  job_id: "e4d69429-599f-42eb-b750-fb222ff76468",
};
