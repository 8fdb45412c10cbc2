import type { Catalog } from "./catalog";
import { SCORE_KINDS, type ScoreKind } from "./format";

export type Side = "internal" | "external";

/**
 * Which kinds each side asks about each service in: for every service a survey lists, the kinds of the
 * surveys of internal sites and of external sites that rate it. From the configuration, not the answers: a
 * side that rates a service in no kind will never have a figure for it, whatever the period.
 */
export function kindsBySide(catalog: Catalog): Map<string, Record<Side, Set<string>>> {
  const audienceOf = new Map(catalog.sites.map((site) => [site.id, site.audience]));
  const rated = new Map<string, Record<Side, Set<string>>>();
  for (const survey of catalog.surveys) {
    const side = audienceOf.get(survey.site);
    if (!side) continue;
    for (const service of survey.services ?? []) {
      const sides = rated.get(service) ?? { internal: new Set<string>(), external: new Set<string>() };
      sides[side].add(survey.kind);
      rated.set(service, sides);
    }
  }
  return rated;
}

/**
 * The kind both sides rate for the most of `services`, so the view opens on figures it can compare (issue 15,
 * item 5: opening on NPS showed "No data" for every employee, whose surveys were CSAT). Ties go to the first in
 * SCORE_KINDS' order; `services` is 0 when no service is rated by both sides in any one kind (then NPS).
 */
export function commonKind(
  rated: Map<string, Record<Side, Set<string>>>,
  services: string[],
): { kind: ScoreKind; services: number } {
  let best: { kind: ScoreKind; services: number } = { kind: SCORE_KINDS[0], services: 0 };
  for (const kind of SCORE_KINDS) {
    const both = services.filter((id) => {
      const sides = rated.get(id);
      return !!sides && sides.internal.has(kind) && sides.external.has(kind);
    }).length;
    if (both > best.services) best = { kind, services: both };
  }
  return best;
}
