export const dataSources = {};
