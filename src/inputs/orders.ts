/** Inputs of the brand store order actions. Keys follow the incumbent component. */
import { input } from "@prismatic-io/spectral";
import { optionalOneOf } from "./clean";
import { idInput, optionalIdInput, page, textInput } from "./common";

/** An order id as List Orders returns it (8-4-4-4-12 on /api/store; Bynder's docs also show 8-4-4-16). */
const ORDER_ID_EXAMPLE = "8c1f3e52-7a4d-4b9e-9c2a-5d6e7f8a9b0c";

export const orderId = idInput({
  label: "Order ID",
  comments:
    "The ID of the order, as List Orders returns it in `id` (not the order reference such as NA13334).",
  format: "segment",
  dataSource: "selectOrder",
  example: ORDER_ID_EXAMPLE,
});

export const optionalOrderId = optionalIdInput({
  label: "Order ID",
  comments:
    "The ID of the order, as List Orders returns it in `id`. Give either this or Order Number, not both.",
  format: "segment",
  dataSource: "selectOrder",
  example: ORDER_ID_EXAMPLE,
});

export const orderNumber = optionalIdInput({
  label: "Order Number",
  comments:
    "The order's number or reference (List Orders' `order_ref`), looked up in place of the ID. Give either this or Order ID, not both.",
  format: "segment",
  example: "NA13334",
});

export const orderPage = input({
  ...page,
  comments:
    "The page of orders to return, starting at 1. Bynder returns 10 orders a page; the page size cannot be changed.",
});

/** The nine statuses Bynder's Modify order accepts. */
export const ORDER_STATUSES = [
  "IN_PROGRESS",
  "CANCELED",
  "FAILED",
  "WAITING_FOR_PAYMENT",
  "FOR_ORDER",
  "IN_PRODUCTION",
  "PRODUCTION_SUSPENDED",
  "OUT_FOR_DELIVERY",
  "FINISHED",
] as const;

export const orderStatus = input({
  label: "Order Status",
  type: "string",
  required: false,
  model: ORDER_STATUSES.map((status) => ({ label: status, value: status })),
  comments: "The order's new status. Leave empty to keep the current one.",
  example: "OUT_FOR_DELIVERY",
  clean: optionalOneOf("Order Status", ORDER_STATUSES),
});

export const orderMessage = textInput(
  "Message",
  "A message to record with the status change, e.g. for the person who placed the order.",
  "Order has been delivered",
);

export const trackingNumber = textInput(
  "Tracking Number",
  "The shipment's tracking number or a link to it.",
  "1Z999AA10123456784",
);

// --- Order lines ------------------------------------------------------------------------------

export const orderLineId = idInput({
  label: "Order Line ID",
  comments:
    "The ID of an order line (a product in an order: `id` in Get Order's list). The list follows Order ID.",
  format: "segment",
  dataSource: "selectOrderLine",
  example: ORDER_ID_EXAMPLE,
});

export const orderOfLine = optionalIdInput({
  label: "Order ID",
  comments:
    "The order whose lines the Order Line ID list shows. Only fills that list; Bynder is not sent it.",
  format: "segment",
  dataSource: "selectOrder",
  example: ORDER_ID_EXAMPLE,
});

export const ORDER_LINE_STATUSES = ["approved", "rejected"] as const;

export const orderLineStatus = input({
  label: "Status",
  type: "string",
  required: false,
  model: ORDER_LINE_STATUSES.map((status) => ({ label: status, value: status })),
  comments: "Approve or reject the order line. Leave empty to keep its status.",
  example: "approved",
  clean: optionalOneOf("Status", ORDER_LINE_STATUSES),
});

export const customerReference = textInput(
  "Customer Reference",
  "The customer's reference for the order line, e.g. a purchase order number. Leave empty to keep it.",
  "PO-2024-0042",
);
