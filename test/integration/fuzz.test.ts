import { env } from "cloudflare:test";
import fc from "fast-check";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ResponseRow } from "../../worker/db/responses";
import { arbitraries } from "./fuzz/arbitraries";
import {
  type Case,
  CODES,
  FRESH,
  freeText,
  isPlainObject,
  type Judgement,
  judge,
  LEAK,
  nfc,
  RANGE,
  type Target,
} from "./fuzz/model";
import { api, ORIGIN, seedSurvey } from "./helpers";

/**
 * POST /v1/responses under 10,000+ random and malformed bodies (done-when item of the abuse issue):
 * every answer is 201, 4xx or 429, never 5xx; an error is the contract's `{error: {code, message}}`
 * without SQL or stack text; and nothing is stored for a refusal: the rows of the seeded sites are
 * exactly the 201s (less idempotent replays and honeypot hits), and their rollups add up to them.
 *
 * Each body is also judged by a small model of the contract (`judge` in fuzz/model.ts), so a valid body that
 * is refused or an invalid one that is stored fails too; where the contract leaves room the model says
 * "either". The bodies, headers and visitors come from fuzz/arbitraries.ts.
 */

const SEEDS: (Omit<Target, "site" | "survey" | "services" | "topics" | "dimensions" | "origins" | "active"> & {
  services?: string[];
  topics?: string[];
  dimensions?: string[];
  origins?: string[];
  active?: boolean;
  audience?: "external" | "internal";
})[] = [
  { name: "ext-nps", kind: "nps", services: ["fz-checkout", "fz-search"], topics: ["complaint", "praise"] },
  { name: "ext-csat", kind: "csat", services: ["fz-checkout"], topics: ["bug"] },
  { name: "ext-ces", kind: "ces" },
  { name: "ext-thumbs", kind: "thumbs", services: ["fz-search"], topics: ["complaint"] },
  { name: "ext-text", kind: "text", topics: ["idea"] },
  {
    name: "int-nps",
    kind: "nps",
    services: ["fz-payroll"],
    topics: ["complaint"],
    audience: "internal",
    dimensions: ["team", "role"],
  },
  { name: "int-csat", kind: "csat", audience: "internal", dimensions: ["team", "role"] },
  { name: "int-text", kind: "text", topics: ["idea"], audience: "internal", dimensions: ["team", "role"] },
  // Only reached by mutations: always 404, and 403 from our origin.
  { name: "inactive", kind: "nps", active: false },
  { name: "other-origin", kind: "thumbs", origins: ["https://other.example"] },
];

const USER_AGENTS = [
  "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
  "curl/8.5.0",
  "",
  "python-requests/2.32",
  "Mozilla/5.0 (iPhone) Safari/605.1.15",
];
const rnd = (n: number) => Math.floor(Math.random() * n);
/** A random visitor per request, so the per-visitor limit (20/min) leaves most valid answers alone. */
const randomIp = () => `${1 + rnd(223)}.${rnd(256)}.${rnd(256)}.${1 + rnd(254)}`;

function send(c: Case, key: string): Promise<Response> {
  const headers: Record<string, string> =
    c.visitor === "hammering"
      ? { "cf-connecting-ip": "203.0.113.7", "user-agent": USER_AGENTS[0]! }
      : { "cf-connecting-ip": randomIp(), "user-agent": USER_AGENTS[rnd(USER_AGENTS.length)]! };
  if (c.contentType !== null) headers["content-type"] = c.contentType;
  if (c.origin !== null) headers.origin = c.origin;
  if (c.keyHeader !== null) headers["idempotency-key"] = c.keyHeader.replaceAll(FRESH, key);
  const body = typeof c.body === "string" ? c.body.replaceAll(FRESH, key) : c.body;
  return api("/v1/responses", { method: "POST", headers, body });
}

type Answer = {
  status: number;
  text: string;
  replayed: boolean;
  retryAfter: string | null;
  contentType: string | null;
};
const read = async (response: Response): Promise<Answer> => ({
  status: response.status,
  text: await response.text(),
  replayed: response.headers.get("idempotent-replayed") === "true",
  retryAfter: response.headers.get("retry-after"),
  contentType: response.headers.get("content-type"),
});

const show = (value: unknown, max = 600) => {
  const text =
    typeof value === "string"
      ? JSON.stringify(value)
      : value instanceof Uint8Array
        ? `bytes[${value.length}] ${JSON.stringify(new TextDecoder().decode(value))}`
        : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
};

describe("POST /v1/responses, fuzzed", () => {
  const targets: Target[] = [];

  beforeAll(async () => {
    for (const seed of SEEDS) {
      const ids = await seedSurvey(
        { kind: seed.kind, services: seed.services, topics: seed.topics, active: seed.active },
        { audience: seed.audience, dimensions: seed.dimensions, origins: seed.origins },
      );
      targets.push({
        name: seed.name,
        ...ids,
        kind: seed.kind,
        services: seed.services ?? [],
        topics: seed.topics ?? [],
        dimensions: seed.dimensions ?? [],
        origins: seed.origins ?? [ORIGIN],
        active: seed.active ?? true,
        internal: seed.audience === "internal",
      });
    }
  }, 60_000);

  // The Worker logs each honeypot hit; hundreds of those lines would bury the report.
  const log = console.log.bind(console);
  beforeEach(() => {
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      if (!(typeof args[0] === "string" && args[0].startsWith("honeypot:"))) log(...args);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  // The 10,000 requests take about 15 s (helpers.ts says why they do not go through SELF.fetch). The limit
  // leaves room for a loaded CI machine; this is a correctness test, and bench/ measures speed.
  it("answers 10,000+ random and malformed bodies with 201, 4xx or 429, never 5xx, and stores nothing it refuses", {
    timeout: 180_000,
  }, async () => {
    const { caseArb } = arbitraries(targets);
    const statuses = new Map<number, number>();
    const verdicts = { created: 0, rejected: 0, either: 0 };
    const created = new Map<string, string>(); // id → followUp of every answer that stored a row
    const originOf = new Map<string, string | null>(); // id → the Origin its request was sent with
    const honeypotIds = new Set<string>();
    const replays: { id: string; followUp: string }[] = [];
    let requests = 0;

    /** Checks one answer; the description of what went wrong, or null. */
    function check(j: Judgement, a: Answer, origin: string | null): string | null {
      requests++;
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      if (a.status >= 500) return `${a.status} (a server error)`;
      if (a.status !== 201 && (a.status < 400 || a.status > 499)) return `${a.status}: neither 201 nor 4xx`;
      if (!a.contentType?.startsWith("application/json")) return `${a.status} answered ${a.contentType}`;
      let body: unknown;
      try {
        body = JSON.parse(a.text);
      } catch {
        return `${a.status} with a body that is not JSON: ${show(a.text)}`;
      }
      if (a.status === 201) {
        if (j.verdict === "rejected") return `201 for a body the contract refuses (${j.why})`;
        const { id, followUp } = isPlainObject(body) ? body : ({} as Record<string, unknown>);
        if (typeof id !== "string" || typeof followUp !== "string" || followUp.length < 32)
          return `201 without {id, followUp}: ${show(a.text)}`;
        if (j.honeypot) {
          if (a.replayed) return "a honeypot hit answered as an idempotent replay";
          honeypotIds.add(id);
        } else if (a.replayed) {
          replays.push({ id, followUp });
        } else {
          if (created.has(id) || honeypotIds.has(id)) return `201 with an id already given: ${id}`;
          created.set(id, followUp);
          originOf.set(id, origin);
        }
        return null;
      }
      if (a.status === 429) {
        if (!a.retryAfter || !/^[1-9]\d*$/.test(a.retryAfter))
          return `429 without a Retry-After in seconds (${a.retryAfter})`;
      } else if (j.verdict === "created") {
        return `${a.status} for a valid body: ${show(a.text)}`;
      }
      if (!isPlainObject(body) || Object.keys(body).join() !== "error" || !isPlainObject(body.error))
        return `${a.status} without the error shape: ${show(a.text)}`;
      const { code, message } = body.error as { code: unknown; message: unknown };
      if (typeof code !== "string" || !(CODES[a.status] ?? []).includes(code))
        return `${a.status} with error code ${show(code)}`;
      if (typeof message !== "string" || message === "") return `${a.status} without an error message`;
      if (LEAK.test(a.text)) return `${a.status} leaks internals: ${show(a.text)}`;
      return null;
    }

    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 20, maxLength: 20 }), async (cases) => {
        const judged = cases.map((c) => ({ c, j: judge(targets, c), key: crypto.randomUUID() }));
        const burst = judged.flatMap(({ c, key }) =>
          c.repeat === "concurrent" ? [send(c, key), send(c, key)] : [send(c, key)],
        );
        const answers = await Promise.all(burst.map(async (p) => read(await p)));
        const later = await Promise.all(
          judged.map(async ({ c, key }) => (c.repeat === "after" ? read(await send(c, key)) : null)),
        );
        const problems: string[] = [];
        let next = 0;
        judged.forEach(({ c, j }, i) => {
          verdicts[j.verdict]++;
          const mine = c.repeat === "concurrent" ? [answers[next++]!, answers[next++]!] : [answers[next++]!];
          if (later[i]) mine.push(later[i]!);
          for (const a of mine) {
            const problem = check(j, a, c.origin);
            if (problem) problems.push(`${problem}\n  judged: ${j.verdict} (${j.why})\n  case: ${show(c, 2000)}`);
          }
          // Idempotency: one stored answer per fresh key, every repeat answers exactly it (or 429).
          if (j.key === "fresh" && !j.honeypot && mine.length === 2) {
            const [first, second] =
              c.repeat === "after" ? mine : [...mine].sort((x, y) => Number(x.replayed) - Number(y.replayed));
            if (first!.status === 201 && second!.status !== 429) {
              if (first!.replayed || second!.status !== 201 || !second!.replayed || second!.text !== first!.text) {
                problems.push(
                  "a repeat with the same fresh key was not a replay of the first answer: " +
                    `${first!.status} ${show(first!.text)} then ${second!.status} replayed=${second!.replayed} ` +
                    `${show(second!.text)}\n  case: ${show(c, 2000)}`,
                );
              }
            }
          }
        });
        if (problems.length) throw new Error(`${problems.length} problem(s); the first:\n${problems[0]}`);
      }),
      { numRuns: 500 },
    );
    const seconds = (performance.now() - started) / 1000;

    // Nothing stored for a refusal: the seeded sites hold exactly the rows of the 201s.
    const sites = targets.map((t) => t.site);
    const marks = sites.map(() => "?").join(", ");
    const rows = (
      await env.DB.prepare(`SELECT * FROM responses WHERE site_id IN (${marks})`)
        .bind(...sites)
        .all<ResponseRow>()
    ).results;
    const stored = new Set(rows.map((row) => row.id));
    const unexpected = [...stored].filter((id) => !created.has(id));
    const missing = [...created.keys()].filter((id) => !stored.has(id));
    expect(unexpected, "rows no 201 answered for").toEqual([]);
    expect(missing, "201s with no row").toEqual([]);
    const honeypots = [...honeypotIds];
    for (let i = 0; i < honeypots.length; i += 90) {
      const chunk = honeypots.slice(i, i + 90);
      const found = await env.DB.prepare(`SELECT id FROM responses WHERE id IN (${chunk.map(() => "?").join(", ")})`)
        .bind(...chunk)
        .all();
      expect(found.results, "honeypot hits stored").toEqual([]);
    }
    for (const replay of replays) expect(created.get(replay.id), `replay of ${replay.id}`).toBe(replay.followUp);

    // Every stored row is one the contract accepts.
    for (const row of rows) {
      const t = targets.find((x) => x.site === row.site_id && x.survey === row.survey_id)!;
      const where = `row ${JSON.stringify(row)}`;
      // Sent from an origin that site lists: ours, or a mutation's other origin to the site that lists that one.
      const origin = originOf.get(row.id)?.toLowerCase() ?? "";
      expect(t?.active && t.origins.includes(origin), where).toBe(true);
      if (t.kind === "text") expect(row.score, where).toBeNull();
      else
        expect(
          row.score !== null &&
            Number.isInteger(row.score) &&
            row.score >= RANGE[t.kind][0] &&
            row.score <= RANGE[t.kind][1],
          where,
        ).toBe(true);
      if (row.comment !== null)
        expect(freeText(row.comment, 4096) && row.comment === nfc(row.comment), where).toBe(true);
      if (t.kind === "text") expect(typeof row.comment === "string" && row.comment.trim() !== "", where).toBe(true);
      expect(row.service_id === "" || t.services.includes(row.service_id), where).toBe(true);
      expect(row.topic === "" || t.topics.includes(row.topic), where).toBe(true);
      for (const [dimension, value] of Object.entries(JSON.parse(row.segment) as Record<string, string>)) {
        expect(
          t.dimensions.includes(dimension) && freeText(value, 64) && value.trim() === value && value !== "",
          where,
        ).toBe(true);
      }
    }

    // No half-written answer: every grain and dimension of the rollups adds up to the customers' rows;
    // an employee's row waits for its period to close (pending) and counts in no rollup.
    const isInternal = (row: ResponseRow) => targets.some((t) => t.site === row.site_id && t.internal);
    for (const row of rows)
      expect({ pending: row.pending, listed_at: row.listed_at }, `row ${row.id}`).toEqual(
        isInternal(row) ? { pending: 1, listed_at: null } : { pending: 0, listed_at: row.created_at },
      );
    expect(rows.some(isInternal) && rows.some((row) => !isInternal(row))).toBe(true);
    const count = (predicate: (row: ResponseRow) => boolean) =>
      rows.filter((row) => !isInternal(row) && predicate(row)).length;
    const rollup = async (grain: string, dim: string, column = "n") =>
      (await env.DB.prepare(
        `SELECT COALESCE(SUM(${column}), 0) AS total FROM rollups
         WHERE grain = ? AND dim = ? AND site_id IN (${marks})`,
      )
        .bind(grain, dim, ...sites)
        .first<{ total: number }>())!.total;
    for (const grain of ["h", "d", "m"]) {
      expect(await rollup(grain, ""), `rollups grain ${grain}`).toBe(count(() => true));
      expect(await rollup(grain, "site"), `site rollups grain ${grain}`).toBe(count(() => true));
      expect(await rollup(grain, "topic"), `topic rollups grain ${grain}`).toBe(count((row) => row.topic !== ""));
      for (const dimension of ["team", "role"]) {
        expect(await rollup(grain, `segment.${dimension}`), `segment.${dimension} rollups grain ${grain}`).toBe(
          count((row) => dimension in JSON.parse(row.segment)),
        );
      }
    }
    for (let score = 0; score <= 10; score++)
      expect(await rollup("d", "", `s${score}`), `rollups s${score}`).toBe(count((row) => row.score === score));

    const by = (test: (status: number) => boolean) =>
      [...statuses].filter(([s]) => test(s)).reduce((sum, [, n]) => sum + n, 0);
    const sortedStatuses = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    console.log(
      `fuzz: ${requests} requests in ${seconds.toFixed(1)} s (${(requests / seconds).toFixed(0)}/s); ` +
        `201: ${by((s) => s === 201)} ` +
        `(${created.size} stored, ${replays.length} replays, ${honeypotIds.size} honeypot), ` +
        `4xx: ${by((s) => s >= 400 && s < 500 && s !== 429)}, 429: ${by((s) => s === 429)}, ` +
        `5xx: ${by((s) => s >= 500)}; ` +
        `statuses ${JSON.stringify(sortedStatuses)}; judged ${JSON.stringify(verdicts)}`,
    );
    expect(requests).toBeGreaterThanOrEqual(10_000);
    expect(by((s) => s === 201)).toBeGreaterThan(requests / 5);
  });
});
