import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, adminOk, countRows, expectError, postResponse, seedSurvey } from "./helpers";
import { answerAs, INTRANET, respondentToken, tokenSite } from "./respondent-tokens";

/**
 * Issue 13 item 2: segment values are chosen by whoever posts, and 3,000 distinct `segment.plan` values
 * posted in 45 s minted 3,000 segments. A dimension now lists its values, or takes at most the site's cap.
 */
type Site = { dimensions: string[]; dimensionValues: Record<string, string[]>; maxDimensionValues: number };

async function configure(site: string, fields: Record<string, unknown>, audience = "external", origin?: string) {
  const current = await adminOk<Site & { name: string; origins: string[] }>("GET", `/v1/sites/${site}`);
  const body = { name: current.name, audience, origins: origin ? [origin] : current.origins, ...fields };
  return adminOk<Site>("PUT", `/v1/sites/${site}`, { dimensions: current.dimensions, ...body });
}

const segmentsOf = async (site: string) => {
  const { results } = await env.DB.prepare("SELECT segment FROM responses WHERE site_id = ? ORDER BY segment")
    .bind(site)
    .all<{ segment: string }>();
  return results.map((row) => JSON.parse(row.segment) as Record<string, string>);
};

describe("a flood of distinct segment values stops at the site's cap", () => {
  it("takes 100 distinct values of a dimension by default; the 101st new one is a 422 and stores nothing", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" }, { dimensions: ["plan"] });
    const statuses = await Promise.all(
      Array.from({ length: 130 }, (_, i) =>
        postResponse({ site, survey, score: 7, segment: { plan: `plan-${i}` } }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(100);
    expect(statuses.filter((status) => status === 422)).toHaveLength(30);
    expect(await countRows("responses", "site_id = ?", site)).toBe(100);
    expect(new Set((await segmentsOf(site)).map((segment) => segment.plan)).size).toBe(100);
    expect((await adminOk<Site>("GET", `/v1/sites/${site}`)).maxDimensionValues).toBe(100);
  });

  it("refuses a new value past a set cap with a 422 saying what to do; known values still count", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" }, { dimensions: ["plan", "region"] });
    expect((await configure(site, { maxDimensionValues: 3 })).maxDimensionValues).toBe(3);
    for (const plan of ["free", "pro", "team"])
      expect((await postResponse({ site, survey, score: 9, segment: { plan } })).status).toBe(201);

    const idempotencyKey = crypto.randomUUID();
    const refused = await postResponse({
      site,
      survey,
      score: 9,
      segment: { plan: "x-1", region: "eu" },
      idempotencyKey,
    });
    const error = await expectError(refused, 422, "validation_failed");
    expect(error.details).toEqual([
      { path: "segment.plan", message: expect.stringContaining("maximum of 3 distinct values of plan") },
    ]);
    expect(error.details![0]!.message).toContain("maxDimensionValues");
    // Nothing of it is stored: not the answer, its key, nor its other dimension's new value.
    expect(await countRows("responses", "site_id = ?", site)).toBe(3);
    expect(await countRows("idempotency_keys", "site_id = ? AND key = ?", site, idempotencyKey)).toBe(0);
    expect(await countRows("segment_values", "site_id = ? AND dimension = 'region'", site)).toBe(0);

    // A value the dimension already holds, and other dimensions below their cap, still count.
    expect((await postResponse({ site, survey, score: 3, segment: { plan: "pro", region: "eu" } })).status).toBe(201);
    // Raising the cap lets new values in at once.
    await configure(site, { maxDimensionValues: 4 });
    expect((await postResponse({ site, survey, score: 3, segment: { plan: "x-1" } })).status).toBe(201);
    expect((await postResponse({ site, survey, score: 3, segment: { plan: "x-2" } })).status).toBe(422);
  });

  it("caps a dimension whose name is also an Object property (constructor, toString)", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" }, { dimensions: ["constructor", "toString"] });
    await configure(site, { maxDimensionValues: 1 });
    for (const dimension of ["constructor", "toString"]) {
      expect((await postResponse({ site, survey, score: 9, segment: { [dimension]: "a" } })).status).toBe(201);
      expect((await postResponse({ site, survey, score: 9, segment: { [dimension]: "b" } })).status).toBe(422);
    }
  });

  it("refuses a cap outside 1 to 1000", async () => {
    const { site } = await seedSurvey({ kind: "nps" }, { dimensions: ["plan"] });
    for (const maxDimensionValues of [0, 1001, 2.5]) {
      const response = await admin("PUT", `/v1/sites/${site}`, {
        name: "Shop",
        audience: "external",
        origins: [],
        dimensions: ["plan"],
        maxDimensionValues,
      });
      const error = await expectError(response, 422, "validation_failed");
      expect(error.details!.map((detail) => detail.path)).toEqual(["maxDimensionValues"]);
    }
  });
});

describe("a dimension that lists its values accepts only those", () => {
  it("answers a 422 naming the listed values, and stores nothing", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" }, { dimensions: ["plan", "region"] });
    const saved = await configure(site, { dimensionValues: { plan: ["free", "pro", "pro"] }, maxDimensionValues: 1 });
    expect(saved.dimensionValues).toEqual({ plan: ["free", "pro"] });
    expect((await postResponse({ site, survey, score: 5, segment: { plan: "pro" } })).status).toBe(201);
    // A listed dimension is not capped: the cap of 1 is for region.
    expect((await postResponse({ site, survey, score: 5, segment: { plan: "free", region: "eu" } })).status).toBe(201);
    const error = await expectError(
      await postResponse({ site, survey, score: 5, segment: { plan: "enterprise" } }),
      422,
      "validation_failed",
    );
    expect(error.details).toEqual([{ path: "segment.plan", message: "must be one of free, pro" }]);
    expect(await countRows("responses", "site_id = ?", site)).toBe(2);
    expect(await countRows("segment_values", "site_id = ? AND dimension = 'plan'", site)).toBe(0);
  });

  it("keeps lists a PUT leaves out, drops a removed dimension's, refuses a list of no dimension", async () => {
    const { site } = await seedSurvey({ kind: "csat" }, { dimensions: ["plan", "region"] });
    await configure(site, { dimensionValues: { plan: ["free"], region: ["eu"] }, maxDimensionValues: 7 });
    // The dashboard's form, and config written before these fields, send neither.
    const kept = await configure(site, {});
    expect(kept).toMatchObject({ dimensionValues: { plan: ["free"], region: ["eu"] }, maxDimensionValues: 7 });
    expect((await configure(site, { dimensions: ["plan"] })).dimensionValues).toEqual({ plan: ["free"] });
    const response = await admin("PUT", `/v1/sites/${site}`, {
      name: "Shop",
      audience: "external",
      origins: [],
      dimensions: ["plan"],
      dimensionValues: { tier: ["gold"] },
    });
    const error = await expectError(response, 422, "validation_failed");
    expect(error.details).toEqual([
      { path: "dimensionValues.tier", message: "not one of the site's dimensions (plan): add it to dimensions" },
    ]);
  });
});

describe("employees' segments", () => {
  it("leave a new value past the cap out of an employee's answer, a 201 that tells nothing of colleagues", async () => {
    const { site, survey } = await seedSurvey(
      { kind: "csat" },
      { audience: "internal", dimensions: ["team", "office"], origins: [INTRANET] },
    );
    await configure(site, { maxDimensionValues: 2 }, "internal", INTRANET);
    const post = (segment: Record<string, string>) =>
      postResponse({ site, survey, score: 4, segment }, { origin: INTRANET });
    for (const team of ["sales", "support", "legal"]) {
      const response = await post({ team, office: "berlin" });
      expect(response.status).toBe(201);
      expect(Object.keys(await response.json())).toEqual(["id", "followUp"]);
    }
    expect((await post({ team: "sales", office: "paris" })).status).toBe(201);
    // The third team is left out (stored as no team); paris is the office's second value.
    expect(await segmentsOf(site)).toEqual([
      { office: "berlin", team: "sales" },
      { office: "berlin", team: "support" },
      { office: "berlin" },
      { office: "paris", team: "sales" },
    ]);
    expect(await countRows("segment_values", "site_id = ?", site)).toBe(4);
  });

  it("refuses a value an internal site does not list, naming only the listed values", async () => {
    const { site, survey } = await seedSurvey(
      { kind: "csat" },
      { audience: "internal", dimensions: ["office"], origins: [INTRANET] },
    );
    await configure(site, { dimensionValues: { office: ["berlin", "paris"] } }, "internal", INTRANET);
    const error = await expectError(
      await postResponse({ site, survey, score: 4, segment: { office: "rome" } }, { origin: INTRANET }),
      422,
      "validation_failed",
    );
    expect(error.details).toEqual([{ path: "segment.office", message: "must be one of berlin, paris" }]);
  });

  it("take the verified team and role whatever the cap or the lists: the IdP vouches for them", async () => {
    const target = await tokenSite();
    await adminOk("PUT", `/v1/sites/${target.site}`, {
      name: "Intranet",
      audience: "internal",
      origins: [INTRANET],
      dimensions: ["team", "role"],
      dimensionValues: { team: ["sales"] },
      maxDimensionValues: 1,
      identity: { verify: "token" },
    });
    for (const subject of ["employee-1", "employee-2"])
      expect((await answerAs(target, await respondentToken(subject))).status).toBe(201);
    expect(await segmentsOf(target.site)).toEqual([
      { role: "agent", team: "support" },
      { role: "agent", team: "support" },
    ]);
    expect(await countRows("segment_values", "site_id = ?", target.site)).toBe(0);
  });
});
