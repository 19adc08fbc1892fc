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
