/**
 * Which segment values a site takes (README: "Abuse, floods and faults"). Values are chosen by whoever posts,
 * so a dimension either lists the values it accepts, or accepts at most the site's `maxDimensionValues`
 * distinct ones (counted by the database, db/segment-values.ts). Values a verified credential gives (an
 * intranet's team and role) are the identity provider's, not the page's: neither rule applies to them.
 */
import type { Site } from "../../schema/config";

/** One dimension's value, as the registry of an open dimension's values keeps it. */
export type SegmentValueEntry = { dimension: string; value: string };

/** How many listed values a refusal names before it only counts the rest. */
const NAMED_VALUES = 20;

/** A dimension's list of values, if it has one. Own keys only: a dimension may be called `constructor`. */
const listOf = (site: Site, dimension: string): string[] | undefined =>
  Object.hasOwn(site.dimensionValues, dimension) ? site.dimensionValues[dimension] : undefined;

/** The refusal of a value a listing dimension does not take; it names only what the admin published. */
export function listedValueProblem(site: Site, dimension: string, value: string): string | null {
  const listed = listOf(site, dimension);
  if (!listed || listed.includes(value)) return null;
  if (listed.length <= NAMED_VALUES) return `must be one of ${listed.join(", ")}`;
  return `must be one of the ${listed.length} values this site lists for ${dimension}, such as ${listed
    .slice(0, NAMED_VALUES)
    .join(", ")}`;
}

/** The values of dimensions without a list, sent by the page: those that count against the cap. */
export function openSegmentValues(
  site: Site,
  segment: Record<string, string> | undefined,
  verifiedDimensions: readonly string[] = [],
): SegmentValueEntry[] {
  return Object.entries(segment ?? {})
    .filter(([dimension]) => site.dimensions.includes(dimension))
    .filter(([dimension]) => !listOf(site, dimension) && !verifiedDimensions.includes(dimension))
    .map(([dimension, value]) => ({ dimension, value }));
}

/** The refusal of a new value past the cap, for a site whose respondents are not anonymous. */
export const capReachedProblem = (site: Site, dimension: string) =>
  `${dimension} takes no new values: this site already holds its maximum of ${site.maxDimensionValues} distinct ` +
  `values of ${dimension}. Send one it has had before; its admin may raise maxDimensionValues (up to 1000) or ` +
  `list the values ${dimension} accepts (dimensionValues)`;
