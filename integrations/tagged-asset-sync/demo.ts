/**
 * `npm start -- integration`: the integration against the embedded emulator and a local
 * destination, every Bynder call through the built component (dist/index.js).
 */
import { invokeFlow, loggerMock } from "@prismatic-io/spectral/dist/testing";
import { startEmulator } from "../../emulator/server";
import { clientCredentialsConnection } from "../../scripts/clientCredentials";
import { DEFAULT_SCOPES } from "../../src/connections";
import { assetEvents, LEDGER_KEY, taggedAssetCatchUp } from "./src/flows";
import type { CopyLedger } from "./src/sync";
import { bynderComponent } from "./test/components";
import { startDestination } from "./test/destinationServer";

type DeployContext = Parameters<NonNullable<typeof assetEvents.onInstanceDeploy>>[0];

const TAG = "Print-Ready";
const BACKLINK = "Backlink_URL";
const line = (text = "") => process.stdout.write(`${text}\n`);

export const integrationDemo = async () => {
  const emulator = await startEmulator();
  const destination = await startDestination();
  const { components, calls } = bynderComponent();
  const bynder = components.bynder as Record<
    string,
    (values: object) => Promise<{ data: unknown }>
  >;
  try {
    const connection = await clientCredentialsConnection(
      {
        tokenUrl: emulator.tokenUrl,
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
        scopes: DEFAULT_SCOPES,
      },
      "Bynder Connection",
    );
    /** Tags replace an asset's list: its tags plus the sync tag (Update Asset, as a user would). */
    const tag = async (asset: { id: string; tags: string[] }) =>
      bynder.updateAsset({
        connection,
        id: asset.id,
        bodyData: JSON.stringify({ tags: [...asset.tags, TAG].join(",") }),
      });
    const configVars = {
      "Bynder Connection": connection,
      Tag: TAG,
      "Destination URL": destination.url,
      "Destination Auth Header Name": "Authorization",
      "Destination Auth Header Value": "Bearer demo-token",
      "Backlink Metaproperty": BACKLINK,
    };
    let crossFlowState: Record<string, unknown> = {};
    const run = async (
      name: string,
      flowToRun: typeof assetEvents | typeof taggedAssetCatchUp,
      data: unknown,
    ) => {
      const before = { sent: destination.received.length, calls: calls.length };
      const { result } = await invokeFlow(flowToRun, {
        configVars,
        context: { components, crossFlowState },
        payload: { body: { data } },
      });
      const returned = result as { data: { outcomes: unknown[] }; crossFlowState?: object };
      crossFlowState = { ...crossFlowState, ...returned.crossFlowState };
      line(`\n▶ ${name}`);
      for (const outcome of returned.data.outcomes) line(`   ${JSON.stringify(outcome)}`);
      line(
        `   Bynder calls: ${calls
          .slice(before.calls)
          .map((c) => c.action)
          .join(", ")}; files sent: ${destination.received.length - before.sent}`,
      );
    };

    line(`Bynder emulator at ${emulator.url}; destination at ${destination.url}`);
    line(`\n▶ Deploy: make sure the text metaproperty "${BACKLINK}" exists`);
    await assetEvents.onInstanceDeploy({
      configVars,
      components,
      logger: loggerMock(),
      crossFlowState: {},
    } as unknown as DeployContext);
    const mps = (await bynder.listMetaproperties({ connection, options: false })).data as Record<
      string,
      { id: string; type: string }
    >;
    line(`   ${BACKLINK}: ${JSON.stringify(mps[BACKLINK])}`);

    const assets = [...emulator.portal.media.values()].slice(0, 3);
    await tag(assets[0]);
    await tag(assets[1]);
    line(`\nTagged "${assets[0].name}" and "${assets[1].name}" with "${TAG}".`);
    await run("Initial sync (Tagged Asset Catch-up)", taggedAssetCatchUp, {});

    await tag(assets[2]);
    line(`\nTagged "${assets[2].name}"; Bynder notifies the integration.`);
    await run("Asset Events: asset_bank.media.meta_updated (the tag)", assetEvents, {
      event: "asset_bank.media.meta_updated",
      mediaId: assets[2].id,
    });
    await run(
      "Asset Events: asset_bank.media.meta_updated (caused by the backlink write)",
      assetEvents,
      {
        event: "asset_bank.media.meta_updated",
        mediaId: assets[2].id,
      },
    );

    line("\nWhat Bynder has now:");
    for (const asset of assets) {
      const { data } = (await bynder.getAsset({ connection, id: asset.id })) as {
        data: Record<string, unknown>;
      };
      line(
        `   ${asset.name}: tags ${JSON.stringify(data.tags)}, ${BACKLINK} ${JSON.stringify(data[`property_${BACKLINK}`])}`,
      );
    }
    const ledger = crossFlowState[LEDGER_KEY] as CopyLedger;
    line(`\nThe destination received ${destination.received.length} files:`);
    for (const received of destination.received) {
      const id = String(received.headers["x-bynder-asset-id"]);
      line(
        `   ${id}: ${received.body.length} bytes → ${received.url} (ledger: ${ledger[id]?.fileKey})`,
      );
    }
  } finally {
    await destination.close();
    await emulator.stop();
  }
};
