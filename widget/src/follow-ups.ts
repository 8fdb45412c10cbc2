import { update } from "./storage";

/**
 * A follow-up token lets this browser, and only it, read the team's replies to an answer and answer
 * back. `seen`: when the newest team reply shown here was written. (Tokens stored by earlier versions
 * also carry `at`, when the answer was given, which nothing reads.)
 */
export type FollowUp = { token: string; seen: number };

export const followUps = (site: string, change?: (list: FollowUp[]) => FollowUp[]) =>
  update("feedloop:followups:" + site, change);

/** Newest last, keeping the last 20. */
export function rememberFollowUp(site: string, token: string): void {
  followUps(site, (list) => [...list, { token, seen: 0 }].slice(-20));
}
