/**
 * What POST /v1/responses needs to know before it writes: the site's row, the survey's row and the
 * webhooks. Config changes rarely and answers arrive often, so each isolate keeps what it read for a
 * few seconds: most answers then cost one D1 round trip (the write), not two.
 *
 * The price: a change made through another isolate (another Cloudflare location, or a restarted
 * Worker) reaches this one within TTL_MS. A change made through this isolate applies at once, since
 * every config write clears the cache. Unknown sites and surveys are never cached.
 */
import type { SiteRow } from "./sites";
import type { SurveyRow } from "./surveys";
import { listWebhooksStatement, type WebhookRow } from "./webhooks";

export const CONFIG_TTL_MS = 10_000;

export type CollectionConfig = {
  siteRow: SiteRow | undefined;
  surveyRow: SurveyRow | undefined;
  webhookRows: WebhookRow[];
};

const cached = new Map<string, { at: number; config: CollectionConfig }>();
let generation = 0;

export async function collectionConfig(
  db: D1Database,
  site: string,
  survey: string,
  now = Date.now(),
): Promise<CollectionConfig> {
  const key = `${site}\n${survey}`;
  const hit = cached.get(key);
  if (hit && now - hit.at < CONFIG_TTL_MS) return hit.config;
  const started = generation;
  const [siteResult, surveyResult, webhookResult] = await db.batch([
    db.prepare("SELECT * FROM sites WHERE id = ?").bind(site),
    db.prepare("SELECT * FROM surveys WHERE site_id = ? AND id = ?").bind(site, survey),
    listWebhooksStatement(db),
  ]);
  const config: CollectionConfig = {
    siteRow: siteResult!.results[0] as SiteRow | undefined,
    surveyRow: surveyResult!.results[0] as SurveyRow | undefined,
    webhookRows: webhookResult!.results as WebhookRow[],
  };
  // Only what exists, and only if no config write happened meanwhile (it could have been read half-old).
  if (config.siteRow && config.surveyRow && started === generation) {
    if (cached.size >= 1_000) cached.clear();
    cached.set(key, { at: now, config });
  }
  return config;
}

/** Every write of sites, surveys or webhooks calls this: this isolate sees its own changes at once. */
export function forgetCollectionConfig(): void {
  generation += 1;
  cached.clear();
}
