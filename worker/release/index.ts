import {
  advanceStatement,
  closeStatements,
  firstPending,
  isAlreadyClosed,
  readPending,
  type PendingRow,
} from "../db/release";
import { getSiteRow, type SiteRow } from "../db/sites";
import { periodClosedEvent } from "../webhooks/events";
import { formReleaseGroups, type ClosedPeriod } from "../domain/release-groups";
import { periodEnd, periodStart, type PeriodRule } from "../domain/reporting-period";
import { outboxFor, sendOutbox } from "../webhooks/outbox";
import { listWebhooks } from "../db/webhooks";
import type { StoredWebhook } from "../../schema/webhooks";
import type { Bindings } from "../env";

export type ReleaseSite = Pick<
  SiteRow,
  "id" | "audience" | "dimensions" | "min_group_size" | "reporting_period" | "time_zone" | "released_until"
>;

/**
 * Closes every period of these internal sites that has ended: its answers are split into release
 * groups (domain/release-groups.ts), frozen from then on, and one `period.closed` event tells the
 * webhooks. Run before any read of internal answers and by the cron; a site that is up to date costs
 * nothing (no D1 call). Returns whether anything was written.
 */
export async function releaseClosedPeriods(
  env: Bindings,
  sites: ReleaseSite[],
  now: number,
  maxPeriods = PERIODS_PER_REQUEST,
): Promise<boolean> {
  let wrote = false;
  let webhooks: StoredWebhook[] | undefined; // read once, when a first period closes
  for (const site of sites) {
    if (site.audience !== "internal") continue;
    const rule: PeriodRule = { reportingPeriod: site.reporting_period, timeZone: site.time_zone };
    const open = Math.max(periodStart(rule, now), site.released_until);
    // One period per transaction, oldest first, so a backlog (the first run after the migration, a
    // site that nobody read for months) closes in bounded steps that each hold the database briefly.
    for (let closed = 0; site.released_until < open && closed < maxPeriods; closed++) {
      const first = await firstPending(env.DB, site.id, open);
      if (first === null) {
        await advanceStatement(env.DB, site.id, open).run();
        site.released_until = open;
        wrote = true;
        break;
      }
      const period = closedPeriod(rule, site, first, await readPendingBefore(env, site, rule, first));
      webhooks ??= await listWebhooks(env.DB);
      // `period.closed` goes in the period's own transaction (the outbox): a closed period always announces itself.
      const outbox = outboxFor(env.DB, webhooks, [periodClosedEvent(site.id, period)], Date.now());
      try {
        await env.DB.batch([...closeStatements(env.DB, site, period, period.end), ...outbox.statements]);
      } catch (error) {
        if (isAlreadyClosed(error)) break; // another request is closing this site's periods, and telling the webhooks
        throw error;
      }
      site.released_until = period.end;
      wrote = true;
      await sendOutbox(env, outbox.deliveries);
    }
  }
  return wrote;
}

/** Periods a reading request closes per site before it reads (the cron closes any backlog beyond). */
export const PERIODS_PER_REQUEST = 8;

/**
 * The period the earliest pending answer belongs to. It starts no earlier than `released_until`: after
 * the site's period or zone changed, the first new period begins where the last closed one ended, and
 * an answer that arrived late for a closed period joins the next one rather than a frozen group.
 */
function periodOf(rule: PeriodRule, site: ReleaseSite, first: number): { start: number; end: number } {
  const natural = periodStart(rule, Math.max(first, site.released_until));
  return { start: Math.max(natural, site.released_until), end: periodEnd(rule, natural) };
}

async function readPendingBefore(
  env: Bindings,
  site: ReleaseSite,
  rule: PeriodRule,
  first: number,
): Promise<PendingRow[]> {
  return readPending(env.DB, site.id, periodOf(rule, site, first).end);
}

function closedPeriod(rule: PeriodRule, site: ReleaseSite, first: number, rows: PendingRow[]): ClosedPeriod {
  const release = formReleaseGroups(
    rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      survey: row.survey_id,
      service: row.service_id,
      topic: row.topic,
      segment: JSON.parse(row.segment) as Record<string, string>,
      score: row.score,
    })),
    { minGroupSize: site.min_group_size, dimensions: JSON.parse(site.dimensions) as string[] },
  );
  return { ...periodOf(rule, site, first), ...release };
}

/** Closes the ended periods of one site (before one of its answers is read or acted on). */
export async function releaseSite(env: Bindings, site: string, now: number): Promise<void> {
  const row = await getSiteRow(env.DB, site);
  if (row) await releaseClosedPeriods(env, [row], now);
}
