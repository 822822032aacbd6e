/** Stable dashboard uids: links, bookmarks and provisioning refer to them, so they never change. */
export const ONCALL_UID = 'lockstep-oncall';
export const EXECUTIVE_RISK_UID = 'lockstep-executive-risk';
