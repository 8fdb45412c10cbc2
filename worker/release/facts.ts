import type { Site } from "../../schema/config";
import { readGroups, readReleaseRollups, rollupAsGroup, toStoredGroup } from "../db/release";
import type { Fact } from "../domain/aggregate";
import type { Bucket, BucketSize } from "../domain/buckets";
import { releaseFacts, type GroupFilter } from "../domain/release-facts";
import { isFinerThan } from "../domain/reporting-period";
import { validationFailed } from "../errors";

const DAY = 86_400_000;
/** The longest period of each kind, to find the groups whose middle may fall in a range. */
const LONGEST: Record<string, number> = { day: DAY, week: 7 * DAY, month: 31 * DAY, quarter: 92 * DAY };

type ReleaseQuery = { groupBy: string[]; bucket?: BucketSize };

/**
 * Which release rollup answers a query (migration 0010), like the customers' rollups: one attribute
 * (topic or one dimension) at most, with the survey and service only when the query needs them. Null
 * when it needs two attributes at once: then the groups themselves are read.
 */
function rollupDim(filter: GroupFilter, groupBy: string[]): string | null {
  const attributes = new Set([
    ...(filter.topic ? ["topic"] : []),
    ...Object.keys(filter.segment).map((d) => `segment.${d}`),
    ...groupBy.filter((f) => f === "topic" || f.startsWith("segment.")),
  ]);
  if (attributes.size > 1) return null;
  const bySurvey = !!filter.survey || groupBy.includes("survey");
  const byService = !!filter.service || !!filter.servicesIn || groupBy.includes("service") || groupBy.includes("owner");
  if (attributes.size === 1) return bySurvey || byService ? [...attributes][0]! : `~${[...attributes][0]!}`;
  return bySurvey ? "" : byService ? "service" : "site";
}

/**
 * A bucket finer than a counted internal site's period would split what it releases whole (its release
 * groups, its displays): a 422 naming the period, never a misleading series.
 */
export function assertBucketFits(bucket: BucketSize, sites: Pick<Site, "id" | "reportingPeriod">[]): void {
  const split = sites.find((site) => isFinerThan(bucket, site.reportingPeriod));
  if (!split) return;
  const coarser =
    split.reportingPeriod === "quarter"
      ? "no bucket (or month over whole quarters)"
      : `bucket=${split.reportingPeriod} or coarser`;
  throw validationFailed([
    {
      path: "query.bucket",
      message: `${split.id} releases employees' answers per ${split.reportingPeriod}: use ${coarser}, or audience=external`,
    },
  ]);
}

/**
 * An aggregate's facts about employees' answers: the release groups of these internal sites whose
 * periods' middles fall in the buckets (domain/release-facts.ts). A bucket finer than a counted site's
 * period would split its groups: that is a 422 naming the period, never a misleading series.
 */
export async function releasedFacts(
  db: D1Database,
  sites: Site[],
  kind: string,
  buckets: Bucket[],
  filter: GroupFilter,
  query: ReleaseQuery,
) {
  if (sites.length === 0) return { facts: [] as Fact[], rowsRead: 0, d1Ms: 0 };
  const widest = Math.max(...sites.map((site) => LONGEST[site.reportingPeriod]!));
  const [from, to] = [buckets[0]!.from - widest, buckets[buckets.length - 1]!.to];
  const ids = sites.map((site) => site.id);
  const dim = rollupDim(filter, query.groupBy);
  const read =
    dim === null
      ? await readGroups(db, ids, kind, from, to).then((groups) => ({
          ...groups,
          rows: groups.rows.map(toStoredGroup),
        }))
      : await readReleaseRollups(db, ids, kind, dim, from, to).then((rollups) => ({
          ...rollups,
          rows: rollups.rows.map(rollupAsGroup),
        }));
  const byId = new Map(sites.map((site) => [site.id, site]));
  const facts = releaseFacts(read.rows, buckets, filter, (site) => byId.get(site)?.dimensions ?? []);
  const counted = [...new Set(facts.map((fact) => fact.site))].map((id) => byId.get(id)!);
  if (query.bucket) assertBucketFits(query.bucket, counted);
  return { facts, rowsRead: read.rowsRead, d1Ms: read.d1Ms };
}
