export const uploadActions = {};
