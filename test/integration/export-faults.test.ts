import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { recordResponse } from "../contract/recorder";
import { BASE, seedSurvey } from "./helpers";
import { insertAt } from "./seed";

/** The exports read 500 rows a page (worker/routes/exports.ts). */
const PAGE = 500;

/**
 * The real D1 binding, except that the inbox's page reads after the first `pagesOk` throw: a fault injected
 * on purpose, in front of the real database, while an export is streaming.
 */
function failingPages(db: D1Database, pagesOk: number): D1Database {
  let pages = 0;
  return new Proxy(db, {
    get(target, property) {
      if (property !== "prepare") return Reflect.get(target, property).bind(target);
      return (sql: string) => {
        if (!/ORDER BY r\.listed_at DESC/.test(sql) || pages++ < pagesOk) return target.prepare(sql);
        const failing = { all: () => Promise.reject(new Error("D1_ERROR: too many SQL variables: SELECT (sql)")) };
        return { bind: () => failing };
      };
    },
  });
}

async function exportWith(db: D1Database, path: string): Promise<{ request: Request; response: Response }> {
  const ctx = createExecutionContext();
  const request = new Request(`${BASE}${path}`, {
    headers: { authorization: "Bearer test-admin-token-0123456789abcdef" },
  });
  const response = await app.fetch(request.clone(), { ...env, DB: db }, ctx);
  await waitOnExecutionContext(ctx);
  return { request, response };
}

/** A site with one more answer than a page holds, so an export reads a second page. */
async function twoPages() {
  const { site, survey } = await seedSurvey({ kind: "nps" });
  const now = Date.now();
  for (let i = 0; i <= PAGE; i++) await insertAt({ site, survey, kind: "nps", score: i % 11, at: now - i * 1000 });
  return site;
}

describe("an export that fails is never a clean file", { timeout: 60_000 }, () => {
  it("NDJSON: a fault after the first page ends the file with an error line", async () => {
    const site = await twoPages();
    const whole = await exportWith(env.DB, `/v1/responses.ndjson?site=${site}`);
    expect((await whole.response.text()).trim().split("\n")).toHaveLength(PAGE + 1);

    const { response } = await exportWith(failingPages(env.DB, 1), `/v1/responses.ndjson?site=${site}`);
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split("\n");
    expect(lines).toHaveLength(PAGE + 1);
    expect(JSON.parse(lines[PAGE - 1]!)).toMatchObject({ site });
    const message = `The export stopped after ${PAGE} rows on a fault on our side: the file is incomplete; download it again.`;
    expect(JSON.parse(lines[PAGE]!)).toEqual({ error: { code: "internal", message } });
  });

  it("CSV: a fault after the first page aborts the stream, so the download fails", async () => {
    const site = await twoPages();
    const { response } = await exportWith(failingPages(env.DB, 1), `/v1/responses.csv?site=${site}`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(`export stopped after ${PAGE} rows`);
  });

  it("a fault on the first page is an error status, not a 200 with an empty body", async () => {
    const { site } = await seedSurvey({ kind: "nps" });
    for (const format of ["csv", "ndjson"]) {
      const { request, response } = await exportWith(failingPages(env.DB, 0), `/v1/responses.${format}?site=${site}`);
      await recordResponse(request, response);
      expect(response.status, format).toBe(500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("internal");
      expect(body.error.message).not.toMatch(/SELECT|D1_ERROR/);
    }
  });
});
