/**
 * The pure half of dist/prompt.js (prompt-entry.ts): whether a page view may auto-prompt, given what the browser
 * remembers. No DOM here, so test/unit checks it without a browser.
 */
import type { WidgetPrompt } from "../../schema/prompt";

export type PromptContext = {
  site: string;
  survey: string;
  audience: "internal" | "external";
  segment: Record<string, string>;
  prompt: WidgetPrompt;
};

/**
 * `done`: when the visitor last answered or dismissed a survey of the site (epoch ms); `shown`: auto-prompts
 * shown per survey; `draw`: each survey's sampling draw in [0, 100), drawn once and kept.
 */
export type Memory = { done?: number; shown: Record<string, number>; draw: Record<string, number> };

/** A path pattern (schema/prompt.ts PathPattern): `*` is any run of characters, everything else is literal. */
export const matches = (pattern: string, path: string) =>
  RegExp("^" + pattern.replace(/\W/g, "\\$&").replace(/\\\*/g, ".*") + "$").test(path);

/** Whether this page view may auto-prompt: pages, segment rules, sample, then the fatigue rules. */
export function allowed({ survey, segment, prompt }: PromptContext, memory: Memory, path: string, now: number) {
  const { pages, maxDisplays, periodStart } = prompt;
  const on = (patterns: string[]) => patterns.some((pattern) => matches(pattern, path));
  return (
    (!pages.include[0] || on(pages.include)) &&
    !on(pages.exclude) &&
    // A dimension the page does not send fails `eq` and passes `ne`.
    prompt.segment.every((rule) => (segment[rule.dimension] == rule.value) == (rule.op == "eq")) &&
    memory.draw[survey]! < prompt.sample &&
    // Internal sites: nothing more this period once answered or dismissed; external: the recontact wait.
    !(memory.done! >= (periodStart ? Date.parse(periodStart) : now - prompt.recontactDays * 864e5)) &&
    !(memory.shown[survey]! >= (maxDisplays || 1 / 0))
  );
}
