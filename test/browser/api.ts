import { inject } from "vitest";
import { runWrangler } from "../../harness/wrangler.mjs";
import type { WidgetConfig } from "../../schema/widget";
import "./env";

export const env = () => inject("browserEnv");

let counter = 0;
/** A fresh slug per call, so tests never share rows however they are ordered. */
export const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** An admin call straight to the Worker (not through the fault proxy), with the run's ADMIN_TOKEN. */
export async function admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env().workerUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${env().adminToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

type SurveyOptions = {
  kind?: "nps" | "csat" | "ces" | "thumbs" | "text";
  topics?: string[];
  /** More of the site's config, e.g. `turnstile: {siteKey, secretKey}`. */
  site?: Record<string, unknown>;
};

/** An external site that lets the test pages' origin post, with one active survey; fresh ids each call. */
export async function seedSurvey(options: SurveyOptions = {}): Promise<{ site: string; survey: string }> {
  const site = uid("site");
  const survey = uid("survey");
  await admin("PUT", `/v1/sites/${site}`, {
    name: `Browser test ${site}`,
    audience: "external",
    origins: [env().pageOrigin],
    dimensions: [],
    ...options.site,
  });
  await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, {
    kind: options.kind ?? "nps",
    question: { en: "How likely are you to recommend us?" },
    topics: options.topics ?? [],
  });
  return { site, survey };
}

/** The config the widget gets, fetched without an Origin: what the page will show, in `locale`. */
export function widgetConfig(site: string, survey: string, locale = "en"): Promise<WidgetConfig> {
  return fetch(`${env().workerUrl}/v1/widget/${site}/${survey}?locale=${locale}`).then(
    (response) => response.json() as Promise<WidgetConfig>,
  );
}

/** How many responses the site's survey has stored: the aggregate total (external sites are never suppressed). */
export async function countResponses(site: string, survey: string): Promise<number> {
  const aggregate = await admin<{ total: { count: number } }>("GET", `/v1/aggregates?site=${site}&survey=${survey}`);
  return aggregate.total.count;
}

/** Polls until `read` returns what `done` accepts, or fails with the last value after `timeoutMs`. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Reads the local D1 directly, for what no API returns (a stored comment). `wrangler d1 execute --local`
 * opens the same SQLite files as the running wrangler dev; reads are safe alongside it.
 */
export async function queryD1<Row>(sql: string): Promise<Row[]> {
  const { stdout } = await runWrangler([
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    env().persistDir,
    "--json",
    "--command",
    sql,
  ]);
  return (JSON.parse(stdout) as { results: Row[] }[])[0]!.results;
}

/** The stored rows of one site (ids are slugs, so inlining one into SQL is safe; checked anyway). */
export function storedResponses(site: string): Promise<{ id: string; score: number | null; comment: string | null }[]> {
  if (!/^[a-z0-9-]+$/.test(site)) throw new Error(`not a site id: ${site}`);
  return queryD1(`SELECT id, score, comment FROM responses WHERE site_id = '${site}'`);
}
