import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, adminOk, expectError, postResponse, seedSurvey } from "./helpers";

type CreatedKey = { id: string; key: string; prefix: string; scope: string; sites: string[] | null };
const createKey = (body: Record<string, unknown>) => adminOk<CreatedKey>("POST", "/v1/keys", body);

describe("API keys", () => {
  it("are fl_ + 32 characters, shown once, stored only as a digest", async () => {
    const created = await createKey({ name: "CI dashboard", scope: "read" });
    expect(created.key).toMatch(/^fl_[0-9A-Za-z]{32}$/);
    expect(created.prefix).toBe(created.key.slice(0, 8));
    const listed = await adminOk<{ items: Record<string, unknown>[] }>("GET", "/v1/keys");
    const item = listed.items.find((k) => k.id === created.id)!;
    expect(item).toMatchObject({ name: "CI dashboard", scope: "read", prefix: created.prefix });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?")
      .bind(created.id)
      .first<Record<string, unknown>>();
    expect(Object.values(row!).some((value) => String(value).includes(created.key.slice(3)))).toBe(false);
  });

  it("a read key reads but cannot write", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { key } = await createKey({ name: "reader", scope: "read" });
    expect((await admin("GET", `/v1/sites/${site}`, undefined, key)).status).toBe(200);
    expect((await admin("GET", `/v1/aggregates?survey=${survey}&site=${site}`, undefined, key)).status).toBe(200);
    await expectError(
      await admin("PUT", `/v1/sites/${site}`, { name: "x", audience: "external", origins: [] }, key),
      403,
      "forbidden",
    );
    await expectError(await admin("POST", "/v1/keys", { name: "escalate", scope: "admin" }, key), 403, "forbidden");
  });

  it("a site-limited key sees nothing outside its sites, and cannot tell unknown sites from others", async () => {
    const mine = await seedSurvey({ kind: "nps" });
    const other = await seedSurvey({ kind: "nps" });
    await postResponse({ ...mine, score: 10 });
    await postResponse({ ...other, score: 0 });
    const { key } = await createKey({ name: "team shop", scope: "admin", sites: [mine.site] });
    expect((await admin("GET", `/v1/sites/${mine.site}`, undefined, key)).status).toBe(200);
    await expectError(await admin("GET", `/v1/sites/${other.site}`, undefined, key), 403, "forbidden");
    await expectError(await admin("GET", "/v1/sites/no-such-site", undefined, key), 403, "forbidden");
    await expectError(
      await admin("GET", `/v1/aggregates?kind=nps&site=${other.site}`, undefined, key),
      403,
      "forbidden",
    );
    await expectError(
      await admin("PUT", `/v1/sites/${other.site}`, { name: "x", audience: "external", origins: [] }, key),
      403,
      "forbidden",
    );
    const sites = (await (await admin("GET", "/v1/sites", undefined, key)).json()) as { items: { id: string }[] };
    expect(sites.items.map((s) => s.id)).toEqual([mine.site]);
    const all = (await (await admin("GET", "/v1/aggregates?kind=nps&groupBy=site", undefined, key)).json()) as {
      groups: { key: { site: string } }[];
    };
    expect(all.groups.map((g) => g.key.site)).toEqual([mine.site]);
  });

  it("GET /v1/keys/current tells a credential its own scope and sites", async () => {
    const { site } = await seedSurvey({ kind: "nps" });
    expect(await adminOk("GET", "/v1/keys/current")).toEqual({ scope: "admin", sites: null });
    const reader = await createKey({ name: "reader", scope: "read" });
    expect(await (await admin("GET", "/v1/keys/current", undefined, reader.key)).json()).toEqual({
      scope: "read",
      sites: null,
    });
    const limited = await createKey({ name: "limited admin", scope: "admin", sites: [site] });
    expect(await (await admin("GET", "/v1/keys/current", undefined, limited.key)).json()).toEqual({
      scope: "admin",
      sites: [site],
    });
    await expectError(await admin("GET", "/v1/keys/current", undefined, "fl_wrong"), 401, "unauthorized");
  });

  it("a deleted or unknown key is refused with 401", async () => {
    const { id, key } = await createKey({ name: "temp", scope: "admin" });
    expect((await admin("GET", "/v1/sites", undefined, key)).status).toBe(200);
    expect((await admin("DELETE", `/v1/keys/${id}`)).status).toBe(204);
    await expectError(await admin("GET", "/v1/sites", undefined, key), 401, "unauthorized");
    await expectError(await admin("GET", "/v1/sites", undefined, `fl_${"a".repeat(32)}`), 401, "unauthorized");
    await expectError(await admin("DELETE", `/v1/keys/${id}`), 404, "not_found");
  });
});
