import type { Kind, ReportingPeriod } from "../../schema/common";
import type { UiStrings } from "../../schema/widget";

/** The topic ids that have a label in every language; a survey's other topics show their id. */
export type TopicId = "complaint" | "suggestion" | "praise" | "question";

/** Kinds with a score scale; `text` has none. */
export type ScaleKind = Exclude<Kind, "text">;

/**
 * What an internal site tells its employees, generated from the site's own settings (privacy-notice.ts),
 * never from its data: no team or group is ever named.
 */
export type PrivacyWords = {
  /**
   * The noun after the minimum group size, by the number's plural category (Intl.PluralRules): "5 answers".
   * `other` is required; a category the language does not distinguish falls back to it.
   */
  answers: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  /**
   * Under the question: who sees what and when. `groupSize` is the minimum group size with its noun
   * ("5 answers"), `verified` whether the site checks the employee's identity (which is still not stored).
   */
  anonymity(groupSize: string, period: ReportingPeriod, verified: boolean): string;
  /** In the follow-up view: what deleting the answer does before and after its period's results are out. */
  deletion(period: ReportingPeriod): string;
};

/**
 * One language's words. Every key is required, so a language that misses a string, a topic or a
 * scale fails the type check instead of showing a gap.
 */
export type LocaleCatalog = {
  strings: UiStrings;
  topics: Record<TopicId, string>;
  /** The labels of the two ends of each scale: [lowest score, highest score]. */
  scale: Record<ScaleKind, [low: string, high: string]>;
  privacy: PrivacyWords;
};

/** How the route reads a catalog: by any topic id or kind, with a fallback of its own. */
export type Catalog = {
  strings: UiStrings;
  topics: Record<string, string>;
  scale: Record<string, [low: string, high: string]>;
  privacy: PrivacyWords;
};
