/**
 * Asking at the right moment (README), the loader's part: `track`, and the memory an auto-prompt leaves. The
 * rules and the triggers are dist/prompt.js (prompt-entry.ts), loaded only for a survey that may ask by itself
 * on this page: every other page pays nothing for them.
 */
import { load } from "./load";
import type { ArmPrompt } from "./prompt-entry";
import type { PromptContext } from "./prompt-rules";

export type { PromptContext };
export { noteDone, noteShown } from "./prompt-memory";

/** The names the page has tracked so far; each is also an event on `tracks`, for the triggers armed now. */
const tracked: string[] = [];
const tracks = new EventTarget();

/** `feedloop.track(name)`: fires the event triggers armed now or later on this page. */
export function track(name: string): void {
  tracked.push(name);
  tracks.dispatchEvent(new Event(name));
}

/** Arms the survey's triggers (dist/prompt.js) when this page view may ask; the first to fire calls `show`, once. */
export const arm = (context: PromptContext & { base: string }, show: () => void) =>
  load<ArmPrompt>(context.base + "/prompt.js", context, show, tracked, tracks);
