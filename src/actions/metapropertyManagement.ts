/** Creating, changing and deleting metaproperties themselves (Bynder's v4 metaproperty endpoints). */
import { InputError, path } from "../client";
import { created, createdMetaproperty } from "../examplePayloads/metaproperties";
import { connection, dataInput } from "../inputs/common";
import {
  metapropertyData,
  metapropertyLabel,
  metapropertyName,
  metapropertyType,
  optionalMetapropertyType,
  settings,
  zindex,
} from "../inputs/metapropertyManagement";
import { metapropertyId } from "../inputs/metaproperties";
import { bynderAction } from "./bynderAction";

const otherFields = (comments: string) =>
  dataInput(comments, {
    labels: { en_US: "Gelato URL", nl_NL: "Gelato-URL" },
    isDisplayField: true,
    isApiField: true,
  });

export const createMetaproperty = bynderAction({
  display: {
    label: "Create Metaproperty",
    description:
      "Create a metaproperty (a metadata field on assets) of any type Bynder offers; returns its ID. Needs the METAPROPERTYMANAGEMENT role.",
  },
  inputs: {
    name: metapropertyName,
    label: metapropertyLabel,
    type: metapropertyType,
    ...settings,
    zindex,
    bodyData: otherFields(
      "Other metaproperty fields, e.g. labels (per locale), isDisplayField, isDrilldown, isMultifilter, isApiField.",
    ),
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: createdMetaproperty },
  run: (bynder, { name, label, type, zindex, bodyData, connection: _, ...flags }) =>
    bynder.postForm<typeof createdMetaproperty>(path`/api/v4/metaproperties/`, {
      data: metapropertyData(bodyData, { name, label, type, zindex, ...flags }),
    }),
});

export const updateMetaproperty = bynderAction({
  display: {
    label: "Update Metaproperty",
    description:
      "Change a metaproperty's label, type, position or settings; only the fields you fill in change. Needs the METAPROPERTYMANAGEMENT role.",
  },
  inputs: {
    metapropertyId,
    label: metapropertyLabel,
    type: optionalMetapropertyType,
    ...settings,
    zindex,
    bodyData: otherFields(
      "Other fields to change, e.g. labels (per locale), isDisplayField, isDrilldown, isApiField.",
    ),
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: created },
  run: (bynder, { metapropertyId, label, type, zindex, bodyData, connection: _, ...flags }) => {
    const data = metapropertyData(bodyData, { label, type, zindex, ...flags });
    if (Object.keys(data).length === 0) {
      throw new InputError(
        "Update Metaproperty: nothing to change. Fill in Label, Type, Position, a setting or Data.",
      );
    }
    return bynder.postForm<typeof created>(path`/api/v4/metaproperties/${metapropertyId}/`, {
      data,
    });
  },
});

export const deleteMetaproperty = bynderAction({
  display: {
    label: "Delete Metaproperty",
    description:
      "Delete a metaproperty with its options; every asset loses its values for it. Needs the METAPROPERTYMANAGEMENT role.",
  },
  inputs: { metapropertyId, connection },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: (bynder, { metapropertyId }) =>
    bynder.delete<string>(path`/api/v4/metaproperties/${metapropertyId}/`),
});

export const metapropertyManagementActions = {
  createMetaproperty,
  updateMetaproperty,
  deleteMetaproperty,
};
