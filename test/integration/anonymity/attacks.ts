import { HOUR, TOPICS, type Answer, type InternalSite, type Org } from "./org-model";
import type { Query } from "./observe";

/**
 * The attacks of issue 11 as requests. Each request is labelled with the attack it serves; the
 * attacker (attacker.ts) then combines every figure with every other, whatever the label.
 */
export type Planned = { attack: string; query: Query };
export type PlannedListing = { attack: string; format: "inbox" | "csv" | "ndjson"; filters: Record<string, string> };

const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const span = (period: { start: number; end: number }) => ({ from: period.start, to: period.end });

/** The values each dimension takes among a site's answers. */
export function valuesOf(org: Org, site: InternalSite): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const dimension of site.dimensions) {
    values.set(
      dimension,
      [
        ...new Set(
          org.answers.filter((a) => a.site === site.id && a.segment[dimension]).map((a) => a.segment[dimension]!),
        ),
      ].sort(),
    );
  }
  return values;
}

const kindsOf = (site: InternalSite) => [...new Set(site.surveys.map((survey) => survey.kind))];
const historyOf = (site: InternalSite) => ({ from: site.periods.closed[0]!.start, to: site.periods.open.end });
/** One fixed range reaching past the close of every open period, so a refresh reads the same request. */
export const farEnd = (org: Org) => Math.max(...org.internal.map((site) => site.periods.open.end)) + 14 * DAY;

/** Total minus every visible team and two-dimension slice, over the history and over each period. */
function overlap(org: Org, site: InternalSite): Planned[] {
  const planned: Planned[] = [];
  const values = valuesOf(org, site);
  const dims = site.dimensions.map((d) => `segment.${d}`);
  const pairs = dims.flatMap((a, i) => dims.slice(i + 1).map((b) => [a, b]));
  for (const kind of kindsOf(site)) {
    const q = (
      window: { from: number; to: number },
      filters: Record<string, string>,
      groupBy: string[] = [],
    ): Planned => ({ attack: "overlap", query: { kind, filters: { site: site.id, ...filters }, ...window, groupBy } });
    for (const window of [historyOf(site), ...site.periods.closed.map(span)])
      planned.push(q(window, {}), ...dims.map((d) => q(window, {}, [d])), ...pairs.map((pair) => q(window, {}, pair)));
    const whole = historyOf(site);
    planned.push(
      q(whole, {}, ["topic"]),
      ...(kind === "csat" ? [q(whole, {}, ["service"]), q(whole, {}, [dims[0]!, "service"])] : []),
    );
    for (const [dimension, list] of values)
      for (const value of list) planned.push(q(whole, { [`segment.${dimension}`]: value }));
    // Two-dimension slices by filter: the first dimension against each other one.
    for (const [a, b] of pairs.filter(([a]) => a === dims[0])) {
      for (const va of values.get(a!.slice(8))!)
        for (const vb of values.get(b!.slice(8))!) planned.push(q(whole, { [a!]: va, [b!]: vb }));
    }
    for (const topic of TOPICS) planned.push(q(whole, { topic }));
    if (kind === "csat") for (const service of org.services) planned.push(q(whole, { service }));
  }
  return planned;
}

/** Windows one hour and one day apart around answers' hours, and series finer than a period. */
function windows(org: Org, site: InternalSite, times: number[]): Planned[] {
  const planned: Planned[] = [];
  const { from, to } = historyOf(site);
  const q = (window: { from: number; to: number }, filters: Record<string, string> = {}, bucket?: string): Planned => ({
    attack: "windows",
    query: { kind: "csat", filters: { site: site.id, ...filters }, ...window, ...(bucket ? { bucket } : {}) },
  });
  for (const t of times) {
    const team = org.answers.find((a) => a.site === site.id && a.at === t - HOUR)?.segment[site.dimensions[0]!];
    const filters = team ? [{}, { [`segment.${site.dimensions[0]}`]: team }] : [{}];
    for (const f of filters) {
      for (const end of [t - HOUR, t, t + HOUR, t + DAY]) planned.push(q({ from, to: end }, f));
      for (const start of [t - HOUR, t, t + HOUR, t + DAY]) planned.push(q({ from: start, to }, f));
    }
    const day = Math.floor(t / DAY) * DAY;
    planned.push(q({ from: day, to: day + DAY }, {}, "hour"), q({ from: day - 3 * DAY, to: day + DAY }, {}, "day"));
  }
  planned.push(q({ from, to }, {}, "day"), q({ from, to }, {}, "week"));
  return planned;
}

/** A service both audiences rate: everyone minus customers, over a few days, a week and the history. */
function audience(org: Org): Planned[] {
  const planned: Planned[] = [];
  const from = Math.min(...org.internal.map((site) => site.periods.closed[0]!.start));
  const end = Math.min(...org.internal.map((site) => site.periods.open.start));
  for (const service of org.services.slice(0, 2)) {
    for (const window of [
      { from, to: end },
      { from: end - 3 * DAY, to: end },
      { from: end - 7 * DAY, to: end },
      { from: end - 7 * DAY, to: end - 4 * DAY },
    ]) {
      for (const filters of [
        { service },
        { service, audience: "external" },
        { service, audience: "internal" },
      ] as Record<string, string>[])
        planned.push({ attack: "audience", query: { kind: "csat", filters, ...window } });
      planned.push({
        attack: "audience",
        query: { kind: "csat", filters: { service }, ...window, groupBy: ["audience"] },
      });
      planned.push({ attack: "audience", query: { kind: "csat", filters: { service }, ...window, groupBy: ["site"] } });
    }
  }
  return planned;
}

/** The open period: nothing of it may show. */
function openPeriod(site: InternalSite): Planned[] {
  return kindsOf(site).flatMap((kind) => [
    {
      attack: "open period",
      query: { kind, filters: { site: site.id }, from: site.periods.open.start, to: site.periods.open.end },
    },
    {
      attack: "open period",
      query: {
        kind,
        filters: { site: site.id },
        from: site.periods.open.start,
        to: site.periods.open.end,
        groupBy: [`segment.${site.dimensions[0]}`],
      },
    },
  ]);
}

/** The requests of the first reading (everything but the refresh set). */
export function aggregateAttacks(org: Org, times: Map<string, number[]>): Planned[] {
  return [
    ...org.internal.flatMap((site) => [
      ...overlap(org, site),
      ...windows(org, site, times.get(site.id) ?? []),
      ...openPeriod(site),
    ]),
    ...audience(org),
  ];
}

/**
 * What an attacker reads again after a new answer, after a period closes and after a deletion: the
 * totals up to the far end, each first-dimension value, each closed period, and the deleted answer's
 * own period, one attribute of it at a time.
 */
export function refreshQueries(org: Org, victim: Answer): Planned[] {
  const planned: Planned[] = [];
  const end = farEnd(org);
  for (const site of org.internal) {
    const first = `segment.${site.dimensions[0]}`;
    for (const kind of kindsOf(site)) {
      const q = (
        window: { from: number; to: number },
        filters: Record<string, string> = {},
        groupBy: string[] = [],
      ): Planned => ({
        attack: "refresh",
        query: { kind, filters: { site: site.id, ...filters }, ...window, groupBy },
      });
      const whole = { from: site.periods.closed[0]!.start, to: end };
      planned.push(q(whole), q(span(site.periods.open)));
      if (site.id !== victim.site || kind !== victim.kind) continue;
      planned.push(q(whole, {}, [first]), q(span(site.periods.open), {}, [first]));
      for (const value of valuesOf(org, site).get(site.dimensions[0]!)!) planned.push(q(whole, { [first]: value }));
      for (const period of site.periods.closed.map(span)) planned.push(q(period), q(period, {}, [first]));
      const period = span(site.periods.closed.find((p) => p.start <= victim.at && victim.at < p.end)!);
      for (const [dimension, value] of Object.entries(victim.segment))
        planned.push(q(period, { [`segment.${dimension}`]: value }), q(whole, { [`segment.${dimension}`]: value }));
      if (victim.service) planned.push(q(period, { service: victim.service }));
      if (victim.topic) planned.push(q(period, { topic: victim.topic }));
    }
  }
  for (const service of org.services.slice(0, 2))
    planned.push({
      attack: "refresh",
      query: {
        kind: "csat",
        filters: { service },
        from: Math.min(...org.internal.map((s) => s.periods.closed[0]!.start)),
        to: end,
      },
    });
  return planned;
}

/** Inbox, CSV and NDJSON: the whole site, a small team by name, each service and topic, the open period. */
export function listingAttacks(org: Org): PlannedListing[] {
  const planned: PlannedListing[] = [];
  for (const site of org.internal) {
    const values = valuesOf(org, site);
    const narrow: Record<string, string>[] = [{}];
    for (const [dimension, list] of values) for (const value of list) narrow.push({ [`segment.${dimension}`]: value });
    for (const service of org.services) narrow.push({ service });
    for (const topic of TOPICS) narrow.push({ topic });
    for (const filters of narrow)
      planned.push({ attack: "filters", format: "inbox", filters: { site: site.id, ...filters } });
    const first = site.dimensions[0]!;
    for (const format of ["csv", "ndjson"] as const) {
      planned.push({ attack: "filters", format, filters: { site: site.id } });
      for (const value of values.get(first)!)
        planned.push({ attack: "filters", format, filters: { site: site.id, [`segment.${first}`]: value } });
    }
    for (const format of ["inbox", "csv", "ndjson"] as const)
      planned.push({ attack: "open period", format, filters: { site: site.id, from: iso(site.periods.open.start) } });
  }
  return planned;
}
