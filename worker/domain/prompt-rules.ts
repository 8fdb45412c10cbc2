import type { PromptSettings } from "../../schema/prompt";

/** What a survey's segment rules are checked against: the dimensions the site declares, and their value lists. */
export type SegmentSchema = { id: string; dimensions: string[]; dimensionValues: Record<string, string[]> };

/**
 * What is wrong with a survey's segment rules on its site, with what to do: a rule on a dimension pages never
 * send (the site would refuse it in answers) could never hold, and neither could `eq` a value the dimension's
 * list refuses. Empty when they are fine.
 */
export function promptProblems(
  prompt: PromptSettings | null,
  site: SegmentSchema,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const [i, rule] of (prompt?.segment ?? []).entries()) {
    const values = site.dimensionValues[rule.dimension];
    if (!site.dimensions.includes(rule.dimension))
      problems.push({
        path: `prompt.segment.${i}.dimension`,
        message:
          `${rule.dimension} is not one of site ${site.id}'s dimensions (${site.dimensions.join(", ") || "none"}): ` +
          `use one of them, or add it to the site's dimensions with PUT /v1/sites/${site.id}`,
      });
    else if (values && !values.includes(rule.value))
      problems.push({
        path: `prompt.segment.${i}.value`,
        message: `${rule.value} is not one of ${rule.dimension}'s values (${values.join(", ")}): use one of them`,
      });
  }
  return problems;
}
