/**
 * `npm run bench:aggregates [-- --sizes 10000,100000] [--runs 7] [--seed N] [--reuse] [--save FILE] [--baseline FILE]`
 *
 * For each size: a fresh local D1 holding that many synthetic responses (a year of them, half of them
 * employees' answers on internal sites with weekly reporting periods), the real Worker under
 * `wrangler dev`, every internal period closed and grouped by one read per internal site (timed, with
 * what it wrote), then the headline aggregates asked twice over HTTP, from rollups and with
 * `source=raw` (a scan of the raw rows). Prints time and rows read of both and checks that the answers
 * agree. `--save` writes the timings as JSON; `--baseline` reads such a file, written by this bench in a
 * checkout of an earlier version (see bench/aggregates-data.ts), and compares the handler times. At
 * 10^6 it judges the goals: rows read, and time within GOAL_MAX_SLOWDOWN of the baseline. Exits 1 on
 * any disagreement. Offline: no Cloudflare account, no network.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pendingAnswers, prepareConfigs, prepareDatabase, releaseCounts, type Released } from "./aggregates-data";
import { firstDifference } from "./compare";
import { readAggregate, timeQueries } from "./measure";
import { sharedCsatService, SITES } from "./synthetic";
import { printTable } from "./table";
import { startWorker } from "./wrangler";

// The issues' goals, judged at 10^6 responses.
const GOAL_SIZE = 1_000_000;
const GOAL_MAX_ROWS_READ = 20_000;
/** Issue 11: release groups keep each headline within 2x of the handler time before them. */
const GOAL_MAX_SLOWDOWN = 2;

const YEAR = "from=2025-01-01&to=2026-01-01";
/**
 * The headline queries over the synthetic year (2025, UTC); "now" is later. `customers`: whether
 * external answers are in scope (without them both paths read release groups only).
 */
const HEADLINES = [
  { name: "year by month, by service", query: `kind=nps&${YEAR}&bucket=month&groupBy=service`, customers: true },
  {
    name: "service by audience",
    query: `kind=csat&service=${sharedCsatService()}&${YEAR}&groupBy=audience`,
    customers: true,
  },
  // By day: employees' answers are released per week, so a day bucket over them is a 422.
  {
    name: "last 30 days by day, Warsaw, customers",
    query: "kind=nps&audience=external&bucket=day&tz=Europe/Warsaw&from=2025-12-02&to=2026-01-01",
    customers: true,
  },
  { name: "internal site, year by month", query: `kind=nps&site=intranet&${YEAR}&bucket=month`, customers: false },
  {
    name: "service by week, by audience",
    query: `kind=csat&service=${sharedCsatService()}&${YEAR}&bucket=week&groupBy=audience`,
    customers: true,
  },
  {
    name: "internal site, year by team",
    query: `kind=nps&site=intranet&${YEAR}&groupBy=segment.team`,
    customers: false,
  },
];
const INTERNAL_SITES = SITES.filter((site) => site.audience === "internal").map((site) => site.id);

const { values: options } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000,1000000" },
    runs: { type: "string", default: "7" },
    seed: { type: "string", default: "20250101" },
    reuse: { type: "boolean", default: false },
    save: { type: "string" },
    baseline: { type: "string" },
  },
});
const sizes = options.sizes.split(",").map((size) => Number(size.replace(/_/g, "")));
const runs = Number(options.runs);
const seed = Number(options.seed);
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !(runs >= 1) || !Number.isInteger(seed)) {
  console.error(
    "usage: npm run bench:aggregates -- [--sizes 10000,100000,1000000] [--runs 7] [--seed 20250101] [--reuse] " +
      "[--save FILE] [--baseline FILE]",
  );
  process.exit(2);
}

const say = (line: string) => console.log(`[bench] ${line}`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString("en-US");

type Timed = { ms: number; totalMs: number; rowsRead: number };
type Row = { size: number; name: string; query: string; count: number; rollups: Timed; raw: Timed; verdict: string };
type Saved = { seed: number; rows: Row[] };

const baseline: Saved | null = options.baseline ? (JSON.parse(readFileSync(options.baseline, "utf8")) as Saved) : null;
if (baseline && baseline.seed !== seed)
  throw new Error(`the baseline ${options.baseline} was run with seed ${baseline.seed}, not ${seed}`);
const before = (row: Row) => baseline?.rows.find((old) => old.size === row.size && old.query === row.query);

const dataDir = join(process.cwd(), "bench", ".data", "aggregates");
const configs = await prepareConfigs(dataDir);

/** Periods one reading request closes per site (worker/release PERIODS_PER_REQUEST). */
const PERIODS_PER_REQUEST = 8;
/** The weeks the synthetic year spans, and one more read to find nothing left. */
const READS_TO_RELEASE = Math.ceil(54 / PERIODS_PER_REQUEST) + 1;

/**
 * Reads per internal site until all of its periods are closed (worker/release closes at most
 * PERIODS_PER_REQUEST per request, one transaction each): the first run after the migration. Timed
 * by the client, all reads together: they are the requests that write.
 */
async function releaseAll(baseUrl: string, adminToken: string): Promise<{ site: string; ms: number }[]> {
  const timings = [];
  for (const site of INTERNAL_SITES) {
    const started = performance.now();
    for (let read = 0; read < READS_TO_RELEASE; read++)
      await readAggregate(baseUrl, adminToken, `kind=nps&site=${site}&${YEAR}`);
    timings.push({ site, ms: performance.now() - started });
  }
  return timings;
}

function reportRelease(
  size: number,
  timings: { site: string; ms: number }[],
  counts: Released[],
  pendingBefore: number | null,
): void {
  if (!counts.length) {
    const reads = timings.map((t) => `${t.ms.toFixed(0)} ms`).join(", ");
    say(`${count(size)}: this schema has no release groups; the reads per internal site took ${reads}`);
    return;
  }
  printTable(
    [
      "size",
      "internal site",
      "answers",
      "released",
      "withheld",
      "still pending",
      "pending read MB",
      "periods",
      "groups",
      "statements",
      "first reads ms",
    ],
    counts.map((c) => [
      count(size),
      c.site,
      count(c.answers),
      count(c.released),
      count(c.withheld),
      count(c.pending),
      (c.pendingBytes / 1e6).toFixed(1),
      count(c.periods),
      count(c.groups),
      count(c.statements),
      pendingBefore ? (timings.find((t) => t.site === c.site)?.ms ?? 0).toFixed(0) : "-",
    ]),
  );
  if (!pendingBefore)
    console.log("first reads ms: -, as nothing was pending: an earlier run on this database released it.");
  console.log(
    "pending read MB: what the reads of the site's pending answers returned in all, about; " +
      "one period a read (D1 allows 50 MB per result).",
  );
  console.log("statements: all the periods' statements together; each period is one db.batch of its own.");
  console.log(
    `first reads ms: the ${READS_TO_RELEASE} reads that closed the site's periods (client wall time), ` +
      `${PERIODS_PER_REQUEST} periods a read at most.`,
  );
}

async function benchSize(size: number): Promise<Row[]> {
  const persistTo = join("bench", ".data", String(size));
  const prepared = await prepareDatabase(configs, persistTo, size, seed, options.reuse);
  const loaded = prepared.reused
    ? `reusing the database loaded earlier in ${persistTo}`
    : `load ${prepared.loadSeconds.toFixed(1)} s ` +
      `(${count(prepared.responses)} responses, ${count(prepared.rollupRows)} rollup rows)`;
  say(`${count(size)}: ${loaded}, then the migrations it lacked ${prepared.carryOverSeconds.toFixed(1)} s`);
  const pendingBefore = await pendingAnswers(persistTo, configs.all);
  const adminToken = randomBytes(24).toString("base64url");
  const started = performance.now();
  const worker = await startWorker(persistTo, adminToken, join(persistTo, "wrangler.log"), { config: configs.all });
  say(`${count(size)}: wrangler dev answering on ${worker.url} after ${seconds(started)}`);
  let timings: { site: string; ms: number }[] = [];
  const rows: Row[] = [];
  try {
    timings = await releaseAll(worker.url, adminToken);
    for (const headline of HEADLINES) {
      const [rollups, raw] = await timeQueries(
        worker.url,
        adminToken,
        [headline.query, `${headline.query}&source=raw`],
        runs,
      );
      // Agreeing on nothing, or one path standing in for the other, would prove nothing.
      const count = (rollups!.body as { total: { count?: number } }).total.count ?? 0;
      const groupsOnly = !headline.customers && rollups!.source === "rollups" && raw!.source === "rollups";
      let verdict = "OK";
      if (!groupsOnly && (rollups!.source !== "rollups" || raw!.source !== "raw"))
        verdict = `MISMATCH: answered by ${rollups!.source} and ${raw!.source}, not rollups and raw`;
      else if (count === 0) verdict = "MISMATCH: the answer counts no responses, nothing was compared";
      else {
        const difference = firstDifference(rollups!.body, raw!.body);
        if (difference) verdict = `MISMATCH at ${difference}`;
      }
      rows.push({ size, name: headline.name, query: headline.query, count, rollups: rollups!, raw: raw!, verdict });
    }
  } finally {
    await worker.stop();
  }
  reportRelease(size, timings, await releaseCounts(persistTo, configs.all), pendingBefore);
  return rows;
}

function report(rows: Row[]): void {
  printTable(
    [
      "size",
      "query",
      "responses",
      "rows_read",
      "d1 ms",
      "handler ms",
      "old handler ms",
      "handler/old",
      "raw rows_read",
      "raw d1 ms",
      "raw handler ms",
      "check",
    ],
    rows.map((row) => {
      const old = before(row);
      return [
        count(row.size),
        row.name,
        count(row.count),
        count(row.rollups.rowsRead),
        row.rollups.ms.toFixed(2),
        row.rollups.totalMs.toFixed(1),
        old ? old.rollups.totalMs.toFixed(1) : "-",
        old ? `${(row.rollups.totalMs / old.rollups.totalMs).toFixed(2)}x` : "-",
        count(row.raw.rowsRead),
        row.raw.ms.toFixed(2),
        row.raw.totalMs.toFixed(1),
        row.verdict,
      ];
    }),
  );
  console.log(
    "d1 ms: what D1 reports spending on the answer's statements (Server-Timing d1, median); " +
      "rows_read the same answer's.",
  );
  console.log(
    "handler ms: the Worker's whole handler time, round trips to local D1 included (Server-Timing total, median).",
  );
  console.log("raw: the same query with source=raw (customers' answers scanned from the raw rows).");
  if (baseline) console.log(`old handler ms: the same query on the same data, from ${options.baseline}.`);
}

function judgeGoals(rows: Row[]): void {
  const atGoal = rows.filter((row) => row.size === GOAL_SIZE);
  console.log("");
  if (!atGoal.length) {
    console.log(`Goals are judged at ${count(GOAL_SIZE)} responses, which this run did not load.`);
    return;
  }
  console.log(
    `Goals at ${count(GOAL_SIZE)} responses (rows_read <= ${count(GOAL_MAX_ROWS_READ)}; ` +
      `handler time at most ${GOAL_MAX_SLOWDOWN}x the baseline's):`,
  );
  let allHold = true;
  for (const row of atGoal) {
    const rowsHold = row.rollups.rowsRead <= GOAL_MAX_ROWS_READ;
    const old = before(row);
    const ratio = old ? row.rollups.totalMs / old.rollups.totalMs : null;
    const timeHolds = ratio === null || ratio <= GOAL_MAX_SLOWDOWN;
    allHold &&= rowsHold && timeHolds;
    const time = ratio === null ? "no baseline" : `${ratio.toFixed(2)}x ${timeHolds ? "holds" : "FAILS"}`;
    const rowsRead = `${count(row.rollups.rowsRead).padStart(7)} ${rowsHold ? "holds" : "FAILS"}`;
    console.log(`  ${row.name.padEnd(40)} rows_read ${rowsRead}   time ${time}`);
  }
  console.log(allHold ? "All goals hold." : "Some goals do NOT hold.");
}

say(
  `seed ${seed}, median of ${runs} runs per query, Node ${process.version}, ${availableParallelism()} CPUs, ` +
    `load average ${loadavg()[0]!.toFixed(1)}`,
);
for (const headline of HEADLINES) say(`  ${headline.name.padEnd(40)} GET /v1/aggregates?${headline.query}`);
const rows: Row[] = [];
for (const size of sizes) {
  const sizeRows = await benchSize(size);
  report(sizeRows);
  rows.push(...sizeRows);
}
if (sizes.length > 1) {
  console.log("\nAll sizes:");
  report(rows);
}
judgeGoals(rows);
if (options.save) {
  writeFileSync(options.save, `${JSON.stringify({ seed, rows } satisfies Saved, null, 2)}\n`);
  say(`timings written to ${options.save}`);
}
const mismatches = rows.filter((row) => row.verdict !== "OK").length;
if (mismatches) {
  console.error(`\n${mismatches} answer(s) from rollups differ from the raw scan.`);
  process.exit(1);
}
