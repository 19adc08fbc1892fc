export const miscActions = {};
