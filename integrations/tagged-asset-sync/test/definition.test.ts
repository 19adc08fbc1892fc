/**
 * The integration as Prismatic imports it: spectral converts the definition (component references
 * resolved against the manifest, trigger configurations checked) into the YAML `prism
 * integrations:import` sends.
 */
import integration from "../src";

const yaml = (integration as unknown as { codeNativeIntegrationYAML: string })
  .codeNativeIntegrationYAML;

describe("the converted integration", () => {
  it("declares the connection through the component, and every config variable", () => {
    expect(yaml).toContain("key: bynder-client-credentials-oauth");
    for (const key of [
      "Bynder Connection",
      "Tag",
      "Destination URL",
      "Destination Auth Header Name",
      "Destination Auth Header Value",
      "Backlink Metaproperty",
    ]) {
      expect(yaml).toContain(`key: ${key}\n`);
    }
  });

  it("triggers Asset Events with the component's Webhook Events trigger on the connection", () => {
    const assetEvents = yaml.slice(
      yaml.indexOf("- name: Asset Events"),
      yaml.indexOf("- name: Tagged"),
    );
    expect(assetEvents).toMatch(/connection:\n\s+type: configVar\n\s+value: Bynder Connection/);
    expect(assetEvents).toContain("value: asset_bank.media.meta_updated");
    expect(assetEvents).toContain("key: bynder\n");
  });

  it("runs Tagged Asset Catch-up on the batched change trigger, on a schedule, with the initial sync", () => {
    const catchUp = yaml.slice(yaml.indexOf("- name: Tagged Asset Catch-up"));
    expect(catchUp).toMatch(/schedule:\n\s+type: value\n\s+value: 0 \* \* \* \*/);
    expect(catchUp).toMatch(/resourceType:\n\s+type: value\n\s+value: assets/);
    expect(catchUp).toContain("recordsChangedSince:");
    expect(catchUp).toContain("runInitialSyncOnDeploy: true");
    expect(catchUp).toMatch(/connection:\n\s+type: configVar\n\s+value: Bynder Connection/);
  });
});
