/**
 * A survey's auto-prompt settings (schema/prompt.ts, issue 14) as the survey form edits them, and back:
 * plain functions, apart from the components that draw them (prompt-fields.tsx, prompt-rows.tsx).
 */
import type { PromptSettings, SegmentRule, Trigger } from "../api-types";
import { strings } from "../strings";
import { linesOf, toLines } from "./lines";

const t = strings.prompt;
export type On = Trigger["on"];
export const TRIGGERS: On[] = ["pageview", "scroll", "exit", "click", "event"];

/** A trigger as the form edits it: its kind, and its one setting as typed (none for exit intent). */
export type TriggerRow = { on: On; value: string };
/** A segment rule as the form edits it: the API's own shape, every field a string. */
export type RuleRow = SegmentRule;
/** What Add puts in a new trigger row. */
export const NEW_TRIGGER: TriggerRow = { on: "pageview", value: "5" };

/** A survey's auto-prompt settings as the form edits them (schema/prompt.ts PromptSettings). */
export type PromptDraft = {
  enabled: boolean;
  triggers: TriggerRow[];
  include: string;
  exclude: string;
  segment: RuleRow[];
  sample: string;
  maxDisplays: string;
};

/** The problems' fields (nested paths of the survey's body), for useConfigForm's save. */
export const PROMPT_FIELDS = [
  "prompt",
  "prompt.triggers",
  "prompt.pages.include",
  "prompt.pages.exclude",
  "prompt.segment",
  "prompt.sample",
  "prompt.maxDisplays",
];
export const PROMPT_ROWS = { "prompt.triggers": t.trigger, "prompt.segment": t.rule };
export const PROMPT_LINES = ["prompt.pages.include", "prompt.pages.exclude"];

const settingOf = (trigger: Trigger): string =>
  trigger.on === "pageview"
    ? String(trigger.delaySeconds)
    : trigger.on === "scroll"
      ? String(trigger.percent)
      : trigger.on === "click"
        ? trigger.selector
        : trigger.on === "event"
          ? trigger.name
          : "";

export function draftOf(prompt: PromptSettings | null | undefined): PromptDraft {
  return {
    enabled: !!prompt,
    triggers: prompt?.triggers.map((trigger) => ({ on: trigger.on, value: settingOf(trigger) })) ?? [NEW_TRIGGER],
    include: toLines(prompt?.pages.include ?? []),
    exclude: toLines(prompt?.pages.exclude ?? []),
    segment: prompt?.segment.map((rule) => ({ ...rule })) ?? [],
    sample: String(prompt?.sample ?? 100),
    maxDisplays: prompt?.maxDisplays ? String(prompt.maxDisplays) : "",
  };
}

/**
 * The settings as the API takes them, or null when the survey does not ask by itself. Numbers go as typed
 * (an empty one as absent): the API says what is wrong with them, next to their field.
 */
export function settingsOf(draft: PromptDraft): PromptSettings | null {
  if (!draft.enabled) return null;
  const number = (text: string) => (text.trim() === "" ? undefined : Number(text));
  const triggers = draft.triggers.map((row): Trigger => {
    if (row.on === "pageview") return { on: "pageview", delaySeconds: number(row.value) ?? 0 };
    if (row.on === "scroll") return { on: "scroll", percent: number(row.value)! };
    if (row.on === "click") return { on: "click", selector: row.value.trim() };
    if (row.on === "event") return { on: "event", name: row.value.trim() };
    return { on: "exit" };
  });
  return {
    triggers,
    pages: { include: linesOf(draft.include), exclude: linesOf(draft.exclude) },
    segment: draft.segment.map((rule) => ({ ...rule, dimension: rule.dimension.trim(), value: rule.value.trim() })),
    sample: number(draft.sample) ?? 100,
    maxDisplays: number(draft.maxDisplays) ?? null,
  };
}

/** The settings in one line, for the survey's card: "page view after 5 s; on /checkout/*; 20 % of visitors". */
export function promptSummary(prompt: PromptSettings | null | undefined): string | null {
  if (!prompt) return null;
  const said = t.summary;
  const parts = [prompt.triggers.map((trigger) => said.trigger[trigger.on]!(settingOf(trigger))).join(", ")];
  if (prompt.pages.include.length > 0) parts.push(said.on(prompt.pages.include.join(", ")));
  if (prompt.pages.exclude.length > 0) parts.push(said.notOn(prompt.pages.exclude.join(", ")));
  for (const rule of prompt.segment) parts.push(`${rule.dimension} ${t[rule.op]} ${rule.value}`);
  if (prompt.sample < 100) parts.push(said.sample(prompt.sample));
  if (prompt.maxDisplays) parts.push(said.maxDisplays(prompt.maxDisplays));
  return parts.join("; ");
}
