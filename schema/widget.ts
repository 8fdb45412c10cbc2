/**
 * What `GET /v1/widget/{site}/{survey}` returns: everything the widget renders, already in the
 * visitor's language, so the widget bundle carries no translations. The widget imports this file with
 * `import type` only, so none of it (nor zod) ships to browsers.
 */
import * as z from "zod";
import { Audience, Kind, Locale } from "./common";
import { WidgetPrompt } from "./prompt";

/** `?locale=` overrides Accept-Language. */
export const WidgetQuery = z.object({ locale: Locale.optional() });

export const UiStrings = z.strictObject({
  /** The floating button's label. */
  button: z.string(),
  close: z.string(),
  submit: z.string(),
  sending: z.string(),
  thanks: z.string(),
  /** Shown when the answer could not be sent now and waits to be sent later. */
  queued: z.string(),
  error: z.string(),
  /** Label of the optional comment box when the survey has no comment prompt of its own. */
  comment: z.string(),
  /** Appended to a label of an optional field. */
  optional: z.string(),
  topic: z.string(),
  service: z.string(),
  thumbsUp: z.string(),
  thumbsDown: z.string(),
  /** Shown when a `text` survey is submitted with an empty comment. */
  commentRequired: z.string(),
  /** Label of one point of a numeric scale, with `{score}` replaced. */
  scoreLabel: z.string(),
  /** Heading of the team's replies to the respondent's earlier answer. */
  replies: z.string(),
  /** Added to the floating button's accessible name while a reply is unread. */
  newReply: z.string(),
  /** Names the author of a reply written by the team. */
  team: z.string(),
  /** Names the author of a reply written by the respondent. */
  you: z.string(),
  /** Label of the box for answering the team's replies. */
  answer: z.string(),
  /** The entry back to the respondent's open conversations with the team, and the heading of their list. */
  yourFeedback: z.string(),
  /** Names the respondent's own answer, shown on top of its conversation. */
  yourAnswer: z.string(),
  /** Button that forgets a conversation in this browser (the answer stays with the team). */
  closeThread: z.string(),
  /** Said once a conversation is closed, next to the button that brings it back. */
  threadClosed: z.string(),
  /** Brings back the conversation just closed. */
  undo: z.string(),
});
export type UiStrings = z.infer<typeof UiStrings>;

export const WidgetConfig = z.strictObject({
  site: z.string(),
  survey: z.string(),
  kind: Kind,
  audience: Audience,
  /** The locale that was chosen for the strings and the question, e.g. `ru`. */
  locale: z.string(),
  dir: z.enum(["ltr", "rtl"]),
  question: z.string(),
  commentPrompt: z.string().nullable(),
  /** Inclusive score range with labels for its two ends; `null` for `text`. */
  scale: z
    .strictObject({ min: z.number().int(), max: z.number().int(), minLabel: z.string(), maxLabel: z.string() })
    .nullable(),
  topics: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  services: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  strings: UiStrings,
  /** Cloudflare Turnstile's site key when the site requires a Turnstile token with each answer. */
  turnstile: z.strictObject({ siteKey: z.string() }).nullable(),
  /**
   * Internal sites: who sees what and when, generated from the site's settings, e.g. "Anonymous: results are
   * shown only for groups of at least 5 answers, after each week ends; …". Shown under the question. `null`
   * for external sites.
   */
  anonymity: z.string().nullable(),
  /** Internal sites: what deleting an answer does before and after its period's results are out (replies view). */
  deletion: z.string().nullable(),
  /**
   * When the widget asks by itself (README: "Asking at the right moment"): the survey's triggers, targeting,
   * sample and display limit with the site's fatigue rule; null unless the site's `autoPrompt` is enabled and
   * the survey has `prompt` settings. Settings only, the same for every visitor: it tells nothing about anyone's
   * answers, on internal sites neither.
   */
  prompt: WidgetPrompt.nullable().meta({
    description:
      "When the widget asks by itself: the survey's settings with the site's recontactDays and, on internal " +
      "sites, the open period's start (periodStart). null unless the site's autoPrompt is enabled and the " +
      "survey has prompt settings. Settings only, the same for every visitor: nothing about anyone's answers.",
  }),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;
