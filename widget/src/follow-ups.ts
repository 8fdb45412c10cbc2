import { update } from "./storage";

/**
 * A follow-up token lets this browser, and only it, read the team's replies to an answer and answer
 * back. `seen`: when the newest team reply shown here was written (none yet when absent). `replied`: the
 * answer has a conversation, which stays reachable (threads.tsx) until the respondent closes it or the
 * answer is deleted. (Tokens stored by earlier versions also carry `at`, when the answer was given, which
 * nothing reads.)
 */
export type FollowUp = { token: string; seen?: number; replied?: 1 };

export const followUps = (site: string, change?: (list: FollowUp[]) => FollowUp[]) =>
  update("feedloop:followups:" + site, change);

/** Newest last. replies.ts, which knows which answers have a conversation, keeps the list to 20. */
export function rememberFollowUp(site: string, token: string): void {
  followUps(site, (list) => [...list, { token }]);
}
