export const assetActions = {};
