/** The order line actions of orders.ts (Get / Update Order Line) and their picklist. */
import { DEFAULT_SCOPES } from "../connections";
import * as examples from "../examplePayloads/picklists";
import {
  expectExampleShape,
  harness,
  runWithScopes,
  useEmulator,
  type Loose,
} from "../../test/support";

const env = useEmulator();
const run = runWithScopes(env, DEFAULT_SCOPES);
const order = () => env.emulator.portal.orders[0];
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("updateOrderLine and getOrderLine", () => {
  it("approves a line with a JSON PATCH, then reads it back", async () => {
    const line = order().lines[0];
    const updated = await run("updateOrderLine", {
      id: line.id,
      status: "approved",
      customerReference: "PO-2024-0042",
    });
    const [patch] = env.emulator.requestsTo("/api/store/orderproducts", "PATCH");
    expect(patch.path).toBe(`/api/store/orderproducts/${line.id}`);
    expect(patch.contentType).toBe("application/json");
    expect(patch.json).toEqual({ status: "approved", customerReference: "PO-2024-0042" });
    expect(updated.data).toEqual({ message: "Created", status_code: 201 });
    expectExampleShape("updateOrderLine", updated);

    const result = await run("getOrderLine", { id: line.id, orderId: order().id });
    expect(env.emulator.requestsTo("/api/store/orderproducts", "GET")[0].query).toEqual({});
    expect(result.data).toEqual({
      id: line.id,
      status: "approved",
      orderId: order().id,
      customerReference: "PO-2024-0042",
    });
    expectExampleShape("getOrderLine", result);
  });

  it("sends only what is given", async () => {
    await run("updateOrderLine", { id: order().lines[1].id, status: "rejected" });
    expect(env.emulator.requestsTo("/api/store/orderproducts", "PATCH")[0].json).toEqual({
      status: "rejected",
    });
    expect(order().lines[1].status).toBe("rejected");
  });

  it("passes Bynder's 404 message on", async () => {
    await expect(run("getOrderLine", { id: UNKNOWN })).rejects.toThrow(
      `Bynder GET /api/store/orderproducts/${UNKNOWN}/ failed with HTTP 404: Orderline not found`,
    );
    await expect(run("updateOrderLine", { id: UNKNOWN, status: "approved" })).rejects.toThrow(
      `Bynder PATCH /api/store/orderproducts/${UNKNOWN}/ failed with HTTP 404: Orderline not found`,
    );
  });

  it("rejects bad input before calling Bynder", async () => {
    const id = order().lines[0].id;
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ id }, "Status or Customer Reference: give at least one to change."],
      [{ id, status: "maybe" }, 'Status must be one of approved, rejected; got "maybe".'],
      [{ status: "approved" }, "Order Line ID is required."],
    ];
    for (const [params, message] of cases) {
      await expect(run("updateOrderLine", params)).rejects.toThrow(message);
    }
    expect(env.emulator.requests).toEqual([]);
  });
});

describe("selectOrderLine", () => {
  it("lists the lines of the order in Order ID", async () => {
    const { result } = (await harness.dataSource("selectOrderLine", {
      connection: env.connection,
      orderId: order().id,
    })) as { result: Loose[] };
    expect(result).toEqual(
      order().lines.map((line) => ({
        key: line.id,
        label: `${line.productName} × ${line.quantity}`,
      })),
    );
    expect(examples.selectOrderLine.map((e) => e.label)).toEqual(
      order().lines.map((line) => `${line.productName} × ${line.quantity}`),
    );
  });
});
