/** Workflow job presets (`/api/workflow/presets/job`): the stages a new job starts with. */
import { route, type Handler, type Route } from "../context";
import { json } from "../http";
import type { JobPreset } from "../portal";
import { derivedId, findPreset } from "../workflow";

const STAGE_TYPES = ["download", "upload", "approval", "approval"];

const presetView = (preset: JobPreset) => ({
  preset: {
    ID: preset.ID,
    name: preset.name,
    wf_uuid: derivedId("workflow", preset.ID),
    ftp_settings: {},
    presetstages: [...preset.stages]
      .sort((a, b) => a.position - b.position)
      .map((stage, i) => ({
        ID: stage.ID,
        name: stage.name,
        description: stage.description,
        // Bynder's example sends the position as a decimal string ("1.0").
        position: `${stage.position}.0`,
        editableBy: "all",
        restrictToGroupID: null,
        type: STAGE_TYPES[Math.min(i, STAGE_TYPES.length - 1)],
        responsibleID: stage.responsibleID || null,
        responsibleGroupID: null,
      })),
  },
});

const getPreset: Handler = (req, { portal }) =>
  json(200, presetView(findPreset(portal, req.params.id)));

export const presetRoutes: Route[] = [
  route("GET", "/api/workflow/presets/job/:id", "workflow.preset:read", getPreset),
];
