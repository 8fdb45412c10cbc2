import { update } from "./storage";

/**
 * A follow-up token lets this browser, and only it, read the team's replies to an answer and answer
 * back. `at`: when the answer was given; `seen`: when the newest team reply shown here was written.
 */
export type FollowUp = { token: string; at: number; seen: number };

export const followUps = (site: string, change?: (list: FollowUp[]) => FollowUp[]) =>
  update("feedloop:followups:" + site, change);

/** Newest last, keeping the last 20. */
export function rememberFollowUp(site: string, token: string): void {
  followUps(site, (list) => [...list, { token, at: Date.now(), seen: 0 }].slice(-20));
}
