export const orderActions = {};
