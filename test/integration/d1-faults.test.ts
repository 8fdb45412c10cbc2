import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { recordResponse } from "../contract/recorder";
import { BASE, countRows, ORIGIN, seedSurvey } from "./helpers";

/**
 * The real D1 binding, except that its first `failures` batches throw `message`: a fault injected on
 * purpose, in front of the real database.
 */
function flaky(db: D1Database, failures: number, message: string, commitFirst = false): D1Database {
  let left = failures;
  return new Proxy(db, {
    get(target, property) {
      if (property !== "batch") return Reflect.get(target, property).bind(target);
      return async (statements: D1PreparedStatement[]) => {
        const writes = statements.some((s) =>
          /^\s*INSERT INTO responses/i.test((s as unknown as { statement?: string }).statement ?? ""),
        );
        if (writes && left > 0) {
          left--;
          // A lost answer: the write may have committed before the connection dropped.
          if (commitFirst) await target.batch(statements);
          throw new Error(message);
        }
        return target.batch(statements);
      };
    },
  });
}

async function post(db: D1Database, body: unknown) {
  const ctx = createExecutionContext();
  const request = new Request(`${BASE}/v1/responses`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await app.fetch(request.clone(), { ...env, DB: db }, ctx);
  await waitOnExecutionContext(ctx);
  return recordResponse(request, response);
}

describe("D1 faults", () => {
  it("a write failing twice with a transient error is retried and stored exactly once", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const response = await post(flaky(env.DB, 2, "D1_ERROR: Network connection lost."), { site, survey, score: 9 });
    expect(response.status).toBe(201);
    expect(await countRows("responses", "site_id = ?", site)).toBe(1);
  });

  it("a retry after a write that committed but lost its answer still stores one row and answers 201", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const response = await post(flaky(env.DB, 1, "D1_ERROR: Network connection lost.", true), {
      site,
      survey,
      score: 9,
    });
    expect(response.status).toBe(201);
    expect(await countRows("responses", "site_id = ?", site)).toBe(1);
    expect(await countRows("rollups", "site_id = ? AND dim = '' AND n = 1", site)).toBe(3);
  });

  it("an overloaded database answers 503 with Retry-After at once, storing nothing", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const response = await post(flaky(env.DB, 1, "D1_ERROR: D1 DB is overloaded. Requests queued for too long."), {
      site,
      survey,
      score: 9,
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ error: { code: "unavailable" } });
    expect(await countRows("responses", "site_id = ?", site)).toBe(0);
  });

  it("gives up after five retries with a generic 500 that holds no SQL", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const response = await post(
      flaky(env.DB, 6, "D1_ERROR: Network connection lost. INSERT INTO responses (secret sql)"),
      { site, survey, score: 9 },
    );
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/INSERT|sql|D1_ERROR/i);
    expect(await countRows("responses", "site_id = ?", site)).toBe(0);
  });
});
