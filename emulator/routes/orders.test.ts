import { ORDER_STATUSES } from "../portal";
import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;

const OFFSET_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
const Z_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const RFC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("GET /api/store/order", () => {
  it("lists ten orders a page, newest first, in Bynder's list shape", async () => {
    const { status, body } = await call("GET", "/api/store/order/");
    expect(status).toBe(200);
    expect(body).toHaveLength(10);
    const [first] = body;
    expect(Object.keys(first).sort()).toEqual(
      [
        "account_name",
        "currency_symbol",
        "date_created",
        "id",
        "net_price",
        "order_ref",
        "order_status",
        "username",
      ].sort(),
    );
    expect(first.id).toMatch(RFC_ID);
    expect(first.date_created).toMatch(OFFSET_DATE);
    expect(typeof first.net_price).toBe("number");
    expect(first.account_name).toBe(env.emulator.portal.account.name);
    expect(first.currency_symbol).toBe("8364");
    const dates = body.map((o: { date_created: string }) => Date.parse(o.date_created));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    const stored = env.emulator.portal.orders.find((o) => o.id === first.id)!;
    expect(first.order_ref).toBe(stored.orderReference);
  });

  it("shows the status as a human label", async () => {
    const { body } = await call("GET", "/api/store/order?page=1");
    const labels = new Set(body.map((o: { order_status: string }) => o.order_status));
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z ]+$/);
    const inProduction = env.emulator.portal.orders.find((o) => o.status === "IN_PRODUCTION")!;
    const all = [
      ...(await call("GET", "/api/store/order?page=1")).body,
      ...(await call("GET", "/api/store/order?page=2")).body,
      ...(await call("GET", "/api/store/order?page=3")).body,
    ];
    expect(all.find((o: { id: string }) => o.id === inProduction.id).order_status).toBe(
      "In production",
    );
  });

  it("pages through every order and ends with a short then an empty page", async () => {
    const total = env.emulator.portal.orders.length;
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const { body } = await call("GET", `/api/store/order?page=${page}&limit=50`);
      seen.push(...body.map((o: { id: string }) => o.id));
      if (body.length < 10) break;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect((await call("GET", "/api/store/order?page=99")).body).toEqual([]);
  });

  it("rejects a page that is not a positive whole number", async () => {
    for (const page of ["0", "abc", "-1", "1.5"]) {
      const { status, body } = await call("GET", `/api/store/order?page=${page}`);
      expect(status).toBe(400);
      expect(body.message).toMatch(/page/);
    }
  });

  it("needs the brandstore.order:read scope and a valid token", async () => {
    const noScope = env.emulator.issueToken(["asset:read"]);
    const forbidden = await call("GET", "/api/store/order", { token: noScope });
    expect(forbidden.status).toBe(403);
    const bad = await call("GET", "/api/store/order", { token: "nope" });
    expect(bad.status).toBe(401);
    expect(bad.body).toBe("Invalid or expired token.");
    expect(bad.headers.get("content-type")).toMatch(/^text\/plain/);
  });
});

describe("GET /api/store/order/{id}", () => {
  it("returns the order info with an ISO Z date and the status code", async () => {
    const order = env.emulator.portal.orders[3];
    const { status, body } = await call("GET", `/api/store/order/${order.id}/`);
    expect(status).toBe(200);
    expect(body).toEqual({
      id: order.id,
      dateCreated: expect.stringMatching(Z_DATE),
      status: order.status,
      orderReference: order.orderReference,
    });
    expect(Date.parse(body.dateCreated)).toBe(Math.floor(order.dateCreated / 1000) * 1000);
  });

  it("answers 404 with a message for an unknown order", async () => {
    const { status, body } = await call(
      "GET",
      "/api/store/order/00000000-0000-4000-8000-000000000000",
    );
    expect(status).toBe(404);
    expect(body).toEqual({ message: "Order not found", status_code: 404 });
  });

  it("answers 405 for a method the resource does not have", async () => {
    const order = env.emulator.portal.orders[0];
    expect((await call("DELETE", `/api/store/order/${order.id}`)).status).toBe(405);
  });
});

describe("GET /api/store/order/{idOrNumber}/products", () => {
  it("returns the order lines with their products", async () => {
    const order = env.emulator.portal.orders[1];
    const { status, body } = await call("GET", `/api/store/order/${order.id}/products/`);
    expect(status).toBe(200);
    expect(body).toHaveLength(order.lines.length);
    const [line] = body;
    expect(line).toMatchObject({
      id: order.lines[0].id,
      orderId: order.id,
      name: order.lines[0].productName,
      itemPrice: order.lines[0].itemPrice,
      quantity: order.lines[0].quantity,
      supplier: null,
      customerReference: null,
      metaproperties: null,
    });
    expect(line.product).toMatchObject({
      id: expect.stringMatching(RFC_ID),
      name: order.lines[0].productName,
      sku: order.lines[0].sku,
      isActive: true,
      isFree: false,
      isShipping: false,
      product_type: "print",
      product_package: "unit",
      datecreated: expect.stringMatching(OFFSET_DATE),
    });
    expect(line.referenceId).toBe(line.product.product_number);
    // Stable: the same product id on every call.
    const again = await call("GET", `/api/store/order/${order.id}/products`);
    expect(again.body[0].product.id).toBe(line.product.id);
  });

  it("finds the order by its number or reference too", async () => {
    const order = env.emulator.portal.orders[2];
    for (const key of [order.orderNumber, order.orderReference]) {
      const { status, body } = await call("GET", `/api/store/order/${key}/products`);
      expect(status).toBe(200);
      expect(body[0].orderId).toBe(order.id);
    }
  });

  it("answers 404 for an unknown order", async () => {
    const { status, body } = await call("GET", "/api/store/order/99999999/products");
    expect(status).toBe(404);
    expect(body.message).toBe("Order not found");
  });
});

describe("POST /api/store/order/{id}/products (modify order)", () => {
  it("sets status, message and tracking number and answers 201", async () => {
    const order = env.emulator.portal.orders[4];
    const { status, body } = await call("POST", `/api/store/order/${order.id}/products/`, {
      form: { status: "OUT_FOR_DELIVERY", message: "On its way", trackingnumber: "TRACK-1" },
    });
    expect(status).toBe(201);
    expect(body).toEqual({ message: "Created", status_code: 201 });
    expect(order.status).toBe("OUT_FOR_DELIVERY");
    expect(order.history.at(-1)).toMatchObject({
      status: "OUT_FOR_DELIVERY",
      message: "On its way",
      trackingnumber: "TRACK-1",
    });
    const info = await call("GET", `/api/store/order/${order.id}`);
    expect(info.body.status).toBe("OUT_FOR_DELIVERY");
  });

  it("accepts every one of the nine statuses and nothing else", async () => {
    const order = env.emulator.portal.orders[5];
    for (const value of ORDER_STATUSES) {
      const { status } = await call("POST", `/api/store/order/${order.id}/products`, {
        form: { status: value },
      });
      expect(status).toBe(201);
      expect(order.status).toBe(value);
    }
    for (const value of ["in_progress", "SHIPPED", ""]) {
      const { status, body } = await call("POST", `/api/store/order/${order.id}/products`, {
        form: { status: value },
      });
      expect(status).toBe(400);
      expect(body.message).toMatch(/Invalid status/);
    }
  });

  it("also accepts the old component's POST /api/store/order/{id}, ignoring its misspelt field", async () => {
    const order = env.emulator.portal.orders[6];
    const { status } = await call("POST", `/api/store/order/${order.id}`, {
      form: { status: "FINISHED", messsage: "typo", trackingnumber: "T-2" },
    });
    expect(status).toBe(201);
    expect(order.status).toBe("FINISHED");
    expect(order.history.at(-1)).toMatchObject({ message: "", trackingnumber: "T-2" });
  });

  it("is strict: empty body, JSON body, unknown order, missing scope", async () => {
    const order = env.emulator.portal.orders[7];
    const empty = await call("POST", `/api/store/order/${order.id}/products`, { form: {} });
    expect(empty.status).toBe(400);
    const asJson = await call("POST", `/api/store/order/${order.id}/products`, {
      json: { status: "FINISHED" },
    });
    expect(asJson.status).toBe(415);
    const unknown = await call("POST", "/api/store/order/nope/products", {
      form: { status: "FINISHED" },
    });
    expect(unknown.status).toBe(404);
    const readOnly = env.emulator.issueToken(["brandstore.order:read"]);
    const forbidden = await call("POST", `/api/store/order/${order.id}/products`, {
      form: { status: "FINISHED" },
      token: readOnly,
    });
    expect(forbidden.status).toBe(403);
  });
});

describe("/api/store/orderproducts/{id}", () => {
  it("returns one order line and modifies it with JSON", async () => {
    const order = env.emulator.portal.orders[8];
    const line = order.lines[0];
    const before = await call("GET", `/api/store/orderproducts/${line.id}`);
    expect(before.body).toEqual({
      id: line.id,
      status: "unknown",
      orderId: order.id,
      customerReference: null,
    });
    const patched = await call("PATCH", `/api/store/orderproducts/${line.id}/`, {
      json: { status: "approved", customerReference: "PO-778" },
    });
    expect(patched.status).toBe(201);
    expect(patched.body).toEqual({ message: "Created", status_code: 201 });
    const after = await call("GET", `/api/store/orderproducts/${line.id}`);
    expect(after.body).toMatchObject({ status: "approved", customerReference: "PO-778" });
    const lines = await call("GET", `/api/store/order/${order.id}/products`);
    expect(lines.body[0].customerReference).toBe("PO-778");
  });

  it("is strict about the body, the content type, the id and the scope", async () => {
    const line = env.emulator.portal.orders[9].lines[1];
    const url = `/api/store/orderproducts/${line.id}`;
    expect((await call("PATCH", url, { json: { status: "maybe" } })).status).toBe(400);
    expect((await call("PATCH", url, { json: {} })).status).toBe(400);
    expect((await call("PATCH", url, { json: { customerReference: 5 } })).status).toBe(400);
    expect((await call("PATCH", url, { form: { status: "approved" } })).status).toBe(415);
    expect(
      (await call("PATCH", "/api/store/orderproducts/nope", { json: { status: "approved" } }))
        .status,
    ).toBe(404);
    expect((await call("GET", "/api/store/orderproducts/nope")).status).toBe(404);
    const readOnly = env.emulator.issueToken(["brandstore.order:read"]);
    expect(
      (await call("PATCH", url, { json: { status: "approved" }, token: readOnly })).status,
    ).toBe(403);
    expect(line.status ?? "unknown").toBe("unknown");
  });
});
