/** Shaped like the emulator's real responses under /api/store (captured, lists trimmed). */

/** GET /api/store/order/?page=1 */
export const orderList = [
  {
    id: "f5b9bf58-b422-4518-8bea-0de98cf30ff1",
    order_ref: "ORD-20240023",
    net_price: 135,
    date_created: "2024-02-14T00:00:00+00:00",
    username: "margaret.hamilton@acme.example",
    account_name: "Acme Corporation",
    order_status: "For order",
    currency_symbol: "8364",
  },
  {
    id: "c94f254d-2a76-4e72-81cb-c4507cced333",
    order_ref: "ORD-20240022",
    net_price: 130,
    date_created: "2024-02-12T00:00:00+00:00",
    username: "ken.thompson@acme.example",
    account_name: "Acme Corporation",
    order_status: "Waiting for payment",
    currency_symbol: "8364",
  },
];

/** GET /api/store/order/{id}/ */
export const orderInfo = {
  id: "f5b9bf58-b422-4518-8bea-0de98cf30ff1",
  dateCreated: "2024-02-14T00:00:00Z",
  status: "FOR_ORDER",
  orderReference: "ORD-20240023",
};

/** GET /api/store/order/{id}/products/ */
export const orderLines = [
  {
    id: "ebdd4428-a54f-42fa-bb51-d3b75d3c1fda",
    orderId: "f5b9bf58-b422-4518-8bea-0de98cf30ff1",
    product: {
      id: "98566d68-5bd6-4776-adbb-cc4c377bf305",
      name: "Business cards",
      description: "Business cards, printed and shipped by the brand store",
      isFeatured: false,
      product_number: "000000122",
      supplier_number: null,
      size_height: 5.5,
      size_width: 8.5,
      size_depth: 0.1,
      weight: 2,
      min_quantity: 1,
      max_quantity: 1000,
      default_quantity: 1,
      datecreated: "2024-01-15T00:00:00+00:00",
      isActive: true,
      product_type: "print",
      product_package: "unit",
      countries: null,
      sku: "BC-122",
      step: 1,
      display_length_unit: "cm",
      isFree: false,
      pages: null,
      language: null,
      supplier_version_specifier: null,
      isShipping: false,
    },
    referenceId: "000000122",
    name: "Business cards",
    description: "",
    itemPrice: 0.1,
    quantity: 250,
    supplier: null,
    customerReference: null,
    metaproperties: null,
  },
];

/** POST /api/store/order/{id}/products/ (Modify order) */
export const orderModified = { message: "Created", status_code: 201 };

/** An order line (GET /api/store/orderproducts/{id}); status is "unknown" until approved or rejected. */
export const orderLine = {
  id: "3b7c9d1e-2f4a-4c6b-8d0e-1f2a3b4c5d6e",
  status: "approved",
  orderId: "8c1f3e52-7a4d-4b9e-9c2a-5d6e7f8a9b0c",
  customerReference: "PO-2024-0042",
};
