/**
 * Drop-in compatibility with Prismatic's own Bynder component: flows reference actions, data
 * sources and inputs by key, so every one of them must still exist, with the same labels.
 */
import component from "../src";
import incumbent from "./fixtures/incumbent-inputs.json";

const actions = component.actions;
const inputsOf = (key: string) => actions[key]?.inputs ?? [];

describe("drop-in compatibility with the incumbent component", () => {
  it("keeps the component key and both connection keys", () => {
    expect(component.key).toBe("bynder");
    expect(component.connections?.map((c) => c.key)).toEqual([
      "bynder-oauth",
      "bynder-client-credentials-oauth",
    ]);
  });

  it.each(Object.entries(incumbent))("%s keeps every input key and label", (actionKey, inputs) => {
    expect(actions[actionKey]).toBeDefined();
    const actual = Object.fromEntries(inputsOf(actionKey).map((input) => [input.key, input.label]));
    expect(actual).toMatchObject(inputs);
  });

  it("keeps the trigger and the nine data sources", () => {
    expect(Object.keys(component.triggers ?? {})).toContain("pollChangesTrigger");
    expect(Object.keys(component.dataSources ?? {})).toEqual(
      expect.arrayContaining([
        "selectAsset",
        "selectBrand",
        "selectCampaign",
        "selectCollection",
        "selectJob",
        "selectMetaproperty",
        "selectOrder",
        "selectSecurityProfile",
        "selectUser",
      ]),
    );
  });
});

describe("the operations added beyond the incumbent (issue 7)", () => {
  const added: Record<string, string> = {
    searchAssets: "Search Assets",
    getAssetDownloadUrl: "Get Asset Download URL",
    downloadAsset: "Download Asset",
    listCollectionAssets: "List Collection Assets",
    addAssetsToCollection: "Add Assets To Collection",
    removeAssetsFromCollection: "Remove Assets From Collection",
    listTags: "List Tags",
    addTagToAssets: "Add Tag To Assets",
    removeTagFromAssets: "Remove Tag From Assets",
    createAssetUsage: "Create Asset Usage",
    listAssetUsages: "List Asset Usages",
    deleteAssetUsage: "Delete Asset Usage",
    getMetaproperty: "Get Metaproperty",
    listMetapropertyOptions: "List Metaproperty Options",
    createMetapropertyOption: "Create Metaproperty Option",
    updateMetapropertyOption: "Update Metaproperty Option",
    deleteMetapropertyOption: "Delete Metaproperty Option",
    listWorkflowUsers: "List Workflow Users",
    listDerivatives: "List Derivatives",
    listDeletedAssets: "List Deleted Assets",
    uploadFile: "Upload File",
  };
  it.each(Object.entries(added))("%s is labelled %s", (key, label) => {
    expect(actions[key]?.display.label).toBe(label);
  });

  it("adds the Select Tag, Select Workflow User and Select Metaproperty Option picklists", () => {
    expect(Object.keys(component.dataSources ?? {})).toEqual(
      expect.arrayContaining(["selectTag", "selectWorkflowUser", "selectMetapropertyOption"]),
    );
  });
});

describe("every action", () => {
  const entries = Object.entries(actions);

  it.each(entries)("%s has a label, a description and an example payload", (_key, action) => {
    expect(action.display.label).toBeTruthy();
    expect(action.display.description).toBeTruthy();
    expect(action.examplePayload).toBeDefined();
  });

  it.each(entries)("%s links id inputs only to data sources that exist", (_key, action) => {
    for (const input of action.inputs) {
      if ("dataSource" in input && input.dataSource) {
        expect(Object.keys(component.dataSources ?? {})).toContain(input.dataSource);
      }
    }
  });

  it.each(entries.filter(([key]) => key !== "uploadChunk"))(
    "%s takes a Connection",
    (_key, action) => {
      expect(action.inputs.find((input) => input.key === "connection")).toMatchObject({
        type: "connection",
        required: true,
      });
    },
  );
});
