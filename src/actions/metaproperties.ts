export const metapropertyActions = {};
