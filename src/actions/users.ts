export const userActions = {};
