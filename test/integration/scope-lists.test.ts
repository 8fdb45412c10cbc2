import { describe, expect, it } from "vitest";
import { admin, adminOk, expectError, seedSurvey, uid } from "./helpers";
import { insertAt } from "./seed";

type Answer = {
  total: { count: number; nps: number | null };
  groups?: { key: Record<string, string | null>; count: number }[];
};
type Page = { items: { site: string; score: number | null }[] };

/**
 * An audience or owner filter, or a key limited to sites, becomes a list of ids in SQL. D1 takes at
 * most 100 bound parameters per statement; a list bound id by id made these queries fail with a 500
 * once an organisation had about 90 sites or services (found by the property test on a full database).
 */
describe("filters that expand to long lists of sites or services", () => {
  const MANY = 120;

  it("audience, owner and a key limited to 100 sites answer, and count exactly, past 100 ids", {
    timeout: 60_000,
  }, async () => {
    const owner = uid("owner");
    const services = Array.from({ length: MANY }, (_, i) => `${owner}-svc-${i}`);
    for (let i = 0; i < MANY; i += 20) {
      await Promise.all(
        services.slice(i, i + 20).map((id) => adminOk("PUT", `/v1/services/${id}`, { name: id, owner })),
      );
    }
    const sites: string[] = [];
    for (let i = 0; i < MANY; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => seedSurvey({ kind: "nps", services: [] })));
      sites.push(...batch.map((seeded) => seeded.site));
    }
    const last = services[MANY - 1]!;
    const { site, survey } = await seedSurvey({ kind: "nps", services: [last] }, { audience: "external" });
    const hour = "2026-05-04T10:00:00Z";
    for (const score of [10, 9, 3])
      await insertAt({ site, survey, kind: "nps", score, at: "2026-05-04T10:15:00Z", service: last });

    const window = `from=${hour}&to=2026-05-04T11:00:00Z`;
    // Rollups (whole hours) and raw rows (a range that does not end on the hour) take the same lists.
    for (const range of [window, `from=${hour}&to=2026-05-04T10:59:00Z`]) {
      const byAudience = await adminOk<Answer>(
        "GET",
        `/v1/aggregates?kind=nps&audience=external&service=${last}&${range}`,
      );
      expect(byAudience.total.count).toBe(3);
      expect(byAudience.total.nps).toBeCloseTo(100 / 3, 9); // two promoters, one detractor
      const byOwner = await adminOk<Answer>("GET", `/v1/aggregates?kind=nps&owner=${owner}&groupBy=service&${range}`);
      expect(byOwner.total.count).toBe(3);
      expect(byOwner.groups!.map((group) => [group.key.service, group.count])).toEqual([[last, 3]]);
    }
    const internalOnly = await adminOk<Answer>(
      "GET",
      `/v1/aggregates?kind=nps&audience=internal&service=${last}&${window}`,
    );
    expect(internalOnly.total.count).toBe(0);

    const inbox = await adminOk<Page>("GET", `/v1/responses?audience=external&owner=${owner}&${window}`);
    expect(inbox.items.map((item) => item.score).sort()).toEqual([10, 3, 9].sort());

    // A read key limited to 100 sites (the most a key may name), ours among them.
    const limited = await adminOk<{ key: string }>("POST", "/v1/keys", {
      name: "many sites",
      scope: "read",
      sites: [...sites.slice(0, 99), site],
    });
    const asKey = async <T>(path: string) => {
      const response = await admin("GET", path, undefined, limited.key);
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as T;
    };
    expect((await asKey<Answer>(`/v1/aggregates?kind=nps&service=${last}&${window}`)).total.count).toBe(3);
    expect(
      (await asKey<Answer>(`/v1/aggregates?kind=nps&audience=external&owner=${owner}&${window}`)).total.count,
    ).toBe(3);
    expect((await asKey<Page>(`/v1/responses?service=${last}&${window}`)).items).toHaveLength(3);

    // And a key limited to sites that are not ours sees none of it: the service is rated only on a site
    // it cannot read, so to it the service names nothing (test/integration/filter-values.test.ts).
    const other = await adminOk<{ key: string }>("POST", "/v1/keys", {
      name: "other sites",
      scope: "read",
      sites: sites.slice(0, 100),
    });
    const response = await admin("GET", `/v1/aggregates?kind=nps&service=${last}&${window}`, undefined, other.key);
    const error = await expectError(response, 422, "validation_failed");
    const message =
      `service "${last}" is not rated on any site this key can read; ` +
      "GET /v1/sites/{site}/surveys lists the services each survey rates";
    expect(error.details).toEqual([{ path: "query.service", message }]);
  });
});
