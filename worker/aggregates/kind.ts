import type { Kind } from "../../schema/common";
import type { SurveyChoices } from "../db/scope";
import { validationFailed } from "../errors";

/**
 * The kind a query reads: `kind`, or the kind of the survey it names. Only surveys of the sites the caller
 * reads count (resolveScope has refused a survey named by none of them), so a key limited to some
 * sites learns nothing of a survey elsewhere, not even its kind.
 */
export function resolveKind(query: { kind?: Kind; survey?: string }, surveys: SurveyChoices[]): Kind {
  if (!query.survey) {
    if (!query.kind) throw validationFailed([{ path: "query.kind", message: "required unless survey is given" }]);
    return query.kind;
  }
  const kinds = [...new Set(surveys.filter((survey) => survey.id === query.survey).map((survey) => survey.kind))];
  if (query.kind) {
    if (!kinds.includes(query.kind))
      throw validationFailed([
        { path: "query.kind", message: `survey ${query.survey} is ${kinds.join("/")}, not ${query.kind}` },
      ]);
    return query.kind;
  }
  if (kinds.length > 1)
    throw validationFailed([
      {
        path: "query.kind",
        message: `surveys named ${query.survey} have kinds ${kinds.join(", ")}: name one, or the site`,
      },
    ]);
  return kinds[0]!;
}
