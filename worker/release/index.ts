import { closeStatements, isAlreadyClosed, readPending, type ClosedPeriod, type PendingRow } from "../db/release";
import { getSiteRow, type SiteRow } from "../db/sites";
import { periodClosedEvent } from "../domain/events";
import { formReleaseGroups } from "../domain/release-groups";
import { periodEnd, periodStart, type PeriodRule } from "../domain/reporting-period";
import { emit } from "../emit";
import type { Bindings } from "../env";

export type ReleaseSite = Pick<SiteRow, "id" | "audience" | "dimensions" | "min_group_size" | "reporting_period" | "time_zone" | "released_until">;

/**
 * Closes every period of these internal sites that has ended: its answers are split into release
 * groups (domain/release-groups.ts), frozen from then on, and one `period.closed` event tells the
 * webhooks. Run before any read of internal answers and by the cron; a site that is up to date costs
 * nothing (no D1 call). Returns whether anything was written.
 */
export async function releaseClosedPeriods(env: Bindings, sites: ReleaseSite[], now: number): Promise<boolean> {
  let wrote = false;
  for (const site of sites) {
    if (site.audience !== "internal") continue;
    const rule: PeriodRule = { reportingPeriod: site.reporting_period, timeZone: site.time_zone };
    const open = Math.max(periodStart(rule, now), site.released_until);
    if (site.released_until >= open) continue;
    const periods = closedPeriods(rule, site, await readPending(env.DB, site.id, open));
    try {
      await env.DB.batch(closeStatements(env.DB, site, periods, open));
    } catch (error) {
      if (isAlreadyClosed(error)) continue; // another request closed them first, and told the webhooks
      throw error;
    }
    site.released_until = open;
    wrote = true;
    await emit(env, periods.filter((period) => period.groups.length + period.withheld.length > 0).map((period) => periodClosedEvent(site.id, period)));
  }
  return wrote;
}

/**
 * The pending answers by closed period. A period starts no earlier than `released_until`: after the
 * site's period or zone changed, the first new period begins where the last closed one ended, and an
 * answer that arrived late for a closed period joins the next one rather than a frozen group.
 */
function closedPeriods(rule: PeriodRule, site: ReleaseSite, pending: PendingRow[]): ClosedPeriod[] {
  const byStart = new Map<number, PendingRow[]>();
  for (const row of pending) {
    const start = Math.max(periodStart(rule, Math.max(row.created_at, site.released_until)), site.released_until);
    const rows = byStart.get(start);
    if (rows) rows.push(row);
    else byStart.set(start, [row]);
  }
  const dimensions = JSON.parse(site.dimensions) as string[];
  return [...byStart]
    .sort(([a], [b]) => a - b)
    .map(([start, rows]) => {
      const release = formReleaseGroups(
        rows.map((row) => ({ id: row.id, kind: row.kind, survey: row.survey_id, service: row.service_id, topic: row.topic, segment: JSON.parse(row.segment) as Record<string, string>, score: row.score })),
        { minGroupSize: site.min_group_size, dimensions },
      );
      return { start, end: periodEnd(rule, periodStart(rule, start)), ...release };
    });
}

/** Closes the ended periods of one site (before one of its answers is read or acted on). */
export async function releaseSite(env: Bindings, site: string, now: number): Promise<void> {
  const row = await getSiteRow(env.DB, site);
  if (row) await releaseClosedPeriods(env, [row], now);
}
