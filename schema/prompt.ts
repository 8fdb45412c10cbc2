/**
 * When the widget asks by itself (issue 14, README "Asking at the right moment"): a survey's triggers, who it
 * targets and how often, set on the server so that a page needs no change. The widget imports this file with
 * `import type` only.
 */
import * as z from "zod";
import { Dimension } from "./common";
import { SegmentValue } from "./response";

/** A name the page sends with `feedloop.track(name)`, e.g. `checkout_completed`. */
export const EventName = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1 to 64 letters, digits, or _ . : - (e.g. checkout_completed)");

/**
 * A page path pattern: starts with `/`, and `*` stands for any run of characters, `/` included
 * (`/checkout/*`, `/help*`, `*` alone for every page). Matched against `location.pathname` only.
 */
export const PathPattern = z
  .string()
  .trim()
  .max(200)
  .regex(/^(\/|\*)[^\s?#]*$/, "must be a path such as /checkout/* (start with / or *; no query, fragment or space)");

/** What makes the survey ask. The first trigger to fire on a page wins; a survey asks at most once per page. */
export const Trigger = z.discriminatedUnion("on", [
  /** Once the page has been open for `delaySeconds`. */
  z.strictObject({ on: z.literal("pageview"), delaySeconds: z.number().int().min(0).max(3600).default(0) }),
  /** Once the visitor has scrolled `percent` of the page. */
  z.strictObject({ on: z.literal("scroll"), percent: z.number().int().min(1).max(100) }),
  /** When the pointer leaves the page through its top edge (desktop only; never fires on touch screens). */
  z.strictObject({ on: z.literal("exit") }),
  /** A click on an element matching `selector` (or inside one). */
  z.strictObject({ on: z.literal("click"), selector: z.string().trim().min(1).max(200) }),
  /** `feedloop.track(name)` from the page, also when it was called before the widget arrived. */
  z.strictObject({ on: z.literal("event"), name: EventName }),
]);
export type Trigger = z.infer<typeof Trigger>;

/** One segment condition, matched against the segment the page gives the widget: `plan eq pro`. */
export const SegmentRule = z.strictObject({
  dimension: Dimension,
  op: z.enum(["eq", "ne"]),
  value: SegmentValue,
});
export type SegmentRule = z.infer<typeof SegmentRule>;

/** A survey's auto-prompt settings (`prompt` in PUT /v1/sites/{site}/surveys/{survey}); null: never asks by itself. */
export const PromptSettings = z.strictObject({
  triggers: z.array(Trigger).min(1).max(10),
  /** Pages it may ask on: any `include` pattern (every page when empty) and no `exclude` pattern. */
  pages: z
    .strictObject({
      include: z.array(PathPattern).max(20).default([]),
      exclude: z.array(PathPattern).max(20).default([]),
    })
    .default({ include: [], exclude: [] }),
  /** Every rule must hold for the page's segment; a dimension the page does not send fails `eq`, passes `ne`. */
  segment: z.array(SegmentRule).max(10).default([]),
  /** The share of visitors asked, in percent: each browser draws once per survey and keeps its draw. */
  sample: z.number().min(0).max(100).default(100),
  /** The most times this browser is auto-prompted for this survey, ever; null for no limit. */
  maxDisplays: z.number().int().min(1).max(1000).nullable().default(null),
});
export type PromptSettings = z.infer<typeof PromptSettings>;

/**
 * A site's auto-prompt switch (PUT /v1/sites/{site}, `autoPrompt`): off, no survey of the site asks by itself.
 * `recontactDays`: external sites only, no auto-prompt for that many days after any answer or dismissal on the
 * site. Internal sites instead ask once per reporting period, until the employee answers or dismisses it.
 */
export const AutoPrompt = z.strictObject({
  enabled: z.boolean(),
  recontactDays: z.number().int().min(0).max(365).default(7),
});
export type AutoPrompt = z.infer<typeof AutoPrompt>;

/**
 * What the widget config (GET /v1/widget/{site}/{survey}) carries as `prompt`: the survey's settings with the
 * site's fatigue rule; null when the site's auto-prompt is off or the survey has no prompt settings.
 * `periodStart`: internal sites, the open reporting period's start (an answer or dismissal since then ends the
 * prompting until the next period); null on external sites.
 */
export const WidgetPrompt = z.strictObject({
  triggers: z.array(Trigger),
  pages: z.strictObject({ include: z.array(z.string()), exclude: z.array(z.string()) }),
  segment: z.array(SegmentRule),
  sample: z.number(),
  maxDisplays: z.number().int().nullable(),
  recontactDays: z.number().int(),
  periodStart: z.string().nullable(),
});
export type WidgetPrompt = z.infer<typeof WidgetPrompt>;
