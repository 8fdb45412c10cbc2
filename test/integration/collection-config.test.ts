import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CONFIG_TTL_MS, collectionConfig, forgetCollectionConfig } from "../../worker/db/collection-config";
import { adminOk, postResponse, seedSurvey } from "./helpers";

describe("the collection config each isolate keeps", () => {
  it("serves a change made elsewhere (straight in D1) once TTL_MS has passed, not before", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const now = Date.now();
    const first = await collectionConfig(env.DB, site, survey, now);
    expect(first.siteRow!.name).toBe(`Site ${site}`);
    // Another isolate (or another location) renames the site.
    await env.DB.prepare("UPDATE sites SET name = 'Renamed elsewhere' WHERE id = ?").bind(site).run();
    expect((await collectionConfig(env.DB, site, survey, now + CONFIG_TTL_MS - 1)).siteRow!.name).toBe(`Site ${site}`);
    expect((await collectionConfig(env.DB, site, survey, now + CONFIG_TTL_MS)).siteRow!.name).toBe("Renamed elsewhere");
  });

  it("applies a change through this isolate's API at once: a survey switched off takes no more answers", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    expect((await postResponse({ site, survey, score: 9 })).status).toBe(201);
    await adminOk("PUT", `/v1/sites/${site}/surveys/${survey}`, {
      kind: "nps",
      question: { en: "How was it?" },
      active: false,
    });
    expect((await postResponse({ site, survey, score: 9 })).status).toBe(404);
  });

  it("never keeps an unknown site or survey, so one created a moment later is found", async () => {
    forgetCollectionConfig();
    const missing = await collectionConfig(env.DB, "not-yet-a-site", "nps");
    expect(missing.siteRow).toBeUndefined();
    await env.DB.prepare(
      `INSERT INTO sites (id, name, audience, origins, dimensions, min_group_size, created_at, updated_at)
       VALUES ('not-yet-a-site', 'New', 'external', '[]', '[]', 5, 0, 0)`,
    ).run();
    await env.DB.prepare(
      `INSERT INTO surveys (site_id, id, kind, question, services, topics, active, created_at, updated_at)
       VALUES ('not-yet-a-site', 'nps', 'nps', '{"en":"?"}', '[]', '[]', 1, 0, 0)`,
    ).run();
    const found = await collectionConfig(env.DB, "not-yet-a-site", "nps");
    expect(found.siteRow!.name).toBe("New");
    expect(found.surveyRow!.kind).toBe("nps");
  });
});
