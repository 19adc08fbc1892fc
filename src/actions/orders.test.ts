import { errorOf, expectSameShape, harness, useEmulator } from "../../test/support";
import { orderInfo, orderLines, orderList, orderModified } from "../examplePayloads/orders";

const env = useEmulator();

const failure = (key: string, params: Record<string, unknown>) =>
  errorOf(harness.action(key, { connection: env.connection, ...params }), key);

describe("getOrder", () => {
  it("gets the order lines by Order ID", async () => {
    const order = env.emulator.portal.orders[0];
    const result = await harness.action("getOrder", { connection: env.connection, id: order.id });
    const [request] = env.emulator.requestsTo("/api/store/order");
    expect(request).toMatchObject({
      method: "GET",
      path: `/api/store/order/${order.id}/products`,
      status: 200,
    });
    const data = (result as { data: { id: string; orderId: string }[] }).data;
    expect(data.map((line) => line.id)).toEqual(order.lines.map((line) => line.id));
    expect(data.every((line) => line.orderId === order.id)).toBe(true);
    expectSameShape(data, orderLines);
  });

  it("gets the order lines by Order Number instead", async () => {
    const order = env.emulator.portal.orders[4];
    const result = await harness.action("getOrder", {
      connection: env.connection,
      orderNumber: order.orderNumber,
    });
    expect(env.emulator.requestsTo("/api/store/order")[0].path).toBe(
      `/api/store/order/${order.orderNumber}/products`,
    );
    expect((result as { data: { orderId: string }[] }).data[0].orderId).toBe(order.id);
  });

  it("needs exactly one of Order ID and Order Number, checked before any request", async () => {
    const order = env.emulator.portal.orders[0];
    const both = await failure("getOrder", { id: order.id, orderNumber: order.orderNumber });
    expect(both.message).toMatch(/^Order ID or Order Number: give exactly one of them/);
    const neither = await failure("getOrder", {});
    expect(neither.message).toMatch(/^Order ID or Order Number: .*neither/);
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("rejects a malformed Order ID before any request", async () => {
    const error = await failure("getOrder", { id: "abc/def" });
    expect(error.message).toMatch(/^Order ID must be/);
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("passes on Bynder's 404 message", async () => {
    const error = await failure("getOrder", { orderNumber: "99999999" });
    expect(error.message).toBe(
      "Bynder GET /api/store/order/99999999/products/ failed with HTTP 404: Order not found",
    );
  });
});

describe("getOrderInfo", () => {
  it("returns the order's info", async () => {
    const order = env.emulator.portal.orders[2];
    const result = await harness.action("getOrderInfo", {
      connection: env.connection,
      id: order.id,
    });
    expect(env.emulator.requestsTo("/api/store/order", "GET")[0].path).toBe(
      `/api/store/order/${order.id}`,
    );
    const data = (result as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({
      id: order.id,
      status: order.status,
      orderReference: order.orderReference,
    });
    expectSameShape(data, orderInfo);
  });

  it("requires Order ID and sends nothing without it", async () => {
    const error = await failure("getOrderInfo", { id: "  " });
    expect(error.message).toBe("Order ID is required.");
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("passes on Bynder's 404 message", async () => {
    const error = await failure("getOrderInfo", { id: "00000000-0000-4000-8000-000000000000" });
    expect(error.message).toMatch(/HTTP 404: Order not found$/);
  });
});

describe("listOrders", () => {
  it("asks for the given page", async () => {
    const result = await harness.action("listOrders", { connection: env.connection, page: "2" });
    const [request] = env.emulator.requestsTo("/api/store/order", "GET");
    expect(request.path).toBe("/api/store/order");
    expect(request.query).toEqual({ page: ["2"] });
    const data = (result as { data: { id: string }[] }).data;
    expect(data).toHaveLength(10);
    expectSameShape(data, orderList);
  });

  it("sends no page when none is given", async () => {
    await harness.action("listOrders", { connection: env.connection });
    expect(env.emulator.requestsTo("/api/store/order")[0].query).toEqual({});
  });

  it("rejects a page that is not a positive whole number before any request", async () => {
    for (const page of ["0", "two"]) {
      const error = await failure("listOrders", { page });
      expect(error.message).toMatch(/^Page must be/);
    }
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe("updateOrder", () => {
  it("posts Bynder's documented fields, `message` included, to the order's products", async () => {
    const order = env.emulator.portal.orders[10];
    const result = await harness.action("updateOrder", {
      connection: env.connection,
      id: order.id,
      status: "OUT_FOR_DELIVERY",
      messsage: "Shipped today",
      trackingnumber: "1Z999AA10123456784",
    });
    const [request] = env.emulator.requestsTo("/api/store/order", "POST");
    expect(request.path).toBe(`/api/store/order/${order.id}/products`);
    expect(request.contentType).toBe("application/x-www-form-urlencoded");
    expect(request.form).toEqual({
      status: ["OUT_FOR_DELIVERY"],
      message: ["Shipped today"],
      trackingnumber: ["1Z999AA10123456784"],
    });
    expect(result).toEqual({ data: orderModified });
    expect(order.status).toBe("OUT_FOR_DELIVERY");
    expect(order.history.at(-1)).toMatchObject({
      message: "Shipped today",
      trackingnumber: "1Z999AA10123456784",
    });
  });

  it("leaves out inputs that are empty", async () => {
    const order = env.emulator.portal.orders[11];
    await harness.action("updateOrder", {
      connection: env.connection,
      id: order.id,
      status: "FINISHED",
      messsage: "",
    });
    expect(env.emulator.requestsTo("/api/store/order", "POST")[0].form).toEqual({
      status: ["FINISHED"],
    });
  });

  it("rejects a status Bynder does not know, before any request", async () => {
    const order = env.emulator.portal.orders[12];
    const error = await failure("updateOrder", { id: order.id, status: "SHIPPED" });
    expect(error.message).toMatch(/^Order Status must be one of IN_PROGRESS, CANCELED/);
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("needs something to change", async () => {
    const order = env.emulator.portal.orders[12];
    const error = await failure("updateOrder", { id: order.id });
    expect(error.message).toMatch(/^Order Status, Message or Tracking Number: give at least one/);
    expect(env.emulator.requests).toHaveLength(0);
  });

  it("passes on Bynder's 404 message", async () => {
    const error = await failure("updateOrder", { id: "nope", status: "FINISHED" });
    expect(error.message).toBe(
      "Bynder POST /api/store/order/nope/products/ failed with HTTP 404: Order not found",
    );
  });
});
