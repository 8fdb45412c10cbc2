/**
 * `npm run bench:load [-- --requests 50000] [--connections 100] [--warmup 1000]`
 *
 * POST /v1/responses under load: the real Worker under `wrangler dev` on 127.0.0.1, a fresh local D1,
 * and autocannon sending `--requests` answers over `--connections` keep-alive connections, each with
 * its own idempotency key. Then every answer must be stored once: rows in D1 = 201 answers = the
 * aggregate's count (and its score distribution = the scores that got a 201). Exits 1 otherwise.
 *
 * The same load, the same bodies, then drives the ceiling (bench/ceiling): a bare Worker on the same
 * stack whose POST is one D1 INSERT of the raw body. Our throughput is printed as a share of it.
 * The two run one after the other, never at once, each after a warm-up that is not counted.
 */
import autocannon, { type Result } from "autocannon";
import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cpuShares, sampleCpu, type CpuShares } from "./cpu";
import { printTable } from "./table";
import type { Unstable_RawConfig } from "wrangler";
import { applyMigrations, withLocalD1, type WranglerDev } from "../harness/wrangler.mjs";
import { bundleWorker, configPath, copyConfig, startWorker } from "./wrangler";

const GOAL_RATIO = 0.7;
/** Every rate limit of the copy we run: the bindings are still called, and never say no. */
const RAISED_LIMIT = 1_000_000_000;
const ORIGIN = "https://shop.example";
const SITE = "load-shop";
/** The warm-up posts to its own site, so the measured site's rows are exactly the measured run's. */
const WARMUP_SITE = "load-warmup";
const SURVEY = "nps";
const TIMEOUT_SECONDS = 60;

const { values: options } = parseArgs({
  options: {
    requests: { type: "string", default: "50000" },
    connections: { type: "string", default: "100" },
    warmup: { type: "string", default: "1000" },
  },
});
const [amount, connections, warmup] = [options.requests, options.connections, options.warmup].map((value) =>
  Number(value.replace(/_/g, "")),
);
if (
  ![amount, connections, warmup].every((n) => Number.isInteger(n) && n! >= 1) ||
  connections! > Math.min(amount!, warmup!)
) {
  console.error(
    "usage: npm run bench:load -- [--requests 50000] [--connections 100] [--warmup 1000] " +
      "(connections <= requests and warmup)",
  );
  process.exit(2);
}

const root = process.cwd();
const dataDir = join(root, "bench", ".data", "load");
const say = (line: string) => console.log(`[bench] ${line}`);
const count = (n: number) => n.toLocaleString("en-US");
const autocannonVersion = (
  JSON.parse(readFileSync(join(root, "node_modules", "autocannon", "package.json"), "utf8")) as { version: string }
).version;

type Target = {
  label: string;
  config: string;
  persistTo: string;
  probe?: { path: string; statuses: number[] };
  /** What the Worker needs before the first POST (feedloop: the site and its survey). */
  seed?: (worker: WranglerDev, adminToken: string) => Promise<void>;
  /** Rows stored per site, read from the stopped Worker's D1. */
  storedPerSite: string;
};

type Run = { result: Result; createdByScore: number[]; created: number; firstRefusal: string | null };

/**
 * One autocannon run of `amount` POSTs to `site`. Every body is new: a score from 0 to 10 in turn, a
 * comment on every third, and a fresh idempotency key, so no answer is a replay of another.
 */
function drive(baseUrl: string, site: string, amount: number, progress: string | null): Promise<Run> {
  const createdByScore = Array.from({ length: 11 }, () => 0);
  let sent = 0;
  let firstRefusal: string | null = null;
  return new Promise((resolve, reject) => {
    let answered = 0;
    let lastReport = performance.now();
    const instance = autocannon<{ score?: number }>(
      {
        url: baseUrl,
        connections,
        amount,
        timeout: TIMEOUT_SECONDS,
        requests: [
          {
            method: "POST",
            path: "/v1/responses",
            headers: { origin: ORIGIN, "content-type": "application/json" },
            setupRequest(request, context) {
              const n = sent++;
              context.score = n % 11;
              const answer = {
                site,
                survey: SURVEY,
                score: context.score,
                ...(n % 3 === 0 ? { comment: `Load test answer ${n}: quick checkout, slow delivery.` } : {}),
                idempotencyKey: randomUUID(),
              };
              return { ...request, body: JSON.stringify(answer) };
            },
            onResponse(status, body, context) {
              if (status === 201) createdByScore[context.score!]!++;
              else firstRefusal ??= `${status} ${body.slice(0, 300)}`;
            },
          },
        ],
      },
      (error, result) => {
        if (error) reject(error);
        else resolve({ result, createdByScore, created: createdByScore.reduce((a, b) => a + b, 0), firstRefusal });
      },
    );
    instance.on("tick", ({ counter }: { counter: number }) => {
      answered += counter;
      if (progress && performance.now() - lastReport >= 30_000) {
        lastReport = performance.now();
        say(`  ${progress}: ${count(answered)} of ${count(amount)} answered`);
      }
    });
  });
}

type Measured = {
  target: Target;
  warm: Run;
  run: Run;
  cpu: CpuShares;
  rows: Map<string, number>;
  aggregate?: { count: number; distribution: Record<string, number> };
};

async function measure(target: Target, adminToken: string): Promise<Measured> {
  rmSync(target.persistTo, { recursive: true, force: true });
  mkdirSync(target.persistTo, { recursive: true });
  await applyMigrations({ persistTo: target.persistTo, config: target.config });
  const started = performance.now();
  const worker = await startWorker(target.persistTo, adminToken, join(target.persistTo, "wrangler.log"), {
    config: target.config,
    ...(target.probe ? { probe: target.probe } : {}),
  });
  const startSeconds = ((performance.now() - started) / 1000).toFixed(1);
  say(`${target.label}: wrangler dev answering on ${worker.url} after ${startSeconds} s`);
  let measured: Measured;
  try {
    await target.seed?.(worker, adminToken);
    const warm = await drive(worker.url, WARMUP_SITE, warmup!, null);
    if (warm.created === 0)
      throw new Error(`${target.label}: no POST of the warm-up was stored; the first answer was ${warm.firstRefusal}`);
    say(
      `${target.label}: warmed up with ${count(warm.result.requests.total)} POSTs; ` +
        `now ${count(amount!)} over ${connections} connections`,
    );
    const before = sampleCpu(worker.pid);
    const run = await drive(worker.url, SITE, amount!, target.label);
    measured = { target, warm, run, cpu: cpuShares(before, sampleCpu(worker.pid)), rows: new Map() };
    if (target.seed) measured.aggregate = await readAggregate(worker.url, adminToken);
  } finally {
    await worker.stop();
  }
  // Counted once the Worker is stopped: nothing is in flight any more.
  const stored = { persistTo: target.persistTo, config: target.config };
  const rows = await withLocalD1(stored, (db) => db.prepare(target.storedPerSite).all<{ site: string; n: number }>());
  for (const row of rows.results) measured.rows.set(row.site, row.n);
  return measured;
}

async function admin(
  baseUrl: string,
  adminToken: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

async function seedFeedloop(worker: WranglerDev, adminToken: string): Promise<void> {
  for (const site of [SITE, WARMUP_SITE]) {
    await admin(worker.url, adminToken, "PUT", `/v1/sites/${site}`, {
      name: `Load test (${site})`,
      audience: "external",
      origins: [ORIGIN],
    });
    await admin(worker.url, adminToken, "PUT", `/v1/sites/${site}/surveys/${SURVEY}`, {
      kind: "nps",
      question: { en: "How likely are you to recommend us?" },
    });
  }
}

async function readAggregate(
  baseUrl: string,
  adminToken: string,
): Promise<{ count: number; distribution: Record<string, number> }> {
  const answer = (await admin(
    baseUrl,
    adminToken,
    "GET",
    `/v1/aggregates?survey=${SURVEY}&site=${SITE}&from=2000-01-01&to=2100-01-01`,
  )) as {
    total: { count?: number; distribution?: Record<string, number> };
  };
  return { count: answer.total.count ?? 0, distribution: answer.total.distribution ?? {} };
}

const perSecond = (run: Run) => run.result.requests.total / run.result.duration;
const createdPerSecond = (run: Run) => run.created / run.result.duration;

function row(name: string, { run }: Measured): string[] {
  const { result } = run;
  return [
    name,
    count(result.requests.sent),
    count(result["2xx"]),
    count(result.non2xx),
    `${count(result.errors)}/${count(result.timeouts)}`,
    count(Math.round(perSecond(run))),
    String(result.latency.p50),
    String(result.latency.p99),
  ];
}

/** The checks: each a line, OK or FAILED. */
function check(ours: Measured, ceiling: Measured): string[] {
  const failures: string[] = [];
  const line = (ok: boolean, text: string) => {
    console.log(`${ok ? "OK    " : "FAILED"} ${text}`);
    if (!ok) failures.push(text);
  };
  const rows = ours.rows.get(SITE) ?? 0;
  const aggregate = ours.aggregate!;
  line(ours.run.created > 0, `feedloop stored answers: ${count(ours.run.created)} POSTs answered 201`);
  line(
    rows === ours.run.created && aggregate.count === ours.run.created,
    `feedloop: rows in D1 ${count(rows)} = 201 answers ${count(ours.run.created)} ` +
      `= aggregate count ${count(aggregate.count)}`,
  );
  const expected = Object.fromEntries(ours.run.createdByScore.flatMap((n, score) => (n ? [[String(score), n]] : [])));
  const distribution = Object.fromEntries(Object.entries(aggregate.distribution).filter(([, n]) => n));
  line(
    JSON.stringify(distribution) === JSON.stringify(expected),
    `feedloop: the aggregate's distribution is the scores that got a 201 ${JSON.stringify(distribution)}`,
  );
  const warmRows = ours.rows.get(WARMUP_SITE) ?? 0;
  line(
    warmRows === ours.warm.created,
    `feedloop warm-up: rows in D1 ${count(warmRows)} = 201 answers ${count(ours.warm.created)}`,
  );
  const ceilingRows = ceiling.rows.get(SITE) ?? 0;
  const ceilingWarmRows = ceiling.rows.get(WARMUP_SITE) ?? 0;
  line(
    ceilingRows === ceiling.run.created && ceilingWarmRows === ceiling.warm.created && ceiling.run.created > 0,
    `ceiling: rows in D1 ${count(ceilingRows)} = 201 answers ${count(ceiling.run.created)} ` +
      `(warm-up ${count(ceilingWarmRows)} = ${count(ceiling.warm.created)})`,
  );
  for (const measured of [ours, ceiling]) {
    const { result } = measured.run;
    if (result.non2xx || result.errors) {
      console.log(
        `note   ${measured.target.label}: ${count(result.non2xx)} non-2xx ${JSON.stringify(result.statusCodeStats)}, ` +
          `${count(result.errors)} errors; first refusal: ${measured.run.firstRefusal}`,
      );
      // wrangler's ProxyWorker compares the URL with its path to one without, so it gives this text for
      // every failed fetch of a POST to the Worker's workerd, restart or not (wrangler 4.86).
      if (measured.run.firstRefusal?.includes("restarted mid-request")) {
        console.log(
          "       (the 503 is wrangler dev's proxy: its fetch to the Worker failed; " +
            'it says "restarted" for any such failure of a POST)',
        );
      }
    }
  }
  return failures;
}

const cpuModel = cpus()[0]?.model.trim() ?? "?";
const loadAverage = loadavg()
  .map((n) => n.toFixed(2))
  .join(" ");
say(
  `Node ${process.version}, autocannon ${autocannonVersion}, ${availableParallelism()} CPUs (${cpuModel}), ` +
    `load average ${loadAverage} at start`,
);
say(
  `${count(amount!)} POSTs over ${connections} connections (pipelining 1) to each Worker in turn, ` +
    `after ${count(warmup!)} not counted`,
);

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

/**
 * The configs this runs, written to `dataDir` with absolute paths: a copy of `source` changed by
 * `change`, whose Worker is a bundle made now (see bundleWorker: others may edit the sources meanwhile).
 */
async function prepareConfig(
  name: string,
  source: string,
  change: (raw: Unstable_RawConfig) => void,
): Promise<{ path: string; raw: Unstable_RawConfig }> {
  const path = join(dataDir, `${name}.wrangler.json`);
  const raw = copyConfig(source, path, change);
  const bundle = await bundleWorker(path, join(dataDir, `${name}-bundle`));
  // wrangler dev restarts the Worker when its assets change too (npm run build rewrites dist/).
  const assets = raw.assets?.directory ? join(dataDir, `${name}-assets`) : null;
  if (assets) cpSync(raw.assets!.directory!, assets, { recursive: true });
  return {
    path,
    raw: copyConfig(path, path, (copy) => {
      copy.main = bundle;
      if (assets) copy.assets!.directory = assets;
    }),
  };
}
// Ours: the repository's wrangler.toml with every rate limit raised (see RAISED_LIMIT).
const oursConfig = await prepareConfig("feedloop", configPath, (raw) => {
  for (const limiter of raw.ratelimits ?? []) limiter.simple.limit = RAISED_LIMIT;
});
const raised = (oursConfig.raw.ratelimits ?? []).map((limiter) => `${limiter.name} (per ${limiter.simple.period} s)`);
// The ceiling on the same runtime: feedloop's compatibility date and flags.
const ceilingConfig = await prepareConfig("ceiling", join(root, "bench", "ceiling", "wrangler.toml"), (raw) => {
  raw.compatibility_date = oursConfig.raw.compatibility_date;
  raw.compatibility_flags = oursConfig.raw.compatibility_flags;
});
say(`Workers bundled and assets copied once, so edits to the working tree during the run change nothing`);

const adminToken = randomBytes(24).toString("base64url");
const ceiling = await measure(
  {
    label: "ceiling",
    config: ceilingConfig.path,
    persistTo: join(dataDir, "ceiling"),
    probe: { path: "/", statuses: [200] },
    storedPerSite: "SELECT json_extract(body, '$.site') AS site, COUNT(*) AS n FROM responses GROUP BY 1",
  },
  adminToken,
);
const ours = await measure(
  {
    label: "feedloop",
    config: oursConfig.path,
    persistTo: join(dataDir, "feedloop"),
    seed: seedFeedloop,
    storedPerSite: "SELECT site_id AS site, COUNT(*) AS n FROM responses GROUP BY site_id",
  },
  adminToken,
);

printTable(
  ["", "requests", "2xx", "non-2xx", "errors/timeouts", "req/s", "p50 ms", "p99 ms"],
  [row("feedloop POST /v1/responses", ours), row("ceiling: one D1 INSERT", ceiling)],
);
const ratio = createdPerSecond(ours.run) / createdPerSecond(ceiling.run);
console.log(
  `throughput ratio: ${(ratio * 100).toFixed(1)}% of the ceiling ` +
    `(goal ≥ ${GOAL_RATIO * 100}%: ${ratio >= GOAL_RATIO ? "met" : "NOT met"}; 201 answers per second, ` +
    `${count(Math.round(createdPerSecond(ours.run)))} vs ${count(Math.round(createdPerSecond(ceiling.run)))})`,
);
console.log(
  `req/s: answers per second over the whole run; p50/p99: latency of the 2xx answers, as autocannon measures it.`,
);

// The machine may be shared: what else ran, and what the hypervisor took, weigh on each throughput.
const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
printTable(
  ["CPU during the measured run", "wrangler dev", "autocannon", "other processes", "steal", "idle"],
  (
    [
      ["feedloop POST /v1/responses", ours],
      ["ceiling: one D1 INSERT", ceiling],
    ] as const
  ).map(([name, { cpu }]) => [
    name,
    percent(cpu.server),
    percent(cpu.client),
    percent(cpu.others),
    percent(cpu.steal),
    percent(cpu.idle),
  ]),
);
console.log(
  `Shares of all ${availableParallelism()} cores' time. ` +
    "wrangler dev: its Node process and the workerd processes it runs (our Worker, D1, its proxy).",
);
console.log(
  raised.length
    ? `Rate limits raised to ${count(RAISED_LIMIT)} in the copy of wrangler.toml this ran (${oursConfig.path}), ` +
        `so one client is not limited while the bindings are still called: ${raised.join(", ")}.`
    : "wrangler.toml has no [[ratelimits]] to raise.",
);
say(
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")} at the end; logs and databases in ${dataDir}`,
);
console.log("");
const failures = check(ours, ceiling);
if (failures.length) {
  console.error(`\nFAILED: ${failures.length} check(s) did not hold.`);
  process.exit(1);
}
console.log("\nOK: every 201 answer is stored once and counted once.");
