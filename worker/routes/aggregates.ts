import { createRoute } from "@hono/zod-openapi";
import { Aggregates, AggregatesQuery } from "../../schema/aggregates";
import type { Kind } from "../../schema/common";
import { readRawFacts, readRollupFacts, type FactFilter, type FactRead } from "../db/facts";
import { inScope, type SurveyChoices } from "../db/scope";
import { resolveScope } from "../scope";
import { buildAnswer, MAX_ANSWER_CELLS, TooManyCells, type Context } from "../domain/aggregate";
import { bucketRanges, isoWithOffset, MAX_BUCKETS, type Bucket } from "../domain/buckets";
import { isHourAligned } from "../domain/rollup-plan";
import { resolveRange } from "../domain/time-range";
import { validationFailed } from "../errors";
import { requireAuth } from "../middleware/auth";
import { declare, errors, FILTER_422, json, router, SERVER_ERRORS } from "../openapi";
import { releaseClosedPeriods } from "../release";
import { assertBucketFits, releasedFacts } from "../release/facts";
import { displaySitesOf, releasedDisplays } from "../displays";
import { DISPLAY_FIELDS, displaysFit, withDisplays } from "../domain/displays";

/**
 * NPS, CSAT, CES and thumbs figures over time and by group: customers' answers from rollups wherever
 * they can answer, employees' answers only as the release groups of closed periods.
 */
const route = createRoute({
  method: "get",
  path: "/",
  summary: "NPS, CSAT, CES and thumbs figures, series and breakdowns",
  description: 'Read keys may call this. Header Server-Timing: d1;dur=<ms>;desc="rows_read=<n>".',
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scope: "read" })],
  request: { query: AggregatesQuery },
  responses: {
    200: json("{kind, total, series?, groups?}", Aggregates),
    ...errors([401, 403, 422, 429, ...SERVER_ERRORS], {
      422:
        `${FILTER_422}; an impossible range; too many buckets or cells (groups × buckets); ` +
        "or a bucket finer than an internal site's reporting period",
    }),
  },
});

export const aggregates = router().openapi(
  ...declare(route, async (c) => {
    const query = c.req.valid("query");
    const principal = c.var.principal;
    const db = c.env.DB;
    const started = performance.now();
    const scope = await resolveScope(db, principal, query);
    const kind = resolveKind(query, scope.surveys);
    const { from, to } = resolveRange(query, query.tz, Date.now());
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
    await releaseClosedPeriods(c.env, readableRows, Date.now());

    // Customers' answers: rollups keep one attribute (topic or one segment dimension) per row, on UTC hours.
    const filter: FactFilter = { ...scope.filter, kind, sitesIn: external };
    const attributes = new Set([
      ...(query.topic ? ["topic"] : []),
      ...Object.keys(query.segment).map((d) => `segment.${d}`),
      ...query.groupBy.filter((f) => f === "topic" || f.startsWith("segment.")),
    ]);
    const fromRollups =
      query.source !== "raw" &&
      attributes.size <= 1 &&
      buckets.every((bucket) => isHourAligned(bucket.from, bucket.to));
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
      (external.length === 0 || displaysFit(buckets, Date.now()));
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
      withDisplayCounts ? releasedDisplays(db, readableRows, range, Date.now()) : null,
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
    // d1: what D1 reports spending on this answer's statements; total: the handler's wall time (round
    // trips included; workerd's clock only moves across I/O). Rows read count other sites' rollup rows
    // too, so only a credential for every site is told them.
    const shownRows = shown?.rowsRead ?? 0;
    const rowsRead =
      principal.sites === null
        ? `;desc="rows_read=${read.rowsRead + released.rowsRead + shownRows + scope.rowsRead}"`
        : "";
    const d1Ms = (scope.d1Ms + read.d1Ms + released.d1Ms + (shown?.d1Ms ?? 0)).toFixed(2);
    const totalMs = (performance.now() - started).toFixed(1);
    c.header("Server-Timing", `d1;dur=${d1Ms}${rowsRead}, total;dur=${totalMs}`);
    c.header("X-Feedloop-Source", read.source);
    return c.json(answer, 200);
  }),
);

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

/**
 * The kind a query reads: `kind`, or the kind of the survey it names. Only surveys of the sites the caller
 * reads count (resolveScope has refused a survey named by none of them), so a key limited to some
 * sites learns nothing of a survey elsewhere, not even its kind.
 */
function resolveKind(query: AggregatesQuery, surveys: SurveyChoices[]): Kind {
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
