export const jobActions = {};
