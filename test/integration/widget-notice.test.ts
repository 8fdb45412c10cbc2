import { describe, expect, it } from "vitest";
import type { WidgetConfig } from "../../schema/widget";
import { adminOk, api, ORIGIN, uid } from "./helpers";

const SECRET = "a-shared-secret-of-at-least-32-characters";

/** A site with one NPS survey; `site` is the rest of its config (audience, minGroupSize, reportingPeriod…). */
async function seedSite(site: Record<string, unknown>) {
  const siteId = uid("site");
  const surveyId = uid("survey");
  const name = "Legal and HR intranet";
  await adminOk("PUT", `/v1/sites/${siteId}`, { name, origins: [ORIGIN], dimensions: ["team", "role"], ...site });
  const question = { en: "How was the helpdesk?" };
  await adminOk("PUT", `/v1/sites/${siteId}/surveys/${surveyId}`, { kind: "nps", question, topics: [] });
  return { site: siteId, survey: surveyId };
}

async function widgetConfig(site: string, survey: string, locale: string) {
  const response = await api(`/v1/widget/${site}/${survey}?locale=${locale}`, { headers: { origin: ORIGIN } });
  expect(response.status).toBe(200);
  return { config: (await response.json()) as WidgetConfig, etag: response.headers.get("etag") };
}

describe("GET /v1/widget/{site}/{survey}: telling employees who sees what", () => {
  it("an internal site's widget says its own minimum group size and period, in the visitor's language", async () => {
    const { site, survey } = await seedSite({ audience: "internal", minGroupSize: 7, reportingPeriod: "month" });
    const english = (await widgetConfig(site, survey, "en")).config;
    expect(english.anonymity).toBe(
      "Anonymous: results are shown only for groups of at least 7\u00a0answers, after each month ends; " +
        "no name, email or IP address is kept.",
    );
    expect(english.deletion).toContain("until the results for its month are out");
    expect(english.deletion).toContain("your score stays in the group figures");

    const russian = (await widgetConfig(site, survey, "ru-RU")).config;
    expect(russian.anonymity).toContain("не менее чем из 7\u00a0ответов, после окончания каждого месяца");
    expect(russian.deletion).toContain("за месяц, в который вы ответили");
    for (const { anonymity, deletion } of [english, russian]) {
      expect(`${anonymity} ${deletion}`).not.toMatch(/legal|hr\b|team|role/i);
    }
  });

  it("says that a verified sign-in is checked but not kept", async () => {
    const { site, survey } = await seedSite({ audience: "internal", identity: { verify: "token", secret: SECRET } });
    const { config } = await widgetConfig(site, survey, "de");
    expect(config.anonymity).toBe(
      "Anonym: Ergebnisse werden nur für Gruppen ab 5\u00a0Antworten gezeigt, erst nach Ende jeder Woche; " +
        "Ihre Anmeldung wird geprüft, aber Name, E-Mail-Adresse und IP-Adresse werden nicht gespeichert.",
    );
  });

  it("changes, with the ETag, when the site's settings change", async () => {
    const { site, survey } = await seedSite({ audience: "internal", minGroupSize: 5, reportingPeriod: "week" });
    const before = await widgetConfig(site, survey, "en");
    const changed = { audience: "internal", minGroupSize: 10, reportingPeriod: "quarter" };
    await adminOk("PUT", `/v1/sites/${site}`, { name: "Intranet", origins: [ORIGIN], ...changed });
    const after = await widgetConfig(site, survey, "en");
    expect(after.config.anonymity).toContain("at least 10\u00a0answers, after each quarter ends");
    expect(after.etag).not.toBe(before.etag);
  });

  it("says nothing of the kind on an external site", async () => {
    const { site, survey } = await seedSite({ audience: "external" });
    const { config } = await widgetConfig(site, survey, "en");
    expect(config.anonymity).toBeNull();
    expect(config.deletion).toBeNull();
  });
});
