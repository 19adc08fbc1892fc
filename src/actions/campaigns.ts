export const campaignActions = {};
