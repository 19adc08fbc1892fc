export const triggers = {};
