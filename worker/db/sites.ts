import type { Site, SiteInput } from "../../schema/config";
import { identityView, type IdentityConfig } from "../../schema/identity";
import { identityOf } from "./identity";
import type { ReportingPeriod } from "../../schema/common";
import { currentPeriod } from "../domain/reporting-period";

export type SiteRow = {
  id: string;
  name: string;
  audience: "external" | "internal";
  origins: string;
  dimensions: string;
  /** JSON {dimension: [values]}: the dimensions that accept only listed values. */
  dimension_values: string;
  max_dimension_values: number;
  min_group_size: number;
  turnstile_site_key: string | null;
  turnstile_secret: string | null;
  identity: string | null;
  ballot_key: string | null;
  rate_limit: NonNullable<SiteInput["rateLimit"]>;
  reporting_period: ReportingPeriod;
  time_zone: string;
  released_until: number;
  /** 1 when the site's surveys may ask by themselves (migration 0016). */
  auto_prompt: number;
  recontact_days: number;
  created_at: number;
  updated_at: number;
};

export const toSite = (row: SiteRow): Site => ({
  id: row.id,
  name: row.name,
  audience: row.audience,
  origins: JSON.parse(row.origins) as string[],
  dimensions: JSON.parse(row.dimensions) as string[],
  dimensionValues: JSON.parse(row.dimension_values) as Record<string, string[]>,
  maxDimensionValues: row.max_dimension_values,
  minGroupSize: row.min_group_size,
  rateLimit: row.rate_limit,
  reportingPeriod: row.reporting_period,
  timeZone: row.time_zone,
  turnstile: row.turnstile_site_key ? { siteKey: row.turnstile_site_key } : null,
  identity: row.identity ? identityView(identityOf(row)!.config) : null,
  autoPrompt: { enabled: row.auto_prompt === 1, recontactDays: row.recontact_days },
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  currentPeriod:
    row.audience === "internal"
      ? isoPeriod(currentPeriod({ reportingPeriod: row.reporting_period, timeZone: row.time_zone }, Date.now()))
      : null,
});

const isoPeriod = (period: { start: number; end: number }) => ({
  start: new Date(period.start).toISOString(),
  end: new Date(period.end).toISOString(),
});

export async function getSiteRow(db: D1Database, id: string): Promise<SiteRow | null> {
  return db.prepare("SELECT * FROM sites WHERE id = ?").bind(id).first<SiteRow>();
}

export async function getSite(db: D1Database, id: string): Promise<Site | null> {
  const row = await db.prepare("SELECT * FROM sites WHERE id = ?").bind(id).first<SiteRow>();
  return row ? toSite(row) : null;
}

/** Every site, or those in `ids` when the caller is limited to some. */
export async function listSites(db: D1Database, ids: string[] | null): Promise<Site[]> {
  const { results } = await db.prepare("SELECT * FROM sites ORDER BY id").all<SiteRow>();
  return results.map(toSite).filter((site) => !ids || ids.includes(site.id));
}

export async function siteHasResponses(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS found FROM responses WHERE site_id = ? LIMIT 1").bind(id).first()) !== null;
}

/** The site's Turnstile secret (write-only in the API), for verifying tokens and keeping it across PUTs. */
export function turnstileOf(
  row: Pick<SiteRow, "turnstile_site_key" | "turnstile_secret">,
): { siteKey: string; secret: string } | null {
  return row.turnstile_site_key && row.turnstile_secret
    ? { siteKey: row.turnstile_site_key, secret: row.turnstile_secret }
    : null;
}

export async function getTurnstile(db: D1Database, id: string): Promise<{ siteKey: string; secret: string } | null> {
  const row = await db
    .prepare("SELECT turnstile_site_key, turnstile_secret FROM sites WHERE id = ?")
    .bind(id)
    .first<SiteRow>();
  return row ? turnstileOf(row) : null;
}

/**
 * Creates or replaces a site and its origin index in one transaction; tells which it was.
 * `turnstile` is resolved by the caller (the secret may come from the stored row).
 */
export async function upsertSite(
  db: D1Database,
  id: string,
  input: SiteInput,
  turnstile: { siteKey: string; secret: string } | null,
  now: number,
  /** Identity settings, with a fresh ballot key (identity/ballot.ts) kept only if the site has none yet. */
  identity: { config: IdentityConfig; newBallotKey: string } | null = null,
): Promise<{ site: Site; created: boolean }> {
  const origins = [...new Set(input.origins)];
  const dimensions = [...new Set(input.dimensions)];
  const results = await db.batch([
    db.prepare("SELECT 1 AS found FROM sites WHERE id = ?").bind(id),
    db
      .prepare(
        `INSERT INTO sites (id, name, audience, origins, dimensions, min_group_size, turnstile_site_key,
           turnstile_secret, created_at, updated_at, reporting_period, time_zone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9, ?7, ?7, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, audience = excluded.audience, origins = excluded.origins,
           dimensions = excluded.dimensions, min_group_size = excluded.min_group_size,
           reporting_period = excluded.reporting_period, time_zone = excluded.time_zone,
           turnstile_site_key = excluded.turnstile_site_key, turnstile_secret = excluded.turnstile_secret,
           updated_at = excluded.updated_at
         RETURNING *`,
      )
      .bind(
        id,
        input.name,
        input.audience,
        JSON.stringify(origins),
        JSON.stringify(dimensions),
        input.minGroupSize,
        now,
        turnstile?.siteKey ?? null,
        turnstile?.secret ?? null,
        input.reportingPeriod,
        input.timeZone,
      ),
    db.prepare("DELETE FROM site_origins WHERE site_id = ?").bind(id),
    ...origins.map((origin) => db.prepare("INSERT INTO site_origins (origin, site_id) VALUES (?, ?)").bind(origin, id)),
    // A PUT without `rateLimit`, `maxDimensionValues` or `autoPrompt` keeps the stored one (forms that do not know
    // them must not reset them); the caller resolves `dimensionValues` the same way.
    db
      .prepare(
        `UPDATE sites SET rate_limit = COALESCE(?1, rate_limit), dimension_values = ?2,
           max_dimension_values = COALESCE(?3, max_dimension_values), auto_prompt = COALESCE(?5, auto_prompt),
           recontact_days = COALESCE(?6, recontact_days) WHERE id = ?4`,
      )
      .bind(
        input.rateLimit ?? null,
        JSON.stringify(input.dimensionValues ?? {}),
        input.maxDimensionValues ?? null,
        id,
        input.autoPrompt ? (input.autoPrompt.enabled ? 1 : 0) : null,
        input.autoPrompt?.recontactDays ?? null,
      ),
    // The ballot key is made once and kept, even while identity is off: ballots already cast stay valid.
    db
      .prepare("UPDATE sites SET identity = ?1, ballot_key = COALESCE(ballot_key, ?2) WHERE id = ?3 RETURNING *")
      .bind(identity ? JSON.stringify(identity.config) : null, identity?.newBallotKey ?? null, id),
  ]);
  const created = results[0]!.results.length === 0;
  return { site: toSite(results.at(-1)!.results[0] as SiteRow), created };
}

/** Whether any site accepts this origin: answers a CORS preflight, which names no site. */
export async function isKnownOrigin(db: D1Database, origin: string): Promise<boolean> {
  return (
    (await db.prepare("SELECT 1 AS found FROM site_origins WHERE origin = ? LIMIT 1").bind(origin).first()) !== null
  );
}

/** Every internal site as stored, for closing their reporting periods (worker/release). */
export async function internalSites(db: D1Database): Promise<SiteRow[]> {
  const { results } = await db.prepare("SELECT * FROM sites WHERE audience = 'internal'").all<SiteRow>();
  return results;
}

/** How many answers an internal site has had so far in its open period (the participation count). */
export async function openPeriodCount(db: D1Database, site: string, periodStart: number): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS n FROM responses WHERE pending = 1 AND site_id = ? AND created_at >= ?")
    .bind(site, periodStart)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
