/**
 * `npm run bench:aggregates [-- --sizes 10000,100000] [--runs 7] [--seed N] [--reuse]`
 *
 * For each size: a fresh local D1 holding that many synthetic responses (a year of them), the real
 * Worker under `wrangler dev`, and the headline aggregates asked twice over HTTP, from rollups and
 * with `source=raw` (a scan of the raw rows). Prints time and rows read of both, checks that the
 * answers agree, and at 10^6 whether the goals of "Aggregates people can trust" hold. Exits 1 on any
 * disagreement. Offline: no Cloudflare account, no network.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { firstDifference } from "./compare";
import { loadSynthetic } from "./load";
import { timeQueries } from "./measure";
import { sharedCsatService } from "./synthetic";
import { printTable } from "./table";
import { applyMigrations, startWorker, withLocalD1 } from "./wrangler";

// The goals, judged at 10^6 responses.
const GOAL_SIZE = 1_000_000;
const GOAL_MAX_ROWS_READ = 20_000;
const GOAL_MIN_SPEEDUP = 20;

/** The headline queries over the synthetic year (2025, UTC); "now" is its end. */
const HEADLINES = [
  { name: "year by month, by service", query: "kind=nps&from=2025-01-01&to=2026-01-01&bucket=month&groupBy=service" },
  { name: "service by audience", query: `kind=csat&service=${sharedCsatService()}&from=2025-01-01&to=2026-01-01&groupBy=audience` },
  { name: "last 30 days by day, Warsaw", query: "kind=nps&bucket=day&tz=Europe/Warsaw&from=2025-12-02&to=2026-01-01" },
];

const { values: options } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000,1000000" },
    runs: { type: "string", default: "7" },
    seed: { type: "string", default: "20250101" },
    reuse: { type: "boolean", default: false },
  },
});
const sizes = options.sizes.split(",").map((size) => Number(size.replace(/_/g, "")));
const runs = Number(options.runs);
const seed = Number(options.seed);
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !(runs >= 1) || !Number.isInteger(seed)) {
  console.error("usage: npm run bench:aggregates -- [--sizes 10000,100000,1000000] [--runs 7] [--seed 20250101] [--reuse]");
  process.exit(2);
}

const say = (line: string) => console.log(`[bench] ${line}`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString("en-US");

/** A fresh database per size (or, with --reuse, one an earlier run loaded with the same size and seed). */
async function prepareDatabase(size: number, persistTo: string): Promise<void> {
  const marker = join(persistTo, "loaded.json");
  const wanted = JSON.stringify({ size, seed });
  if (options.reuse && existsSync(marker) && readFileSync(marker, "utf8") === wanted) {
    say(`${count(size)}: reusing the database loaded earlier in ${persistTo}`);
    return;
  }
  rmSync(persistTo, { recursive: true, force: true });
  mkdirSync(persistTo, { recursive: true });
  let started = performance.now();
  applyMigrations(persistTo);
  const migrated = seconds(started);
  started = performance.now();
  const loaded = await withLocalD1(persistTo, (db) => loadSynthetic(db, size, seed));
  say(`${count(size)}: migrations ${migrated}, load ${seconds(started)} (${count(loaded.responses)} responses, ${count(loaded.rollupRows)} rollup rows)`);
  writeFileSync(marker, wanted);
}

type Timed = { ms: number; totalMs: number; rowsRead: number };
type Row = { size: number; name: string; count: number; rollups: Timed; raw: Timed; verdict: string };

async function benchSize(size: number): Promise<Row[]> {
  const persistTo = join("bench", ".data", String(size));
  await prepareDatabase(size, persistTo);
  const adminToken = randomBytes(24).toString("base64url");
  const started = performance.now();
  const worker = await startWorker(persistTo, adminToken, join(persistTo, "wrangler.log"));
  say(`${count(size)}: wrangler dev answering on ${worker.baseUrl} after ${seconds(started)}`);
  try {
    const rows: Row[] = [];
    for (const headline of HEADLINES) {
      const [rollups, raw] = await timeQueries(worker.baseUrl, adminToken, [headline.query, `${headline.query}&source=raw`], runs);
      // Agreeing on nothing, or one path standing in for the other, would prove nothing.
      const count = (rollups!.body as { total: { count?: number } }).total.count ?? 0;
      let verdict = "OK";
      if (rollups!.source !== "rollups" || raw!.source !== "raw") verdict = `MISMATCH: answered by ${rollups!.source} and ${raw!.source}, not rollups and raw`;
      else if (count === 0) verdict = "MISMATCH: the answer counts no responses, nothing was compared";
      else {
        const difference = firstDifference(rollups!.body, raw!.body);
        if (difference) verdict = `MISMATCH at ${difference}`;
      }
      rows.push({ size, name: headline.name, count, rollups: rollups!, raw: raw!, verdict });
    }
    return rows;
  } finally {
    await worker.stop();
  }
}

/**
 * raw / rollups, where local D1 reports whole milliseconds: a rollup time under 1 ms counts as 1 ms,
 * and the ratio is then a lower bound ("≥").
 */
function speedup(raw: number, rollups: number): { value: number; text: string } {
  const value = raw / Math.max(rollups, 1);
  return { value, text: `${rollups < 1 ? "≥" : ""}${value.toFixed(1)}x` };
}

function report(rows: Row[]): void {
  printTable(
    ["size", "query", "responses", "rollups d1 ms", "rollups rows_read", "raw d1 ms", "raw rows_read", "raw/rollups", "rollups total ms", "raw total ms", "total ratio", "check"],
    rows.map((row) => [
      count(row.size),
      row.name,
      count(row.count),
      row.rollups.ms.toFixed(2),
      count(row.rollups.rowsRead),
      row.raw.ms.toFixed(2),
      count(row.raw.rowsRead),
      speedup(row.raw.ms, row.rollups.ms).text,
      row.rollups.totalMs.toFixed(1),
      row.raw.totalMs.toFixed(1),
      `${(row.raw.totalMs / row.rollups.totalMs).toFixed(1)}x`,
      row.verdict,
    ]),
  );
  console.log("d1 ms: what D1 reports spending on the answer's statements (Server-Timing d1, median).");
  console.log("total ms: the Worker's whole handler time, round trips to local D1 included (Server-Timing total, median).");
}

function judgeGoals(rows: Row[]): void {
  const atGoal = rows.filter((row) => row.size === GOAL_SIZE);
  console.log("");
  if (!atGoal.length) {
    console.log(`Goals are judged at ${count(GOAL_SIZE)} responses, which this run did not load.`);
    return;
  }
  console.log(`Goals at ${count(GOAL_SIZE)} responses (rows_read <= ${count(GOAL_MAX_ROWS_READ)}, at least ${GOAL_MIN_SPEEDUP}x faster than raw in D1 time):`);
  let allHold = true;
  for (const row of atGoal) {
    const rowsHold = row.rollups.rowsRead <= GOAL_MAX_ROWS_READ;
    const ratio = speedup(row.raw.ms, row.rollups.ms);
    const speedHolds = ratio.value >= GOAL_MIN_SPEEDUP;
    allHold &&= rowsHold && speedHolds;
    console.log(
      `  ${row.name.padEnd(30)} rows_read ${count(row.rollups.rowsRead).padStart(7)} ${rowsHold ? "holds" : "FAILS"}   speedup ${ratio.text.padStart(7)} ${speedHolds ? "holds" : "FAILS"}`,
    );
  }
  console.log(allHold ? "All goals hold." : "Some goals do NOT hold.");
}

say(`seed ${seed}, median of ${runs} runs per query, Node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)}`);
for (const headline of HEADLINES) say(`  ${headline.name.padEnd(30)} GET /v1/aggregates?${headline.query}`);
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
const mismatches = rows.filter((row) => row.verdict !== "OK").length;
if (mismatches) {
  console.error(`\n${mismatches} answer(s) from rollups differ from the raw scan.`);
  process.exit(1);
}
