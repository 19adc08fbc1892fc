import { isConnectionError } from "@prismatic-io/spectral";
import { DEFAULT_SCOPES } from "../connections";
import { MANAGE_WEBHOOKS_ROLE } from "../../emulator/webhooks";
import {
  connectionTo,
  errorOf,
  expectExampleShape,
  harness,
  useEmulator,
} from "../../test/support";
import { WEBHOOK_SCOPES } from "../../test/webhooks.support";

// Responses are checked field by field; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const env = useEmulator();
const BASE = "/v7/webhooks/public/api/subscriptions";
const run = (key: string, params: Record<string, unknown>, scopes = WEBHOOK_SCOPES) =>
  harness.action(key, { connection: connectionTo(env.emulator, scopes), ...params }) as Promise<{
    data: Loose;
  }>;
const webhooks = () => env.emulator.portal.webhooks;

beforeAll(() => {
  webhooks().sns.deliverer.policy = { retries: 0, delayMs: 10, timeoutMs: 500 };
});
beforeEach(() => {
  for (const config of webhooks().configs.values()) webhooks().remove(config);
});

const create = (params: Record<string, unknown> = {}) =>
  run("createWebhookConfiguration", {
    name: "ERP sync",
    protocol: "https",
    endpoint: "http://127.0.0.1:9/hooks/erp",
    events: ["asset_bank.media.create", "asset_bank.media.pre_archived"],
    preArchiveDays: "5",
    ...params,
  });

describe("webhook configuration actions", () => {
  it("creates a configuration and returns what Bynder holds", async () => {
    const result = await create();
    const [post] = env.emulator.requestsTo(BASE, "POST");
    expect(post.json).toEqual({
      name: "ERP sync",
      protocol: "https",
      endpoint: "http://127.0.0.1:9/hooks/erp",
      events: ["asset_bank.media.create", "asset_bank.media.pre_archived"],
      preArchivedNotificationDays: 5,
    });
    expect(result.data).toEqual({
      id: post.path.split("/").at(-1),
      name: "ERP sync",
      endpoint: "http://127.0.0.1:9/hooks/erp",
      protocol: "https",
      events: ["asset_bank.media.create", "asset_bank.media.pre_archived"],
      preArchivedNotificationDays: 5,
      status: 1,
      confirmed: false,
      antivirusEnabled: false,
    });
    expectExampleShape("createWebhookConfiguration", {
      data: { ...result.data, preArchivedNotificationDays: null },
    });
  });

  it("lists, gets, updates (PUT for events, PATCH for name and status) and deletes", async () => {
    const { data: created } = await create();
    const list = await run("listWebhookConfigurations", {});
    expect(list.data).toEqual([expect.objectContaining({ configId: created.id, id: created.id })]);
    expectExampleShape("listWebhookConfigurations", {
      data: [{ ...list.data[0], preArchivedNotificationDays: null }],
    });
    const got = await run("getWebhookConfiguration", { id: created.id });
    expect(got.data).toEqual(created);

    env.emulator.clearLog();
    const updated = await run("updateWebhookConfiguration", {
      id: created.id,
      events: ["asset_bank.media.deleted"],
      name: "Renamed",
      status: "0",
    });
    expect(env.emulator.requestsTo(BASE, "PUT")[0].json).toEqual({
      events: ["asset_bank.media.deleted"],
    });
    expect(env.emulator.requestsTo(BASE, "PATCH")[0].json).toEqual({ name: "Renamed", status: 0 });
    expect(updated.data).toMatchObject({
      events: ["asset_bank.media.deleted"],
      name: "Renamed",
      status: 0,
    });

    const picklist = await harness.dataSource("selectWebhookConfiguration", {
      connection: connectionTo(env.emulator, WEBHOOK_SCOPES),
    });
    expect(picklist.result).toEqual([
      { key: created.id, label: "Renamed (http://127.0.0.1:9/hooks/erp)" },
    ]);

    const deleted = await run("deleteWebhookConfiguration", { id: created.id });
    expect(deleted.data).toEqual({ id: created.id, deleted: true });
    expect(webhooks().configs.size).toBe(0);
    await expect(run("getWebhookConfiguration", { id: created.id })).rejects.toThrow(
      `Bynder has no webhook configuration with id "${created.id}" (HTTP 404).`,
    );
  });

  it("refuses bad input before sending", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { endpoint: "http://hooks.example.com/x" },
        'Endpoint must be an https:// URL for Protocol https; got "http://hooks.example.com/x".',
      ],
      [
        { protocol: "email", endpoint: "not-an-address" },
        "Endpoint must be an email address for Protocol email",
      ],
      [
        { events: ["asset_bank.media.create"] },
        "Pre-Archive Notice (Days) applies only to the asset_bank.media.pre_archived event",
      ],
      [{ events: ["asset.tagged"] }, "Events must be one of asset_bank.media.create"],
    ];
    for (const [params, message] of cases) {
      await expect(create(params)).rejects.toThrow(message);
    }
    await expect(run("updateWebhookConfiguration", { id: "abc" })).rejects.toThrow(
      "Nothing to update: give Events, Name or Status.",
    );
    expect(env.emulator.requests).toEqual([]);
  });

  it("refuses without the scopes, and names the role on Bynder's 403", async () => {
    const scopeError = await errorOf(run("listWebhookConfigurations", {}, DEFAULT_SCOPES));
    expect(isConnectionError(scopeError)).toBe(true);
    expect(scopeError.message).toMatch(
      /^List Webhook Configurations needs the webhooks.config:read scope/,
    );
    expect(env.emulator.requests).toEqual([]);

    const admin = env.emulator.portal.profiles[0];
    admin.roles = admin.roles.filter((role) => role !== MANAGE_WEBHOOKS_ROLE);
    try {
      const roleError = await errorOf(create());
      expect(roleError.message).toContain('security role "Manage Webhooks configurations"');
    } finally {
      admin.roles.push(MANAGE_WEBHOOKS_ROLE);
    }
  });
});
