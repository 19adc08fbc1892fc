/** Brand store orders (`/api/store`). */
import { InputError, path } from "../client";
import { orderInfo, orderLines, orderList, orderModified } from "../examplePayloads/orders";
import { connection } from "../inputs/common";
import {
  optionalOrderId,
  orderId,
  orderMessage,
  orderNumber,
  orderPage,
  orderStatus,
  trackingNumber,
} from "../inputs/orders";
import { bynderAction } from "./bynderAction";

export const getOrder = bynderAction({
  display: {
    label: "Get Order",
    description: "Retrieve the products (order lines) of an order, by its ID or its number",
  },
  inputs: { id: optionalOrderId, orderNumber, connection },
  performSafety: "safe",
  examplePayload: { data: orderLines },
  run: (bynder, { id, orderNumber: number }) => {
    if (Boolean(id) === Boolean(number)) {
      throw new InputError(
        `Order ID or Order Number: give exactly one of them (${id ? "both were given" : "neither was given"}).`,
      );
    }
    return bynder.get(path`/api/store/order/${(id ?? number)!}/products/`);
  },
});

export const getOrderInfo = bynderAction({
  display: {
    label: "Get Order Info",
    description: "Retrieve the status and reference of an order",
  },
  inputs: { id: orderId, connection },
  performSafety: "safe",
  examplePayload: { data: orderInfo },
  run: (bynder, { id }) => bynder.get(path`/api/store/order/${id}/`),
});

export const listOrders = bynderAction({
  display: { label: "List Orders", description: "Retrieve a page of brand store orders" },
  inputs: { page: orderPage, connection },
  performSafety: "safe",
  examplePayload: { data: orderList },
  run: (bynder, { page }) => bynder.get(path`/api/store/order/`, { page }),
});

export const updateOrder = bynderAction({
  display: {
    label: "Update Order",
    description: "Change an order's status, with an optional message and tracking number",
  },
  inputs: {
    id: orderId,
    status: orderStatus,
    messsage: orderMessage,
    trackingnumber: trackingNumber,
    connection,
  },
  performSafety: "notAllowed",
  examplePayload: { data: orderModified },
  run: (bynder, { id, status, messsage, trackingnumber }) => {
    if (!status && !messsage && !trackingnumber) {
      throw new InputError(
        "Order Status, Message or Tracking Number: give at least one of them to update the order.",
      );
    }
    // The input key `messsage` (three s's) is the incumbent component's, kept so existing flows
    // keep working. The incumbent also sent that misspelt field to Bynder, which ignores it; we send
    // the documented field `message`, to the documented path `/api/store/order/{id}/products`
    // (Bynder's "Modify order"; the incumbent posted to `/api/store/order/{id}`).
    return bynder.postForm(path`/api/store/order/${id}/products/`, {
      status,
      message: messsage,
      trackingnumber,
    });
  },
});

export const orderActions = { getOrder, getOrderInfo, listOrders, updateOrder };
