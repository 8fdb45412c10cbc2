import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import migration from "../../schema/migrations/0010_release_rollups.sql?raw";
import { setClock } from "./clock";
import { adminOk, postResponse, seedSurvey } from "./helpers";

type Row = Record<string, string | number>;

/**
 * The release rollups a closing writes (worker/db/release.ts) and the ones migration 0010 derives from
 * the groups of periods closed before it must be the same rows: the migration's backfill runs here
 * again, into a copy of the table, and the two are compared for one site.
 */
describe("release rollups", () => {
  it("written at close equal what migration 0010 derives from the groups", async () => {
    const target = await seedSurvey(
      { kind: "csat", services: ["rr-a", "rr-b"], topics: ["complaint", "praise"] },
      { audience: "internal", dimensions: ["team", "role"], minGroupSize: 3 },
    );
    setClock("2026-09-08T09:00:00Z");
    const teams = ["sales", "sales", "sales", "sales", "ops", "ops", "legal"];
    for (const [i, team] of teams.entries()) {
      const service = i % 2 ? "rr-a" : "rr-b";
      const response = await postResponse({
        ...target,
        score: 1 + (i % 5),
        service,
        topic: i % 3 ? "complaint" : undefined,
        segment: { team, role: i < 3 ? "lead" : "rep" },
      });
      expect(response.status).toBe(201);
    }
    setClock("2026-09-15T09:00:00Z");
    expect(
      (await adminOk<{ total: { count: number } }>("GET", `/v1/aggregates?site=${target.site}&survey=${target.survey}`))
        .total.count,
    ).toBeGreaterThan(0);

    await env.DB.exec("DROP TABLE IF EXISTS release_rollups_check");
    await env.DB.prepare("CREATE TABLE release_rollups_check AS SELECT * FROM release_rollups WHERE 0").run();
    const backfill = migration
      .slice(migration.indexOf("INSERT INTO"))
      .replaceAll("INSERT INTO release_rollups ", "INSERT INTO release_rollups_check ")
      .replaceAll("FROM release_rollups WHERE", "FROM release_rollups_check WHERE")
      .split(";")
      .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
      .filter(Boolean);
    expect(backfill).toHaveLength(3);
    for (const statement of backfill) await env.DB.prepare(statement).run();
    const order = "ORDER BY kind, dim, period_start, survey_id, service_id, value";
    const written = (
      await env.DB.prepare(`SELECT * FROM release_rollups WHERE site_id = ? ${order}`).bind(target.site).all<Row>()
    ).results;
    const derived = (
      await env.DB.prepare(`SELECT * FROM release_rollups_check WHERE site_id = ? ${order}`)
        .bind(target.site)
        .all<Row>()
    ).results;
    expect(written.length).toBeGreaterThan(10);
    expect(written.some((row) => String(row.dim).startsWith("~"))).toBe(true);
    expect(derived).toEqual(written);
  });
});
