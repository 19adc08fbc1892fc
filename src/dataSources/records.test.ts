import { isConnectionError } from "@prismatic-io/spectral";
import type { Element } from "@prismatic-io/spectral";
import { seedAssets } from "../../emulator/seed";
import { harness, useEmulator } from "../../test/support";
import * as examples from "../examplePayloads/dataSources";
import { PICKLIST_CAP, sortByLabel } from "./picklist";

const env = useEmulator();
const portal = () => env.emulator.portal;

const run = async (key: string, params: Record<string, unknown> = {}) =>
  (
    (await harness.dataSource(key, { connection: env.connection, ...params })) as {
      result: Element[];
    }
  ).result;

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
const expectSorted = (result: Element[]) => {
  const labels = result.map((e) => e.label!);
  expect(labels).toEqual([...labels].sort(collator.compare));
};
const gets = (path: string) => env.emulator.requestsTo(path, "GET");

describe("sortByLabel", () => {
  it("sorts case-insensitively with numbers in numeric order, and tells equal labels apart", () => {
    expect(
      sortByLabel([
        { key: "3", label: "asset 10" },
        { key: "1", label: "Asset 9" },
        { key: "2", label: "banner" },
        { key: "5", label: "Logo" },
        { key: "4", label: "logo" },
        { key: "6", label: "" },
      ]),
    ).toEqual([
      { key: "6", label: "6" },
      { key: "1", label: "Asset 9" },
      { key: "3", label: "asset 10" },
      { key: "2", label: "banner" },
      { key: "4", label: "logo (4)" },
      { key: "5", label: "Logo (5)" },
    ]);
  });
});

describe("selectAsset", () => {
  it("lists every asset across pages of 1,000, by name", async () => {
    seedAssets(portal(), 2100);
    const [twinA, twinB] = [...portal().media.values()].slice(0, 2);
    twinA.name = twinB.name = "Twin";
    const result = await run("selectAsset");
    expect(result).toHaveLength(portal().media.size);
    expect(new Set(result.map((e) => e.key))).toEqual(new Set(portal().media.keys()));
    expectSorted(result);
    expect(result).toContainEqual({ key: twinA.id, label: `Twin (${twinA.id})` });
    const requests = gets("/api/v4/media");
    expect(requests.map((r) => r.query.page[0]).sort()).toEqual(["1", "2", "3"]);
    for (const request of requests) {
      expect(request.query).toMatchObject({ limit: ["1000"], orderBy: ["name asc"], total: ["1"] });
    }
  });
});

describe("selectBrand", () => {
  it("lists brands and sub-brands, sub-brands labelled with their brand", async () => {
    const result = await run("selectBrand");
    const expected: Element[] = [];
    for (const brand of portal().brands) {
      expected.push({ key: brand.id, label: brand.name });
      for (const sub of brand.subBrands) {
        expected.push({ key: sub.id, label: `${brand.name} › ${sub.name}` });
      }
    }
    expect(result).toHaveLength(expected.length);
    expect(result).toEqual(expect.arrayContaining(expected));
    expect(result.map((e) => e.label).slice(0, 4)).toEqual([
      "Acme",
      "Acme › Acme Online",
      "Acme › Acme Retail",
      "Acme Kids",
    ]);
    expectSorted(result);
    expect(gets("/api/v4/brands")).toHaveLength(1);
  });
});

describe("selectCampaign", () => {
  it("keys campaigns by their upper-case ID, labelled with name and key", async () => {
    const result = await run("selectCampaign");
    const campaigns = [...portal().campaigns.values()];
    expect(result).toHaveLength(campaigns.length);
    for (const campaign of campaigns) {
      expect(result).toContainEqual({
        key: campaign.ID,
        label: `${campaign.name} (${campaign.key})`,
      });
    }
    expectSorted(result);
    expect(gets("/api/workflow/campaigns")).toHaveLength(1);
  });
});

describe("selectCollection", () => {
  it("lists every collection across pages, by name", async () => {
    for (let i = 0; i < 1100; i++) {
      const id = portal().cfId();
      portal().collections.set(id, {
        id,
        name: `Bulk collection ${i}`,
        description: "",
        userId: portal().defaultUserId(),
        isPublic: 0,
        mediaIds: [],
        dateCreated: Date.now(),
        dateModified: Date.now(),
        views: 0,
        shares: [],
      });
    }
    const result = await run("selectCollection");
    expect(result).toHaveLength(portal().collections.size);
    expect(result).toContainEqual({
      key: [...portal().collections.values()][0].id,
      label: "Summer Campaign 2024",
    });
    expectSorted(result);
    const requests = gets("/api/v4/collections");
    expect(requests).toHaveLength(2);
    expect(requests[0].query).toMatchObject({
      count: ["1"],
      limit: ["1000"],
      orderBy: ["name asc"],
    });
  });
});

describe("selectJob", () => {
  it("lists every job across pages of 100, labelled with its job key", async () => {
    const [template] = portal().jobs.values();
    for (let i = 0; i < 150; i++) {
      const id = portal().uuid();
      portal().jobs.set(id, { ...template, id, name: `Bulk job ${i}`, jobKey: `BULK-${i}` });
    }
    const result = await run("selectJob");
    expect(result).toHaveLength(portal().jobs.size);
    expect(result).toContainEqual({
      key: template.id,
      label: `${template.name} (${template.jobKey})`,
    });
    expectSorted(result);
    const requests = gets("/api/workflow/jobs");
    expect(requests.map((r) => r.query.page[0]).sort()).toEqual(["1", "2"]);
    expect(requests[0].query).toMatchObject({ limit: ["100"], orderBy: ["name asc"] });
  });
});

describe("selectMetaproperty", () => {
  it("lists metaproperties by label, without their options", async () => {
    const result = await run("selectMetaproperty");
    expect(result).toEqual(
      portal()
        .metaproperties.map((mp) => ({ key: mp.id, label: mp.label }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    );
    expect(gets("/api/v4/metaproperties")[0].query).toEqual({ options: ["0"] });
  });
});

describe("selectMetapropertyOption", () => {
  it("lists every option of the chosen metaproperty across pages, by label", async () => {
    const mp = portal().metaproperties[0];
    const [template] = mp.options;
    for (let i = 0; i < 1200; i++) {
      mp.options.push({ ...template, id: portal().cfId(), name: `bulk_${i}`, label: `Bulk ${i}` });
    }
    const result = await run("selectMetapropertyOption", { metapropertyId: mp.id });
    expect(result).toHaveLength(mp.options.length);
    expect(result).toContainEqual({ key: template.id, label: template.label });
    expectSorted(result);
    const requests = gets(`/api/v4/metaproperties/${mp.id}/options`);
    expect(requests).toHaveLength(2);
    expect(requests[0].query).toMatchObject({ limit: ["1000"], page: ["1"] });
  });

  it("checks the Metaproperty ID before any request", async () => {
    await expect(run("selectMetapropertyOption", { metapropertyId: "" })).rejects.toThrow(
      /^Metaproperty ID is required/,
    );
    await expect(run("selectMetapropertyOption", { metapropertyId: "not an id" })).rejects.toThrow(
      /^Metaproperty ID must be a Bynder asset-bank id/,
    );
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("passes on Bynder's message for an unknown metaproperty", async () => {
    await expect(
      run("selectMetapropertyOption", { metapropertyId: "00000000-0000-0000-0000000000000000" }),
    ).rejects.toThrow(
      "Bynder GET /api/v4/metaproperties/00000000-0000-0000-0000000000000000/options/ failed with HTTP 404: Metaproperty not found",
    );
  });
});

describe("selectOrder", () => {
  it("pages through the fixed pages of 10, labelled with the order reference", async () => {
    const result = await run("selectOrder");
    expect(result).toHaveLength(portal().orders.length);
    for (const order of portal().orders) {
      expect(result).toContainEqual({ key: order.id, label: order.orderReference });
    }
    expectSorted(result);
    const requests = gets("/api/store/order");
    expect(requests.map((r) => r.query)).toEqual([
      { page: ["1"] },
      { page: ["2"] },
      { page: ["3"] },
    ]);
  });
});

describe("selectSecurityProfile", () => {
  it("lists security profiles by name", async () => {
    const result = await run("selectSecurityProfile");
    expect(result).toEqual(
      portal()
        .profiles.map((p) => ({ key: p.id, label: p.name }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    );
  });
});

describe("selectUser", () => {
  it("lists every user, inactive ones too (marked), across pages of 100", async () => {
    const [template] = portal().users.values();
    for (let i = 0; i < 130; i++) {
      const id = portal().cfId();
      const email = `bulk${i}@acme.example`;
      portal().users.set(id, {
        ...template,
        id,
        username: email,
        email,
        firstname: "Bulk",
        lastname: `User ${i}`,
      });
    }
    const result = await run("selectUser");
    expect(result).toHaveLength(portal().users.size);
    expect(result).toContainEqual({
      key: template.id,
      label: `${template.firstname} ${template.lastname} (${template.email})`,
    });
    const inactive = [...portal().users.values()].find((u) => !u.active)!;
    expect(result).toContainEqual({
      key: inactive.id,
      label: `${inactive.firstname} ${inactive.lastname} (${inactive.email}) (inactive)`,
    });
    expectSorted(result);
    const requests = gets("/api/v4/users");
    expect(requests.map((r) => r.query.page[0]).sort()).toEqual(["1", "2"]);
    expect(requests[0].query).toMatchObject({ includeInActive: ["1"], limit: ["100"] });
  });
});

describe("selectTag", () => {
  it("lists every tag across pages of 1,000", async () => {
    for (let i = 0; i < 1050; i++) {
      const id = portal().cfId();
      portal().tags.set(id, { id, tag: `bulk-${i}` });
    }
    const result = await run("selectTag");
    expect(result).toHaveLength(portal().tags.size);
    expectSorted(result);
    const requests = gets("/api/v4/tags");
    expect(requests).toHaveLength(2);
    expect(requests[0].query).toMatchObject({ orderBy: ["tag asc"], limit: ["1000"] });
  });
});

describe("selectWorkflowUser", () => {
  it("lists workflow users by name and email, keyed by their workflow ID", async () => {
    const result = await run("selectWorkflowUser");
    const [first] = portal().workflowUsers;
    const user = portal().users.get(first.userId)!;
    expect(result).toContainEqual({
      key: first.ID,
      label: `${user.firstname} ${user.lastname} (${user.email})`,
    });
    expectSorted(result);
  });
});

describe("failures", () => {
  it("turns an expired token into a ConnectionError", async () => {
    const connection = { ...env.connection, token: { access_token: "expired" } };
    const error: unknown = await harness
      .dataSource("selectBrand", { connection })
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
  });

  it("fails the whole list rather than returning part of it when a page fails", async () => {
    env.emulator.faults.inject({ path: "/api/store/order", steps: ["pass", 404] });
    await expect(run("selectOrder")).rejects.toThrow(/HTTP 404/);
  });
});

describe("example payloads", () => {
  const fresh = useEmulator();
  it("are what each picklist returns from the seeded portal", async () => {
    for (const [key, example] of Object.entries(examples)) {
      const params: Record<string, unknown> = { connection: fresh.connection };
      if (key === "selectMetapropertyOption") {
        params.metapropertyId = fresh.emulator.portal.metaproperties[1].id;
      }
      const { result } = (await harness.dataSource(key, params)) as { result: Element[] };
      expect(result.slice(0, 2)).toEqual(example);
    }
  });
});

describe("the cap", () => {
  const big = useEmulator({ seed: { assets: PICKLIST_CAP + 50 } });
  it("stops at 10,000 records and says so in a last element", async () => {
    const result = (
      (await harness.dataSource("selectAsset", { connection: big.connection })) as {
        result: Element[];
      }
    ).result;
    expect(result).toHaveLength(PICKLIST_CAP + 1);
    expect(result[PICKLIST_CAP]).toEqual({
      key: "",
      label:
        "More than 10,000 assets: only the first 10,000 are listed. Enter the id of any other directly.",
    });
    expectSorted(result.slice(0, PICKLIST_CAP));
    expect(big.emulator.requestsTo("/api/v4/media", "GET")).toHaveLength(10);
  });
});
