import type { Kind } from "../../schema/common";
import type { UiStrings } from "../../schema/widget";

/** The topic ids that have a label in every language; a survey's other topics show their id. */
export type TopicId = "complaint" | "suggestion" | "praise" | "question";

/** Kinds with a score scale; `text` has none. */
export type ScaleKind = Exclude<Kind, "text">;

/**
 * One language's words. Every key is required, so a language that misses a string, a topic or a
 * scale fails the type check instead of showing a gap.
 */
export type LocaleCatalog = {
  strings: UiStrings;
  topics: Record<TopicId, string>;
  /** The labels of the two ends of each scale: [lowest score, highest score]. */
  scale: Record<ScaleKind, [low: string, high: string]>;
};

/** How the route reads a catalog: by any topic id or kind, with a fallback of its own. */
export type Catalog = { strings: UiStrings; topics: Record<string, string>; scale: Record<string, [low: string, high: string]> };
