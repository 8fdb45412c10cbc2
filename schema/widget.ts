/**
 * What `GET /v1/widget/{site}/{survey}` returns: everything the widget renders, already in the
 * visitor's language, so the widget bundle carries no translations. Types only: the widget imports
 * this file with `import type`, so none of it ships to browsers.
 */
import type { Audience, Kind } from "./common";

export type UiStrings = {
  /** The floating button's label. */
  button: string;
  close: string;
  submit: string;
  sending: string;
  thanks: string;
  /** Shown when the answer could not be sent now and waits to be sent later. */
  queued: string;
  error: string;
  /** Label of the optional comment box when the survey has no comment prompt of its own. */
  comment: string;
  /** Appended to a label of an optional field. */
  optional: string;
  topic: string;
  service: string;
  thumbsUp: string;
  thumbsDown: string;
  /** Shown when a `text` survey is submitted with an empty comment. */
  commentRequired: string;
  /** Label of one point of a numeric scale, with `{score}` replaced. */
  scoreLabel: string;
  /** Heading of the team's replies to the respondent's earlier answer. */
  replies: string;
  /** Added to the floating button's accessible name while a reply is unread. */
  newReply: string;
  /** Names the author of a reply written by the team. */
  team: string;
  /** Names the author of a reply written by the respondent. */
  you: string;
  /** Label of the box for answering the team's replies. */
  answer: string;
};

export type WidgetConfig = {
  site: string;
  survey: string;
  kind: Kind;
  audience: Audience;
  /** The locale that was chosen for the strings and the question, e.g. `ru`. */
  locale: string;
  dir: "ltr" | "rtl";
  question: string;
  commentPrompt: string | null;
  /** Inclusive score range with labels for its two ends; `null` for `text`. */
  scale: { min: number; max: number; minLabel: string; maxLabel: string } | null;
  topics: { id: string; label: string }[];
  services: { id: string; name: string }[];
  strings: UiStrings;
  /** Cloudflare Turnstile's site key when the site requires a Turnstile token with each answer. */
  turnstile: { siteKey: string } | null;
  /**
   * Internal sites: who sees what and when, generated from the site's settings, e.g. "Anonymous: results are
   * shown only for groups of at least 5 answers, after each week ends; …". Shown under the question. `null`
   * for external sites.
   */
  anonymity: string | null;
  /** Internal sites: what deleting an answer does before and after its period's results are out (replies view). */
  deletion: string | null;
};
