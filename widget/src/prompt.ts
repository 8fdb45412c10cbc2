import type { WidgetPrompt } from "../../schema/prompt";

/**
 * Auto-prompts (issue 14): the survey's triggers, targeting, sampling and fatigue, evaluated in the loader so that
 * a page that never asks loads no panel. A stub for now: it arms nothing, and events tracked are dropped.
 */
export type PromptContext = {
  site: string;
  survey: string;
  audience: "internal" | "external";
  segment: Record<string, string>;
  prompt: WidgetPrompt;
};

/** Arms the survey's triggers if pages/segment/sample/fatigue allow; calls `show()` at most once per page. */
export function arm(_context: PromptContext, _show: () => void): void {}

/** `feedloop.track(name)`: a named event from the page, for event triggers. */
export function track(_name: string): void {}

/** Fatigue bookkeeping, kept in localStorage: an auto-prompt was shown; the visitor answered or dismissed. */
export function noteShown(_site: string, _survey: string): void {}
export function noteDone(_site: string): void {}
