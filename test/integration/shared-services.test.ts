import { describe, expect, it } from "vitest";
import { admin, adminOk, expectError, seedSurvey, uid } from "./helpers";

/** An admin key limited to `site`. */
async function siteKey(site: string): Promise<string> {
  const created = await adminOk<{ key: string }>("POST", "/v1/keys", {
    name: uid("key"),
    scope: "admin",
    sites: [site],
  });
  return created.key;
}

const surveyBody = (services: string[]) => ({ kind: "nps", question: { en: "How was it?" }, services });

describe("a site-limited key and shared services", () => {
  it("may not attach a service that another site rates (it would count in that team's figures)", async () => {
    const payroll = uid("payroll");
    await adminOk("PUT", `/v1/services/${payroll}`, { name: "Payroll", owner: "finance" });
    await seedSurvey({ kind: "csat", services: [payroll] }, { audience: "internal", dimensions: ["team"] });
    const shop = await seedSurvey({ kind: "nps" });
    const key = await siteKey(shop.site);

    const path = `/v1/sites/${shop.site}/surveys/${shop.survey}`;
    const error = await expectError(await admin("PUT", path, surveyBody([payroll]), key), 403, "forbidden");
    expect(error.message).toContain("every site");
    expect((await adminOk<{ services: string[] }>("GET", path)).services).toEqual([]);

    // A credential for every site may.
    expect((await admin("PUT", path, surveyBody([payroll]))).status).toBe(200);
    // Once attached, the limited key may still edit the survey without dropping it.
    expect((await admin("PUT", path, surveyBody([payroll]), key)).status).toBe(200);
  });

  it("may attach a service that only its own sites rate, or that no site rates yet", async () => {
    const checkout = uid("checkout");
    await adminOk("PUT", `/v1/services/${checkout}`, { name: "Checkout", owner: "shop-team" });
    const shop = await seedSurvey({ kind: "nps", services: [checkout] });
    const fresh = uid("delivery");
    await adminOk("PUT", `/v1/services/${fresh}`, { name: "Delivery", owner: "shop-team" });
    const key = await siteKey(shop.site);
    const other = uid("survey");
    const response = await admin("PUT", `/v1/sites/${shop.site}/surveys/${other}`, surveyBody([checkout, fresh]), key);
    expect(response.status).toBe(201);
  });

  it("sees only the services its sites rate and those no site rates: another team's stay hidden", async () => {
    const [payroll, checkout, fresh] = [uid("payroll"), uid("checkout"), uid("delivery")];
    for (const id of [payroll, checkout, fresh])
      await adminOk("PUT", `/v1/services/${id}`, { name: id, owner: uid("o") });
    await seedSurvey({ kind: "csat", services: [payroll] }, { audience: "internal", dimensions: ["team"] });
    const shop = await seedSurvey({ kind: "nps", services: [checkout] });
    const read = await adminOk<{ key: string }>("POST", "/v1/keys", {
      name: uid("key"),
      scope: "read",
      sites: [shop.site],
    });

    const listed = await adminOk<{ items: { id: string }[] }>("GET", "/v1/services");
    expect(listed.items.map((service) => service.id)).toEqual(expect.arrayContaining([payroll, checkout, fresh]));
    const seen = await admin("GET", "/v1/services", undefined, read.key);
    const ids = ((await seen.json()) as { items: { id: string }[] }).items.map((service) => service.id);
    expect(ids).toContain(checkout);
    expect(ids).toContain(fresh);
    expect(ids).not.toContain(payroll);
    await expectError(await admin("GET", `/v1/services/${payroll}`, undefined, read.key), 404, "not_found");
    expect((await admin("GET", `/v1/services/${checkout}`, undefined, read.key)).status).toBe(200);
    expect((await admin("GET", `/v1/services/${payroll}`)).status).toBe(200);
  });
});
