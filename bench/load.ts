/**
 * Fills a local D1 with the synthetic world: config rows as the Worker stores them, responses, and
 * their rollup rows summed here with the Worker's own `rollupKeys` and `floorTo`, so the table holds
 * exactly what inserting each response through the Worker would have left, one row per key.
 */
import { rollupKeys } from "../worker/db/rollups";
import type { ResponseRecord } from "../worker/domain/ingest";
import { floorTo, type Grain } from "../worker/domain/rollup-plan";
import { responses, SERVICES, SITES, SURVEYS, YEAR_START } from "./synthetic";

// D1 caps a statement at 100 KB of SQL (developers.cloudflare.com/d1/platform/limits); stay well under.
const MAX_STATEMENT_CHARS = 90_000;
const STATEMENTS_PER_EXEC = 32;
const EXECS_IN_FLIGHT = 2; // one runs in workerd while the next is generated
const GRAINS: Grain[] = ["h", "d", "m"];
const SCORE_COLUMNS = Array.from({ length: 11 }, (_, s) => `s${s}`).join(", ");

const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;
const sqlValue = (value: string | number | null) =>
  value === null ? "NULL" : typeof value === "number" ? String(value) : sqlString(value);
const tuple = (values: (string | number | null)[]) => `(${values.map(sqlValue).join(",")})`;

/**
 * Multi-row INSERTs of inlined literals, many statements per `db.exec` (one transaction each), a
 * few at a time. `exec`, not prepared statements: through getPlatformProxy every `prepare` is a
 * synchronous round trip that carries the SQL, and a statement's stub can be garbage-collected
 * (and freed in workerd) while a batch naming it is still in flight.
 */
class BulkWriter {
  private readonly statements: string[] = [];
  private readonly inFlight: Promise<unknown>[] = [];
  private readonly open = new Map<string, { rows: string[]; chars: number }>();
  rows = 0;

  constructor(private readonly db: D1Database) {}

  async add(head: string, row: string): Promise<void> {
    // `exec` takes one statement per line.
    if (row.includes("\n")) throw new Error(`a row holds a line break: ${row}`);
    let statement = this.open.get(head);
    if (statement && statement.chars + row.length + 1 > MAX_STATEMENT_CHARS) {
      await this.close(head);
      statement = undefined;
    }
    if (!statement) {
      statement = { rows: [], chars: head.length };
      this.open.set(head, statement);
    }
    statement.rows.push(row);
    statement.chars += row.length + 1;
    this.rows++;
  }

  private async close(head: string): Promise<void> {
    const statement = this.open.get(head);
    this.open.delete(head);
    if (!statement?.rows.length) return;
    this.statements.push(`${head} ${statement.rows.join(",")}`);
    if (this.statements.length >= STATEMENTS_PER_EXEC) await this.send();
  }

  private async send(): Promise<void> {
    const sql = this.statements.splice(0);
    if (!sql.length) return;
    if (this.inFlight.length >= EXECS_IN_FLIGHT) await this.inFlight.shift();
    const running = this.db.exec(sql.join("\n"));
    running.catch(() => {}); // reported when awaited; not an unhandled rejection before then
    this.inFlight.push(running);
  }

  async flush(): Promise<void> {
    for (const head of [...this.open.keys()]) await this.close(head);
    await this.send();
    await Promise.all(this.inFlight.splice(0));
  }
}

/** `db.batch` that keeps its statements reachable until it is done (see BulkWriter). */
const inBatches = new Set<D1PreparedStatement[]>();
async function batch<T = unknown>(db: D1Database, statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
  inBatches.add(statements);
  try {
    return await db.batch<T>(statements);
  } finally {
    inBatches.delete(statements);
  }
}

const RESPONSES_HEAD =
  "INSERT INTO responses (id, site_id, survey_id, kind, score, comment, service_id, topic, segment, locale, page, " +
  "followup_hash, created_at) VALUES";
const ROLLUPS_HEAD =
  `INSERT INTO rollups (grain, kind, dim, period, site_id, survey_id, service_id, value, n, ${SCORE_COLUMNS}) ` +
  "VALUES";
const KEY_SEPARATOR = "\u0001";

/**
 * Sums of the responses of the open period of each grain. Responses arrive in time order, so a
 * period is complete (and written) when the first response of the next one arrives.
 */
class RollupSums {
  private readonly open = new Map<Grain, { period: number; sums: Map<string, Int32Array> }>();

  constructor(private readonly writer: BulkWriter) {}

  async add(record: ResponseRecord): Promise<void> {
    for (const grain of GRAINS) {
      const period = floorTo(grain, record.createdAt);
      let open = this.open.get(grain);
      if (open && open.period !== period) {
        if (period < open.period) throw new Error("responses must arrive in time order");
        await this.write(grain, open);
        open = undefined;
      }
      if (!open) {
        open = { period, sums: new Map() };
        this.open.set(grain, open);
      }
      for (const { dim, value, survey, service } of rollupKeys(record)) {
        const key = [record.kind, dim, record.site, survey, service, value].join(KEY_SEPARATOR);
        let sum = open.sums.get(key);
        if (!sum) {
          sum = new Int32Array(12);
          open.sums.set(key, sum);
        }
        sum[0] = sum[0]! + 1;
        if (record.score !== null) sum[1 + record.score] = sum[1 + record.score]! + 1;
      }
    }
  }

  private async write(grain: Grain, open: { period: number; sums: Map<string, Int32Array> }): Promise<void> {
    for (const [key, sum] of open.sums) {
      const [kind, dim, site, survey, service, value] = key.split(KEY_SEPARATOR) as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      await this.writer.add(
        ROLLUPS_HEAD,
        `(${[grain, kind, dim, open.period, site, survey, service, value].map(sqlValue).join(",")},${sum.join(",")})`,
      );
    }
  }

  async flush(): Promise<void> {
    for (const [grain, open] of this.open) await this.write(grain, open);
    this.open.clear();
  }
}

/** Sites, origins, services and surveys in the JSON formats worker/db/*.ts write. */
async function insertConfig(db: D1Database): Promise<void> {
  const at = YEAR_START - 86_400_000;
  await batch(db, [
    ...SITES.flatMap((site) => [
      db
        .prepare(
          `INSERT INTO sites (id, name, audience, origins, dimensions, min_group_size, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, 5, ?6, ?6)`,
        )
        .bind(
          site.id,
          site.name,
          site.audience,
          JSON.stringify([site.origin]),
          JSON.stringify(Object.keys(site.dimensions)),
          at,
        ),
      db.prepare("INSERT INTO site_origins (origin, site_id) VALUES (?, ?)").bind(site.origin, site.id),
    ]),
    ...SERVICES.map((service) =>
      db
        .prepare("INSERT INTO services (id, name, owner, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)")
        .bind(service.id, service.name, service.owner, at),
    ),
    ...SURVEYS.map((survey) =>
      db
        .prepare(
          `INSERT INTO surveys (site_id, id, kind, question, comment_prompt, services, topics, active, created_at,
             updated_at)
           VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, 1, ?7, ?7)`,
        )
        .bind(
          survey.site,
          survey.id,
          survey.kind,
          JSON.stringify({ en: `How was it (${survey.kind})?` }),
          JSON.stringify(survey.services),
          JSON.stringify(survey.topics),
          at,
        ),
    ),
  ]);
}

export type LoadResult = { responses: number; rollupRows: number };

export async function loadSynthetic(db: D1Database, count: number, seed: number): Promise<LoadResult> {
  await insertConfig(db);
  const writer = new BulkWriter(db);
  const rollups = new RollupSums(writer);
  let stored = 0;
  for (const r of responses(count, seed)) {
    await writer.add(
      RESPONSES_HEAD,
      tuple([
        r.id,
        r.site,
        r.survey,
        r.kind,
        r.score,
        r.comment,
        r.service,
        r.topic,
        JSON.stringify(r.segment),
        r.locale,
        r.page,
        r.followUpHash,
        r.createdAt,
      ]),
    );
    await rollups.add(r);
    stored++;
  }
  await rollups.flush();
  await writer.flush();
  const rollupRows = writer.rows - stored;

  // What landed must be what was generated: every response once in the table and once per grain.
  const [rows, sums] = await batch<{ n: number }>(db, [
    db.prepare("SELECT COUNT(*) AS n FROM responses"),
    db.prepare("SELECT SUM(n) AS n FROM rollups WHERE dim = '' GROUP BY grain"),
  ]);
  const counted = [rows!.results[0]?.n, ...sums!.results.map((row) => row.n)];
  if (counted.length !== 4 || counted.some((n) => n !== count))
    throw new Error(`loaded counts ${JSON.stringify(counted)} differ from ${count}`);
  return { responses: stored, rollupRows };
}
