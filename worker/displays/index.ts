/**
 * Displays (POST /v1/displays): that a survey was shown, counted per site, survey and day (per reporting
 * period on internal sites), with nothing about the visitor; and the counts an aggregate may show next to
 * its answers. Plain functions of plain data: the route only reads the request and answers.
 */
import type { DisplayInput } from "../../schema/displays";
import { checkSiteRateLimit, checkVisitorRateLimit } from "../abuse/rate-limit";
import { collectionConfig } from "../db/collection-config";
import { countDisplayStatement, readDisplays } from "../db/displays";
import type { SiteRow } from "../db/sites";
import { toSite } from "../db/sites";
import { toSurvey } from "../db/surveys";
import { displayBucket, type DisplayCount, type DisplaySite } from "../domain/displays";
import { periodStart } from "../domain/reporting-period";
import type { Bindings } from "../env";
import { ApiError, notFound } from "../errors";
import { listedOrigin } from "../middleware/cors";

/**
 * Checks and counts one display, in the order an answer is checked (worker/collect): the site's ceiling
 * before any D1 read, then the site and the active survey, the origin, and the visitor's (or on an
 * intranet the network's) limit, each under keys of their own (abuse/rate-limit.ts). One upsert, no row
 * per display. `allowOrigin` lets the page read the answer, as for answers.
 */
export async function countDisplay(
  env: Bindings,
  input: DisplayInput,
  request: Request,
  allowOrigin: (origin: string) => void,
): Promise<void> {
  const origin = request.headers.get("origin");
  try {
    await checkSiteRateLimit(env, input.site, "displays");
  } catch (error) {
    if (origin && error instanceof ApiError && error.status === 429) allowOrigin(origin);
    throw error;
  }
  const { siteRow, surveyRow } = await collectionConfig(env.DB, input.site, input.survey);
  if (!siteRow) throw notFound("site");
  const site = toSite(siteRow);
  if (!surveyRow || !toSurvey(surveyRow).active) throw notFound("survey");
  allowOrigin(listedOrigin(origin, site.origins));
  await checkVisitorRateLimit(env, env.DB, site, request, "displays");
  await countDisplayStatement(env.DB, site.id, input.survey, displayBucket(site, Date.now())).run();
}

/** Where each readable site's displays count (domain/displays.ts). */
export const displaySitesOf = (rows: SiteRow[]): Map<string, DisplaySite> =>
  new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, audience: row.audience, reportingPeriod: row.reporting_period, timeZone: row.time_zone },
    ]),
  );

/**
 * The display counts an aggregate may show: customers' days in [from, to), and employees' periods only
 * once closed (their end has passed), never the open one: the release rule of their answers (README:
 * "Employees' anonymity"). The open period's row is not even read: each internal site's range ends where
 * its open period starts, so nothing about it shows in the rows read or the time taken.
 */
export async function releasedDisplays(
  db: D1Database,
  sites: SiteRow[],
  filter: { kind: string; survey?: string; from: number; to: number },
  now: number,
): Promise<{ counts: DisplayCount[]; rowsRead: number; d1Ms: number }> {
  const ranges = sites.map((site) => {
    if (site.audience === "external") return { site: site.id, from: filter.from, to: filter.to };
    const open = periodStart({ reportingPeriod: site.reporting_period, timeZone: site.time_zone }, now);
    // A period counts where its middle falls: it may start up to a quarter before `from`.
    return { site: site.id, from: filter.from - QUARTER, to: Math.min(filter.to, open) };
  });
  const read = await readDisplays(db, { kind: filter.kind, survey: filter.survey, ranges });
  const audienceOf = new Map(sites.map((site) => [site.id, site.audience]));
  const counts = read.rows
    // A period of an earlier, longer reporting period may start before the open one and still be open.
    .filter((row) => audienceOf.get(row.site_id) === "external" || row.bucket_end <= now)
    .map((row) => ({
      site: row.site_id,
      survey: row.survey_id,
      start: row.bucket_start,
      end: row.bucket_end,
      count: row.count,
    }));
  return { counts, rowsRead: read.rowsRead, d1Ms: read.d1Ms };
}

const QUARTER = 92 * 86_400_000;
