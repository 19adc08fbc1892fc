export const usageActions = {};
