/**
 * The webhook part of `npm start`, against the embedded emulator only: a loopback server plays
 * Prismatic's webhook intake and runs the built trigger's perform on every SNS delivery, while
 * the demo deploys the trigger, uploads and edits an asset, and deletes the trigger again.
 */
import { startIntake } from "../emulator/sns/intake";
import { setTimeout as sleep } from "node:timers/promises";
import { clientCredentialsConnection, type Credentials } from "./clientCredentials";

/* eslint-disable @typescript-eslint/no-explicit-any -- the built component is loaded untyped */
interface Harness {
  trigger: (...args: any[]) => Promise<any>;
  action: (...args: any[]) => Promise<any>;
}

const WEBHOOK_SCOPES = "webhooks.config:read webhooks.config:write";

export const webhookDemo = async (
  component: any,
  harness: Harness,
  portal: Credentials,
  line: (text?: string) => void,
  context: Record<string, unknown>,
) => {
  const connection = await clientCredentialsConnection(
    { ...portal, scopes: `${portal.scopes} ${WEBHOOK_SCOPES}` },
    "Bynder Connection",
  );
  const flow = { id: "demo-flow", name: "Asset changes", stableId: "demo-flow-stable" };
  let crossFlowState: Record<string, unknown> = {};
  const seen: { branch: string; data: any; at: number }[] = [];
  const flowContext = (url: string) => ({
    ...context,
    flow,
    instance: { id: "demo-instance", name: "npm start" },
    webhookUrls: { [flow.name]: url },
    crossFlowState,
  });

  let url = "";
  const intake = await startIntake(async ({ headers, body }) => {
    const result = await harness.trigger(
      "webhookEventsTrigger",
      { headers, rawBody: { data: body }, body: { data: body } },
      { connection },
      flowContext(url),
    );
    if (result.crossFlowState) crossFlowState = result.crossFlowState;
    const data = result.payload.body.data;
    seen.push({ branch: result.branch, data, at: Date.now() });
    line(
      `      ← SNS ${headers["x-amz-sns-message-type"]} verified → branch "${result.branch}"` +
        (data.event ? ` (${data.event}, mediaId ${data.mediaId})` : "") +
        ` → HTTP ${result.response.statusCode}`,
    );
    return result.response;
  });
  url = intake.url;
  const params = {
    connection,
    events: ["asset_bank.media.create", "asset_bank.media.meta_updated"],
  };
  const trigger = component.triggers.webhookEventsTrigger;
  const waitFor = async (what: string, test: () => boolean, since = Date.now()) => {
    while (!test()) {
      if (Date.now() - since > 15_000) throw new Error(`No ${what} within 15 s`);
      await sleep(20);
    }
    return Date.now() - since;
  };

  try {
    line(`\nWebhook Events trigger (a local server at ${url} plays Prismatic's webhook URL)\n`);
    const created = await trigger.webhookCreate(flowContext(url), params);
    crossFlowState = created.crossFlowState;
    const state = () => crossFlowState[flow.stableId] as { configId: string; topicArn?: string };
    line(
      `  ✓ Deploy: the trigger's create registered Bynder webhook configuration ${state().configId}`,
    );
    const confirmedIn = await waitFor("subscription confirmation", () => !!state().topicArn);
    line(`  ✓ SNS subscription confirmed in ${confirmedIn} ms; topic pinned: ${state().topicArn}`);

    const brands = await harness.action("listBrands", { connection }, context);
    const started = Date.now();
    const upload = await harness.action(
      "uploadFile",
      {
        connection,
        file: { data: Buffer.from("webhook demo"), contentType: "text/plain" },
        fileName: "webhook-demo.txt",
        saveAs: "newAsset",
        brandId: brands.data[0].id,
      },
      context,
    );
    const mediaId = upload.data.mediaId;
    const createdIn = await waitFor(
      "Asset Created",
      () => seen.some((s) => s.branch === "Asset Created" && s.data.mediaId === mediaId),
      started,
    );
    line(
      `  ✓ Upload File ${mediaId}: the flow ran on "Asset Created" ${createdIn} ms after the upload began`,
    );

    const edited = Date.now();
    await harness.action(
      "updateAsset",
      { connection, id: mediaId, description: "Edited" },
      context,
    );
    const editedIn = await waitFor(
      "Metadata Updated",
      () => seen.some((s) => s.branch === "Metadata Updated" && s.data.mediaId === mediaId),
      edited,
    );
    line(`  ✓ Update Asset: the flow ran on "Metadata Updated" ${editedIn} ms later`);

    const deleted = await trigger.webhookDelete(flowContext(url), params);
    crossFlowState = deleted.crossFlowState;
    line("  ✓ Delete: the trigger's delete removed its Bynder webhook configuration");
    await sleep(200); // Bynder's unsubscribe notice: shown, never followed
  } finally {
    await intake.close();
  }
};
