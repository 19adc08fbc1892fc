/**
 * Brandstore orders under /api/store (bynder-api.md §4.7, openapi brandstore.json).
 *
 * - GET  /api/store/order?page=n             orders, a fixed page size of 10, newest first
 * - GET  /api/store/order/{id}               order info
 * - GET  /api/store/order/{idOrNumber}/products   the order's lines
 * - POST /api/store/order/{id}/products      modify order (form: status, message, trackingnumber)
 * - POST /api/store/order/{id}               the same, where Prismatic's old component posts it
 * - GET/PATCH /api/store/orderproducts/{id}  one order line; PATCH takes JSON
 *
 * Brandstore answers writes with `{message, status_code}` (with an underscore, unlike v4). Its
 * error body is not documented; the emulator uses the same envelope so `message` carries the reason.
 */
import { json, type EmulatorResponse } from "../http";
import { ORDER_STATUSES, type Order, type OrderLine, type Portal } from "../portal";
import { route, type Handler, type Route } from "../context";
import { isoOffset, isoZ, sha256, uuid } from "../util";

/** Bynder's fixed page size for the order list. */
export const ORDER_PAGE_SIZE = 10;

const READ = "brandstore.order:read";
const WRITE = "brandstore.order:write";
const DAY = 24 * 60 * 60 * 1000;

/** The list shows a human label where order info shows the status code. */
export const ORDER_STATUS_LABELS: Record<(typeof ORDER_STATUSES)[number], string> = {
  IN_PROGRESS: "In progress",
  CANCELED: "Canceled",
  FAILED: "Failed",
  WAITING_FOR_PAYMENT: "Waiting for payment",
  FOR_ORDER: "For order",
  IN_PRODUCTION: "In production",
  PRODUCTION_SUSPENDED: "Production suspended",
  OUT_FOR_DELIVERY: "Out for delivery",
  FINISHED: "Finished",
};

const ORDERLINE_STATUSES = ["approved", "rejected"] as const;

const storeError = (status: number, message: string): EmulatorResponse =>
  json(status, { message, status_code: status });
const storeCreated = (): EmulatorResponse => json(201, { message: "Created", status_code: 201 });

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** By id only (order info). */
const orderById = (portal: Portal, id: string): Order | undefined =>
  portal.orders.find((order) => sameId(order.id, id));

/**
 * By id, order number or order reference: Getting Started lists "Retrieve specific order by
 * number" next to "by id", and Prismatic's component puts either into the same path slot.
 */
const orderByIdOrNumber = (portal: Portal, value: string): Order | undefined =>
  orderById(portal, value) ??
  portal.orders.find((order) => order.orderNumber === value || order.orderReference === value);

const findLine = (portal: Portal, id: string): { order: Order; line: OrderLine } | undefined => {
  for (const order of portal.orders) {
    const line = order.lines.find((candidate) => sameId(candidate.id, id));
    if (line) return { order, line };
  }
  return undefined;
};

const PRODUCT_SIZES: Record<string, [number, number, number, number]> = {
  // height, width, depth (cm), weight (g)
  "Business cards": [5.5, 8.5, 0.1, 2],
  "A4 poster": [29.7, 21, 0.1, 10],
};

/** The product a line was ordered from; derived from the line so it is stable across runs. */
const productOf = (order: Order, line: OrderLine) => {
  const number = line.sku.replace(/\D/g, "").padStart(9, "0");
  const [height, width, depth, weight] = PRODUCT_SIZES[line.productName] ?? [1, 1, 1, 1];
  return {
    id: uuid(sha256(`product:${line.sku}`)),
    name: line.productName,
    description: `${line.productName}, printed and shipped by the brand store`,
    isFeatured: false,
    product_number: number,
    supplier_number: null,
    size_height: height,
    size_width: width,
    size_depth: depth,
    weight,
    min_quantity: 1,
    max_quantity: 1000,
    default_quantity: 1,
    datecreated: isoOffset(order.dateCreated - 30 * DAY),
    isActive: true,
    product_type: "print",
    product_package: "unit",
    countries: null,
    sku: line.sku,
    step: 1,
    display_length_unit: "cm",
    isFree: false,
    pages: null,
    language: null,
    supplier_version_specifier: null,
    isShipping: false,
  };
};

const orderLineOut = (order: Order, line: OrderLine) => {
  const product = productOf(order, line);
  return {
    id: line.id,
    orderId: order.id,
    product,
    referenceId: product.product_number,
    name: line.productName,
    description: "",
    itemPrice: line.itemPrice,
    quantity: line.quantity,
    supplier: null,
    customerReference: line.customerReference ?? null,
    metaproperties: null,
  };
};

const listOut = (portal: Portal, order: Order) => ({
  id: order.id,
  order_ref: order.orderReference,
  net_price: order.netPrice,
  date_created: isoOffset(order.dateCreated),
  username: order.username,
  account_name: portal.account.name,
  order_status:
    ORDER_STATUS_LABELS[order.status as keyof typeof ORDER_STATUS_LABELS] ?? order.status,
  currency_symbol: "8364", // the HTML code point of "€", as Bynder sends it
});

const infoOut = (order: Order) => ({
  id: order.id,
  dateCreated: isoZ(order.dateCreated),
  status: order.status,
  orderReference: order.orderReference,
});

const listOrders: Handler = (req, { portal }) => {
  const page = req.query.int("page") ?? 1;
  if (!Number.isInteger(page) || page < 1) {
    return storeError(400, `page must be a positive whole number; got "${req.query.get("page")}"`);
  }
  const sorted = [...portal.orders].sort(
    (a, b) => b.dateCreated - a.dateCreated || b.orderNumber.localeCompare(a.orderNumber),
  );
  const slice = sorted.slice((page - 1) * ORDER_PAGE_SIZE, page * ORDER_PAGE_SIZE);
  return json(
    200,
    slice.map((order) => listOut(portal, order)),
  );
};

/** Modify order: form status (one of the nine codes), message, trackingnumber. */
const modifyOrder: Handler = (req, { portal }) => {
  const order = orderByIdOrNumber(portal, req.params.id);
  if (!order) return storeError(404, "Order not found");
  if (!req.contentType.startsWith("application/x-www-form-urlencoded")) {
    return storeError(415, "Modify order takes an application/x-www-form-urlencoded body");
  }
  const status = req.form.get("status");
  const message = req.form.get("message");
  const trackingnumber = req.form.get("trackingnumber");
  if (status === undefined && message === undefined && trackingnumber === undefined) {
    return storeError(400, "Nothing to modify: send status, message and/or trackingnumber");
  }
  if (status !== undefined && !(ORDER_STATUSES as readonly string[]).includes(status)) {
    return storeError(
      400,
      `Invalid status "${status}"; expected one of ${ORDER_STATUSES.join(", ")}`,
    );
  }
  if (status !== undefined) order.status = status;
  order.history.push({
    status: order.status,
    message: message ?? "",
    trackingnumber: trackingnumber ?? "",
    date: portal.now(),
  });
  return storeCreated();
};

const orderLine: Handler = (req, { portal }) => {
  const found = findLine(portal, req.params.id);
  if (!found) return storeError(404, "Orderline not found");
  return json(200, {
    id: found.line.id,
    status: found.line.status ?? "unknown",
    orderId: found.order.id,
    customerReference: found.line.customerReference ?? null,
  });
};

/** Modify orderline: JSON {status: approved|rejected, customerReference}. */
const modifyOrderLine: Handler = (req, { portal }) => {
  const found = findLine(portal, req.params.id);
  if (!found) return storeError(404, "Orderline not found");
  if (!req.contentType.startsWith("application/json")) {
    return storeError(415, "Modify orderline takes an application/json body");
  }
  const body = req.json;
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return storeError(400, "The body must be a JSON object with status and/or customerReference");
  }
  const { status, customerReference } = body as Record<string, unknown>;
  if (status === undefined && customerReference === undefined) {
    return storeError(400, "Nothing to modify: send status and/or customerReference");
  }
  if (status !== undefined && !(ORDERLINE_STATUSES as readonly unknown[]).includes(status)) {
    return storeError(
      400,
      `Invalid status ${JSON.stringify(status)}; expected approved or rejected`,
    );
  }
  if (customerReference !== undefined && typeof customerReference !== "string") {
    return storeError(400, "customerReference must be a string");
  }
  if (status !== undefined) found.line.status = status as OrderLine["status"];
  if (customerReference !== undefined) found.line.customerReference = customerReference;
  return storeCreated();
};

const orderInfo: Handler = (req, { portal }) => {
  const order = orderById(portal, req.params.id);
  return order ? json(200, infoOut(order)) : storeError(404, "Order not found");
};

const orderLines: Handler = (req, { portal }) => {
  const order = orderByIdOrNumber(portal, req.params.id);
  if (!order) return storeError(404, "Order not found");
  return json(
    200,
    order.lines.map((line) => orderLineOut(order, line)),
  );
};

export const orderRoutes: Route[] = [
  route("GET", "/api/store/order", READ, listOrders),
  route("GET", "/api/store/order/:id", READ, orderInfo),
  route("GET", "/api/store/order/:id/products", READ, orderLines),
  route("POST", "/api/store/order/:id/products", WRITE, modifyOrder),
  // Prismatic's component posts to the order itself (bynder-api.md §9.2); accepted too.
  route("POST", "/api/store/order/:id", WRITE, modifyOrder),
  route("GET", "/api/store/orderproducts/:id", READ, orderLine),
  route("PATCH", "/api/store/orderproducts/:id", WRITE, modifyOrderLine),
];
