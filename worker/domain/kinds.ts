import { SCORE_RANGE, type Kind } from "../../schema/common";

/** Why a score is not acceptable for a kind, or null when it is. */
export function scoreProblem(kind: Kind, score: number | null | undefined): string | null {
  if (kind === "text") return score == null ? null : "text surveys take no score";
  if (score == null) return `required for ${kind} surveys`;
  if (!Number.isInteger(score)) return "must be an integer";
  const { min, max } = SCORE_RANGE[kind];
  if (score < min || score > max) return `must be between ${min} and ${max} for ${kind} surveys`;
  return null;
}
