import type { Aggregates, AggregatesQuery } from "../../schema/aggregates";
import { readRawFacts, readRollupFacts, type FactFilter, type FactRead } from "../db/facts";
import { inScope } from "../db/scope";
import { buildAnswer, MAX_ANSWER_CELLS, TooManyCells, type Context } from "../domain/aggregate";
import { bucketRanges, isoWithOffset, MAX_BUCKETS, type Bucket } from "../domain/buckets";
import { DISPLAY_FIELDS, displaysFit, withDisplays } from "../domain/displays";
import { isHourAligned } from "../domain/rollup-plan";
import { resolveRange } from "../domain/time-range";
import { displaySitesOf, releasedDisplays } from "../displays";
import type { Bindings, Principal } from "../env";
import { validationFailed } from "../errors";
import { releaseClosedPeriods } from "../release";
import { assertBucketFits, releasedFacts } from "../release/facts";
import { resolveScope } from "../scope";
import { resolveKind } from "./kind";

/**
 * An answer of GET /v1/aggregates and what its Server-Timing header tells: D1's time, and the rows read
 * (null for a credential limited to some sites: rollup rows of other sites are counted too).
 */
export type AggregateRead = { answer: Aggregates; d1Ms: number; rowsRead: number | null; source: string };

/**
 * NPS, CSAT, CES and thumbs figures over time and by group: customers' answers from rollups wherever they
 * can answer, employees' answers only as the release groups of closed periods. The one path every figure
 * takes (GET /v1/aggregates, its compare, an action's before/after), so none of them can see more.
 */
export async function readAggregate(
  env: Bindings,
  principal: Principal,
  query: AggregatesQuery,
  now: number,
): Promise<AggregateRead> {
  const db = env.DB;
  const scope = await resolveScope(db, principal, query);
  const kind = resolveKind(query, scope.surveys);
  const { from, to } = resolveRange(query, query.tz, now);
  if (!(from < to)) throw validationFailed([{ path: "query.to", message: "must be after from" }]);
  let buckets: Bucket[];
  try {
    buckets = query.bucket ? bucketRanges(query.bucket, query.tz, from, to) : [{ start: from, from, to }];
  } catch {
    throw validationFailed([
      {
        path: "query.bucket",
        message: `the range holds more than ${MAX_BUCKETS} buckets; use a larger bucket or a shorter range`,
      },
    ]);
  }

  const readable = inScope(scope.sites, scope.filter);
  const internal = readable.filter((site) => site.audience === "internal");
  const external = readable.filter((site) => site.audience === "external").map((site) => site.id);
  const readableRows = inScope(scope.siteRows, scope.filter);
  await releaseClosedPeriods(env, readableRows, now);

  // Customers' answers: rollups keep one attribute (topic or one segment dimension) per row, on UTC hours.
  const filter: FactFilter = { ...scope.filter, kind, sitesIn: external };
  const attributes = new Set([
    ...(query.topic ? ["topic"] : []),
    ...Object.keys(query.segment).map((d) => `segment.${d}`),
    ...query.groupBy.filter((f) => f === "topic" || f.startsWith("segment.")),
  ]);
  const fromRollups =
    query.source !== "raw" && attributes.size <= 1 && buckets.every((bucket) => isHourAligned(bucket.from, bucket.to));
  const perSite =
    attributes.size === 0 &&
    !query.survey &&
    !query.service &&
    !query.owner &&
    query.groupBy.every((field) => field === "site" || field === "audience");
  // Displays carry no service, topic or segment, and customers' are kept per UTC day (domain/displays.ts).
  const withDisplayCounts =
    attributes.size === 0 &&
    !query.service &&
    !query.owner &&
    query.groupBy.every((field) => DISPLAY_FIELDS.includes(field)) &&
    (external.length === 0 || displaysFit(buckets, now));
  const range = { kind, survey: query.survey, from: buckets[0]!.from, to: buckets[buckets.length - 1]!.to };
  const none: FactRead = { facts: [], rowsRead: 0, d1Ms: 0, source: "rollups" };
  // The reads at once: one round trip's wait, not three.
  const [read, released, shown] = await Promise.all([
    external.length === 0
      ? none
      : fromRollups
        ? readRollupFacts(db, filter, buckets, [...attributes][0] ?? "", perSite)
        : readRawFacts(
            db,
            filter,
            buckets,
            [...attributes].filter((a) => query.groupBy.includes(a)),
            query.groupBy,
          ),
    // Employees' answers: whole release groups of closed periods (README: "Employees' anonymity").
    releasedFacts(db, internal, kind, buckets, { ...scope.filter, segment: query.segment }, query),
    withDisplayCounts ? releasedDisplays(db, readableRows, range, now) : null,
  ]);
  const displaySites = displaySitesOf(readableRows);
  if (shown && query.bucket) {
    // As for their answers: an internal period counted in a bucket finer than itself would be split.
    const middleIn = (count: { start: number; end: number }) =>
      (count.start + count.end) / 2 >= range.from && (count.start + count.end) / 2 < range.to;
    const counted = new Set(shown.counts.filter(middleIn).map((count) => count.site));
    assertBucketFits(
      query.bucket,
      internal.filter((site) => counted.has(site.id)),
    );
  }

  const context: Context = {
    ownerOf: new Map(scope.services.map((service) => [service.id, service.owner])),
    audienceOf: new Map(scope.sites.map((site) => [site.id, site.audience])),
  };
  const answer = answerWithin(() => {
    const built = buildAnswer(
      kind,
      [...read.facts, ...released.facts],
      {
        groupBy: query.groupBy,
        bucketLabels: query.bucket ? buckets.map((b) => isoWithOffset(query.tz, b.start)) : null,
      },
      context,
    );
    if (!shown) return built;
    const options = { groupBy: query.groupBy, buckets, bucketed: !!query.bucket };
    return withDisplays(kind, built, shown.counts, options, displaySites);
  });
  const shownRows = shown?.rowsRead ?? 0;
  return {
    answer,
    d1Ms: scope.d1Ms + read.d1Ms + released.d1Ms + (shown?.d1Ms ?? 0),
    rowsRead: principal.sites === null ? read.rowsRead + released.rowsRead + shownRows + scope.rowsRead : null,
    source: read.source,
  };
}

/**
 * The answer, or a 422 saying how to narrow a request whose groups × buckets pass the cap. A 422 rather than
 * the top groups plus "other": an "other" over employees' answers would have to be a sum of whole release
 * groups too, and a refusal is simpler to trust (README: "Caps on reads"). It says only "more than": the
 * number of groups is not told.
 */
function answerWithin(build: () => ReturnType<typeof buildAnswer>) {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof TooManyCells)) throw error;
    const message =
      `the answer would hold more than ${MAX_ANSWER_CELLS} cells (groups × (buckets + 1)); ` +
      "group by fewer fields, filter on one of them, or use a larger bucket or a shorter range";
    throw validationFailed([{ path: "query.groupBy", message }]);
  }
}
