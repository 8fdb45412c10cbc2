/**
 * The database bench/aggregates.ts measures, and the Worker it runs. The synthetic year is loaded as
 * the schema before release groups stored it (migrations before 0008, employees' answers in rollups),
 * then the remaining migrations carry it over as they would in production, and one read per internal
 * site closes and groups its periods before anything is timed. The same file runs in a checkout of the
 * code before release groups (no 0008 there: the load is all, the reads release nothing), so both
 * versions are measured on the same data.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSynthetic } from "./load";
import { SITES } from "./synthetic";
import { applyMigrations, withLocalD1 } from "../harness/wrangler.mjs";
import { bundledConfig, copyConfig } from "./wrangler";

/** The first migration the data is not loaded under: it moves employees' answers to release groups. */
const CARRY_OVER_FROM = "0008";
// worker/db/release.ts: groups per INSERT and answers per UPDATE of the batch that closes periods.
const GROUPS_PER_STATEMENT = 12;
const ANSWERS_PER_STATEMENT = 5_000;

export type Configs = { before: string; all: string };

/**
 * Two copies of wrangler.toml running one bundle of the Worker made now (see bundledConfig): `before`
 * with the migrations before CARRY_OVER_FROM, `all` with every migration. Both name the same D1
 * database, so they share one local file.
 */
export async function prepareConfigs(dataDir: string): Promise<Configs> {
  const migrations = join(dataDir, "migrations");
  const before = join(dataDir, "migrations-before");
  const all = await bundledConfig(dataDir, "feedloop", (raw) => {
    const database = raw.d1_databases?.[0];
    if (!database?.migrations_dir) throw new Error("wrangler.toml has no D1 database with a migrations_dir");
    for (const dir of [migrations, before]) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
    for (const file of readdirSync(database.migrations_dir).filter((name) => name.endsWith(".sql"))) {
      cpSync(join(database.migrations_dir, file), join(migrations, file));
      if (file < CARRY_OVER_FROM) cpSync(join(database.migrations_dir, file), join(before, file));
    }
    database.migrations_dir = migrations;
  });
  const beforeConfig = join(dataDir, "before.wrangler.json");
  copyConfig(all, beforeConfig, (raw) => {
    raw.d1_databases![0]!.migrations_dir = before;
  });
  return { before: beforeConfig, all };
}

export type Prepared = {
  reused: boolean;
  loadSeconds: number;
  carryOverSeconds: number;
  responses: number;
  rollupRows: number;
};

/**
 * A database per size, loaded under the migrations before CARRY_OVER_FROM, then migrated to the end.
 * With `reuse`, one loaded earlier with the same size and seed is migrated on from where it is: also
 * one loaded by this bench in a checkout of the earlier version (copy its bench/.data/<size>), so both
 * versions are measured on the same rows.
 */
export async function prepareDatabase(
  configs: Configs,
  persistTo: string,
  size: number,
  seed: number,
  reuse: boolean,
): Promise<Prepared> {
  const marker = join(persistTo, "loaded.json");
  const wanted = JSON.stringify({
    size,
    seed,
    internal: SITES.filter((site) => site.audience === "internal").map((site) => site.id),
  });
  const reused = reuse && existsSync(marker) && readFileSync(marker, "utf8") === wanted;
  let loaded = { responses: size, rollupRows: 0 };
  let started = performance.now();
  if (!reused) {
    rmSync(persistTo, { recursive: true, force: true });
    mkdirSync(persistTo, { recursive: true });
    await applyMigrations({ persistTo, config: configs.before });
    loaded = await withLocalD1({ persistTo, config: configs.before }, (db) => loadSynthetic(db, size, seed));
    writeFileSync(marker, wanted);
  }
  const loadSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await applyMigrations({ persistTo, config: configs.all });
  return { reused, loadSeconds, carryOverSeconds: (performance.now() - started) / 1000, ...loaded };
}

/** Internal answers not yet released; null on a schema without release groups. */
export async function pendingAnswers(persistTo: string, config: string): Promise<number | null> {
  return withLocalD1({ persistTo, config }, async (db) => {
    const columns = await db.prepare("SELECT name FROM pragma_table_info('responses') WHERE name = 'pending'").first();
    return columns
      ? ((await db.prepare("SELECT COUNT(*) AS n FROM responses WHERE pending = 1").first<number>("n")) ?? 0)
      : null;
  });
}

export type Released = {
  site: string;
  answers: number;
  released: number;
  withheld: number;
  pending: number;
  /** The text the read of pending answers returns (worker/db/release.ts readPending), numbers as 8 bytes. */
  pendingBytes: number;
  groups: number;
  periods: number;
  statements: number;
};

/**
 * What closing an internal site's periods wrote, read after the Worker stopped: answers released into
 * groups, withheld and still pending; the groups; and how many statements the one `db.batch` that
 * wrote them held (worker/db/release.ts). Empty on a schema without release groups.
 */
export async function releaseCounts(persistTo: string, config: string): Promise<Released[]> {
  return withLocalD1({ persistTo, config }, async (db) => {
    const hasGroups = await db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'release_groups'")
      .first();
    if (!hasGroups) return [];
    const counts: Released[] = [];
    for (const site of SITES.filter((s) => s.audience === "internal")) {
      const answers = await db
        .prepare(
          `SELECT COUNT(*) AS answers, SUM(pending) AS pending, SUM(release_group IS NOT NULL) AS released,
               SUM(pending = 0 AND release_group IS NULL) AS withheld,
               SUM(LENGTH(id) + LENGTH(kind) + LENGTH(survey_id) + LENGTH(service_id) + LENGTH(topic)
                 + LENGTH(segment) + 16) AS bytes
             FROM responses WHERE site_id = ?`,
        )
        .bind(site.id)
        .first<{ answers: number; pending: number; released: number; withheld: number; bytes: number }>();
      // Per period: its group rows (the withheld markers included) and its answers.
      const { results: periods } = await db
        .prepare(
          `SELECT g.period_start, g.rows, COALESCE(r.answers, 0) AS answers
             FROM (SELECT period_start, COUNT(*) AS rows, SUM(n) AS n FROM release_groups
                   WHERE site_id = ?1 GROUP BY period_start) g
             LEFT JOIN (SELECT rg.period_start, COUNT(*) AS answers
                        FROM responses r JOIN release_groups rg ON rg.id = r.release_group
                        WHERE r.site_id = ?1 GROUP BY rg.period_start) r ON r.period_start = g.period_start`,
        )
        .bind(site.id)
        .all<{ period_start: number; rows: number; answers: number }>();
      const groupRows = periods.reduce((sum, p) => sum + p.rows, 0);
      // Withheld answers join the UPDATE of their period too; at most minGroupSize - 1 per kind, so
      // counting only the released ones can miss a statement only at a multiple of 5,000.
      const updates = periods.reduce((sum, p) => sum + Math.ceil(p.answers / ANSWERS_PER_STATEMENT), 0);
      counts.push({
        site: site.id,
        answers: answers?.answers ?? 0,
        released: answers?.released ?? 0,
        withheld: answers?.withheld ?? 0,
        pending: answers?.pending ?? 0,
        pendingBytes: answers?.bytes ?? 0,
        groups:
          (await db
            .prepare("SELECT COUNT(*) AS n FROM release_groups WHERE site_id = ? AND withheld = 0")
            .bind(site.id)
            .first<number>("n")) ?? 0,
        periods: periods.length,
        statements: Math.ceil(groupRows / GROUPS_PER_STATEMENT) + updates + 1,
      });
    }
    return counts;
  });
}
