/**
 * What a browser keeps for auto-prompts: one localStorage key per site, `feedloop:prompt:SITE`, holding
 * `[Memory]` (prompt-rules.ts). Nothing about it is sent.
 */
import type { Memory } from "./prompt-rules";
import { update } from "./storage";

/**
 * Reads, changes and writes back a site's memory. Without storage (blocked, full) there is none: fatigue could
 * not be kept, so such a browser is never auto-prompted.
 */
export const remember = (site: string, change: (memory: Memory) => unknown): Memory | undefined =>
  update<Memory>("feedloop:prompt:" + site, ([memory = { shown: {}, draw: {} }]) => {
    change(memory);
    return [memory];
  })[0];

/** An auto-prompt of this survey was shown: counts towards its `maxDisplays`. */
export const noteShown = (site: string, survey: string) =>
  remember(site, (m) => (m.shown[survey] = -~m.shown[survey]!)); // -~undefined is 1

/** The visitor answered or dismissed a survey of the site: the recontact wait (or the period) starts. */
export const noteDone = (site: string) => remember(site, (m) => (m.done = Date.now()));
