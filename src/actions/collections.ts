export const collectionActions = {};
