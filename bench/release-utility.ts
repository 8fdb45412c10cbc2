/**
 * `node bench/run.mjs release-utility [--now 2026-06-03T12:00:00Z]`
 *
 * What release groups leave of the demo intranet's sample history (demo/sample-history.ts, the config of
 * demo/seed.mjs), read through the real Worker as a reader sees it: the share of closed-period answers
 * that count in the site's total, and the share of the largest team's own answers that count under its
 * own name in `groupBy=segment.team` (issue 11: at least 90% and 80%). Then checks that the sample's
 * small groups (team legal, role director) are named nowhere: in no breakdown, release group, inbox row
 * or filter. Exits 1 when a goal or a check fails. Offline.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { printTable } from "./table";
import { applyMigrations, withLocalD1, type WranglerDev } from "../harness/wrangler.mjs";
import { bundledConfig, startWorker } from "./wrangler";

const SITE = "demo-intranet";
const SURVEYS = ["helpdesk", "escalations"];
const GOAL_SITE_SHARE = 0.9;
const GOAL_TEAM_SHARE = 0.8;
/** The sample's groups too small to be named (demo/sample-history.ts). */
const SMALL = [
  { dimension: "team", value: "legal" },
  { dimension: "role", value: "director" },
];
/** Longer than the sample's longest history (112 days, the escalations survey): every closed period of it. */
const RANGE_WEEKS = 17;
const WEEK = 7 * 86_400_000;

// The sample's draws are fixed (its seed); "now" places its days, and with them the periods' edges.
const { values: options } = parseArgs({ options: { now: { type: "string" } } });
const now = options.now ? Date.parse(options.now) : Date.now();
if (Number.isNaN(now) || now > Date.now()) {
  console.error("usage: node bench/run.mjs release-utility [--now <ISO time, not in the future>]");
  process.exit(2);
}

// The demo's own scripts, loaded at run time (plain .mjs, without types).
type Summary = { responses: number; bySite: Record<string, number> };
type DemoLog = (line: string) => void;
type SeedSampleData = (options: { persistTo: string; now: number }) => Promise<Summary | null>;
type SeedDemo = (options: { baseUrl: string; token: string; origins: string[]; log: DemoLog }) => Promise<void>;
const demoModule = async <T>(file: string) =>
  (await import(pathToFileURL(join(process.cwd(), "demo", file)).href)) as T;
const { seedSampleData } = await demoModule<{ seedSampleData: SeedSampleData }>("sample-data.mjs");
const { seedDemo } = await demoModule<{ seedDemo: SeedDemo }>("seed.mjs");

const say = (line: string) => console.log(`[utility] ${line}`);
const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : "-");

type Cell = { count?: number; withheld?: true };
type Answer = { total: Cell; withheld?: true; groups?: ({ key: Record<string, string | null> } & Cell)[] };
type Row = { segment: Record<string, string> };
/** What a reader with the admin key was answered. */
type Read = {
  closedBefore: number;
  site: Answer;
  byTeam: Answer;
  byRole: Answer;
  surveys: Record<string, { site: Answer; byTeam: Answer }>;
  /** One answer per SMALL group: `segment.<dimension>=<value>`, aggregate and inbox. */
  filtered: { aggregate: Answer; rows: number }[];
  inbox: Row[];
};

async function read(worker: WranglerDev, adminToken: string): Promise<Read> {
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${worker.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    if (!response.ok)
      throw new Error(`GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return (await response.json()) as T;
  };
  const site = await api<{ currentPeriod: { start: string } | null }>(`/v1/sites/${SITE}`);
  if (!site.currentPeriod) throw new Error(`${SITE} has no reporting period: is it internal?`);
  const closedBefore = Date.parse(site.currentPeriod.start);
  // The first read closes and groups every period that has ended.
  const from = new Date(closedBefore - RANGE_WEEKS * WEEK).toISOString();
  const range = `site=${SITE}&from=${from}&to=${site.currentPeriod.start}`;
  const aggregate = (query: string) => api<Answer>(`/v1/aggregates?kind=csat&${range}${query}`);
  const surveys: Read["surveys"] = {};
  for (const survey of SURVEYS) {
    surveys[survey] = {
      site: await aggregate(`&survey=${survey}`),
      byTeam: await aggregate(`&survey=${survey}&groupBy=segment.team`),
    };
  }
  const filtered = [];
  for (const { dimension, value } of SMALL) {
    const filter = `&segment.${dimension}=${value}`;
    const rows = await api<{ items: Row[] }>(`/v1/responses?${range}${filter}`);
    filtered.push({ aggregate: await aggregate(filter), rows: rows.items.length });
  }
  // Every released row of the inbox, page by page.
  const inbox: Row[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Row[]; nextCursor: string | null } = await api(
      `/v1/responses?${range}&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
    );
    inbox.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const byTeam = await aggregate("&groupBy=segment.team");
  return {
    closedBefore,
    site: await aggregate(""),
    byTeam,
    byRole: await aggregate("&groupBy=segment.role"),
    surveys,
    filtered,
    inbox,
  };
}

/** The truth, from the database: each answer with its own segment, and the release groups' segments. */
type Truth = {
  answers: { survey: string; own: Record<string, string>; createdAt: number; released: boolean }[];
  groups: Record<string, string>[];
};

async function truth(persistTo: string, config: string): Promise<Truth> {
  return withLocalD1({ persistTo, config }, async (db) => {
    const answers = await db
      .prepare("SELECT survey_id, segment, created_at, release_group FROM responses WHERE site_id = ?")
      .bind(SITE)
      .all<{ survey_id: string; segment: string; created_at: number; release_group: string | null }>();
    const groups = await db
      .prepare("SELECT segment FROM release_groups WHERE site_id = ? AND withheld = 0")
      .bind(SITE)
      .all<{ segment: string }>();
    return {
      answers: answers.results.map((row) => ({
        survey: row.survey_id,
        own: JSON.parse(row.segment) as Record<string, string>,
        createdAt: row.created_at,
        released: row.release_group !== null,
      })),
      groups: groups.results.map((row) => JSON.parse(row.segment) as Record<string, string>),
    };
  });
}

const countOf = (answer: Answer) => answer.total.count ?? 0;
const named = (answer: Answer, dimension: string, value: string) =>
  answer.groups?.find((group) => group.key[`segment.${dimension}`] === value);

/** The shares of the goals, for the whole site and per survey: a table, and whether the site's goals hold. */
function reportShares(answers: Truth["answers"], read: Read): boolean {
  const rows: string[][] = [];
  let hold = true;
  const judge = (share: number, goal: number) => {
    hold &&= share >= goal;
    return `${share >= goal ? "holds" : "FAILS"} (>= ${goal * 100}%)`;
  };
  const scopes = [
    { scope: "site", answers, site: read.site, byTeam: read.byTeam, goals: true },
    ...SURVEYS.map((survey) => ({
      scope: `survey ${survey}`,
      answers: answers.filter((a) => a.survey === survey),
      ...read.surveys[survey]!,
      goals: false,
    })),
  ];
  for (const { scope, answers: own, site, byTeam, goals } of scopes) {
    const teams = new Map<string, number>();
    for (const answer of own) if (answer.own.team) teams.set(answer.own.team, (teams.get(answer.own.team) ?? 0) + 1);
    const [team, size] = [...teams].sort((a, b) => b[1] - a[1])[0]!;
    const underItsName = named(byTeam, "team", team)?.count ?? 0;
    const total = countOf(site);
    rows.push([
      scope,
      "answers counted in the total",
      String(own.length),
      String(total),
      percent(total, own.length),
      goals ? judge(total / own.length, GOAL_SITE_SHARE) : "",
    ]);
    const largest = `largest team (${team}): answers counted as ${team}`;
    rows.push([
      scope,
      largest,
      String(size),
      String(underItsName),
      percent(underItsName, size),
      goals ? judge(underItsName / size, GOAL_TEAM_SHARE) : "",
    ]);
  }
  const released = answers.filter((answer) => answer.released).length;
  rows.push([
    "site",
    "answers in a release group",
    String(answers.length),
    String(released),
    percent(released, answers.length),
    "",
  ]);
  printTable(["scope", "measure", "answers", "counted", "share", "goal"], rows);
  return hold;
}

/** Where a small group is named: a breakdown, a release group, an inbox row, a figure or row under its filter. */
function smallGroupLeaks(answers: Truth["answers"], groups: Truth["groups"], read: Read): string[] {
  const leaks: string[] = [];
  for (const [index, { dimension, value }] of SMALL.entries()) {
    const breakdowns: [string, Answer][] = [["site", dimension === "team" ? read.byTeam : read.byRole]];
    if (dimension === "team")
      breakdowns.push(...SURVEYS.map((survey): [string, Answer] => [`survey ${survey}`, read.surveys[survey]!.byTeam]));
    for (const [scope, breakdown] of breakdowns)
      if (named(breakdown, dimension, value)) leaks.push(`${scope} groupBy=segment.${dimension} has a ${value} group`);
    const inGroups = groups.filter((segment) => segment[dimension] === value).length;
    const inRows = read.inbox.filter((row) => row.segment[dimension] === value).length;
    const { aggregate, rows } = read.filtered[index]!;
    if (inGroups) leaks.push(`${inGroups} release group(s) name ${dimension} ${value}`);
    if (inRows) leaks.push(`${inRows} inbox row(s) show ${dimension} ${value}`);
    if (countOf(aggregate) || rows)
      leaks.push(`segment.${dimension}=${value} counts ${countOf(aggregate)} and lists ${rows} row(s)`);
    const own = answers.filter((answer) => answer.own[dimension] === value).length;
    const marked = aggregate.withheld ? ", withheld: true" : "";
    say(
      `${dimension} ${value}: ${own} answers in closed periods; ` +
        `segment.${dimension}=${value} counts ${countOf(aggregate)}${marked} and lists ${rows} rows`,
    );
  }
  return leaks;
}

const dataDir = join(process.cwd(), "bench", ".data", "utility");
const persistTo = join(dataDir, "state");
rmSync(persistTo, { recursive: true, force: true });
mkdirSync(persistTo, { recursive: true });
const config = await bundledConfig(dataDir, "feedloop");
await applyMigrations({ persistTo, config });
const sample = await seedSampleData({ persistTo, now });
if (!sample) throw new Error("the sample history was not written");
say(
  `sample history: ${sample.responses} answers, ${sample.bySite[SITE] ?? 0} of them in ${SITE}, ` +
    `up to ${new Date(now).toISOString()}`,
);

const adminToken = randomBytes(24).toString("base64url");
const worker = await startWorker(persistTo, adminToken, join(dataDir, "wrangler.log"), { config });
let answered: Read;
try {
  await seedDemo({ baseUrl: worker.url, token: adminToken, origins: [worker.url], log: () => {} });
  answered = await read(worker, adminToken);
} finally {
  await worker.stop();
}

const { answers, groups } = await truth(persistTo, config);
const closed = answers.filter((answer) => answer.createdAt < answered.closedBefore);
const closedAt = new Date(answered.closedBefore).toISOString();
console.log(
  `\n${SITE}: ${closed.length} answers in periods closed before ${closedAt}, ` +
    `${answers.length - closed.length} in the open one`,
);
const goalsHold = reportShares(closed, answered);
const leaks = smallGroupLeaks(closed, groups, answered);
console.log(`inbox: ${answered.inbox.length} rows listed`);
if (leaks.length) console.error(`\nSmall groups named: ${leaks.join("; ")}`);
else say("legal and the directors are named nowhere.");
if (leaks.length || !goalsHold) process.exit(1);
