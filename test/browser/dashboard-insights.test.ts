import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { strings } from "../../dashboard/src/strings";
import { admin, axeViolations, env, uid, useBrowser } from "./helpers";

const browser = useBrowser();

/** The contract's NPS: 100 · (promoters (9–10) − detractors (0–6)) / count. */
const npsOf = (scores: number[]) => (100 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) / scores.length;
/** As the dashboard writes NPS and differences: signed, at most one decimal, in English. */
const signed = (value: number) => new Intl.NumberFormat("en", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);

// Employees in three teams: sales is smaller than the site's minGroupSize (5), so it must never be shown.
const INTERNAL = [
  ...[10, 3, 9].map((score) => ({ score, team: "sales" })),
  ...[9, 9, 8, 7, 6, 6].map((score) => ({ score, team: "eng" })),
  ...[2, 9, 10, 10, 5, 8].map((score) => ({ score, team: "ops" })),
];
const EXTERNAL = [10, 9, 9, 8, 7, 6, 3, 10, 9, 0];

const seeded = { owner: "", service: "", serviceName: "", internal: "", external: "" };

let visitor = 0;
/** Answers as the site's visitors would, from its Origin, each from another address (20 a minute each is the limit). */
async function respond(site: string, body: Record<string, unknown>): Promise<void> {
  const address = visitor++;
  const response = await fetch(`${env().workerUrl}/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: `https://${site}.example`, "cf-connecting-ip": `203.0.113.${(address % 250) + 1}`, "user-agent": `insights-test/${address}` },
    body: JSON.stringify({ site, idempotencyKey: crypto.randomUUID(), ...body }),
  });
  if (response.status !== 201) throw new Error(`POST /v1/responses → ${response.status} ${await response.text()}`);
}

// One service rated by employees on an intranet and by customers on a shop; ids unique to this file,
// and a unique owner, so other files' answers in the shared database never reach these figures.
beforeAll(async () => {
  seeded.owner = uid("insights-owner");
  seeded.service = uid("helpdesk");
  seeded.serviceName = `Helpdesk ${seeded.service}`;
  seeded.internal = uid("intranet");
  seeded.external = uid("shop");
  await admin("PUT", `/v1/services/${seeded.service}`, { name: seeded.serviceName, owner: seeded.owner });
  await admin("PUT", `/v1/sites/${seeded.internal}`, { name: `Intranet ${seeded.internal}`, audience: "internal", origins: [`https://${seeded.internal}.example`], dimensions: ["team", "role"], minGroupSize: 5 });
  await admin("PUT", `/v1/sites/${seeded.external}`, { name: `Shop ${seeded.external}`, audience: "external", origins: [`https://${seeded.external}.example`], dimensions: ["plan"] });
  for (const site of [seeded.internal, seeded.external]) {
    await admin("PUT", `/v1/sites/${site}/surveys/nps`, { kind: "nps", question: { en: "How likely are you to recommend it?" }, services: [seeded.service] });
  }
  for (const [i, answer] of INTERNAL.entries()) {
    await respond(seeded.internal, { survey: "nps", score: answer.score, service: seeded.service, segment: { team: answer.team, role: i % 2 ? "manager" : "engineer" } });
  }
  for (const [i, score] of EXTERNAL.entries()) {
    await respond(seeded.external, { survey: "nps", score, service: seeded.service, segment: { plan: i % 3 ? "pro" : "free" } });
  }
});

/** Signs in at /admin/ by typing the admin token, as a person would. */
async function signIn(page: Page): Promise<void> {
  await page.goto(`${env().workerUrl}/admin/`);
  await page.getByLabel(strings.signIn.label).pressSequentially(env().adminToken);
  await page.getByRole("button", { name: strings.signIn.submit }).click();
  await page.getByRole("navigation", { name: "Sections" }).waitFor();
}

const filtersOf = (page: Page) => page.getByRole("form", { name: strings.filters.label });

describe("dashboard: overview, services and breakdowns", () => {
  test("the overview filtered to the shop shows its exact NPS, its count and its distribution, with no CSP violation", async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await signIn(page);
    await filtersOf(page).getByLabel(strings.filters.site).selectOption(seeded.external);

    const headline = page.getByRole("region", { name: strings.overview.figureName.nps, exact: true });
    await headline.getByText(signed(npsOf(EXTERNAL)), { exact: true }).waitFor();
    await headline.getByText(strings.common.responses(EXTERNAL.length), { exact: false }).waitFor();
    // The distribution chart says every score's count in words.
    const distribution = page.getByRole("img", { name: strings.overview.distributionOf("NPS") });
    expect(await distribution.getAttribute("aria-labelledby")).toBeTruthy();
    const description = await distribution.locator("desc").textContent();
    expect(description).toContain(strings.charts.scoreCount("10", 2, EXTERNAL.length));
    expect(description).toContain(strings.charts.scoreCount("0", 1, EXTERNAL.length));
    // The state is in the hash (never the key), so a reload shows the same.
    expect(page.url()).toContain(`site=${seeded.external}`);
    expect(page.url()).not.toContain(env().adminToken);
    await page.reload();
    await page.getByRole("region", { name: strings.overview.figureName.nps, exact: true }).getByText(signed(npsOf(EXTERNAL)), { exact: true }).waitFor();
    expect(refused).toEqual([]);
  });

  test("the services view shows how employees and customers rate the shared service, side by side", async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.services }).click();
    await filtersOf(page).getByLabel(strings.services.owner).selectOption(seeded.owner);

    const row = page.getByRole("row").filter({ hasText: seeded.serviceName });
    const [employees, customers, gap] = [row.getByRole("cell").nth(0), row.getByRole("cell").nth(1), row.getByRole("cell").nth(2)];
    await employees.getByText(signed(npsOf(INTERNAL.map((a) => a.score))), { exact: true }).waitFor();
    await employees.getByText(strings.common.responses(INTERNAL.length)).waitFor();
    await customers.getByText(signed(npsOf(EXTERNAL)), { exact: true }).waitFor();
    await customers.getByText(strings.common.responses(EXTERNAL.length)).waitFor();
    expect(await gap.textContent()).toBe(signed(npsOf(INTERNAL.map((a) => a.score)) - npsOf(EXTERNAL)));
    // The columns are in that order: employees, then customers.
    const headers = await page.getByRole("columnheader").allTextContents();
    expect(headers).toEqual([strings.services.service, strings.audiences.internal, strings.audiences.external, strings.services.gap]);
    // Each side has its trend, named for screen readers.
    await row.getByRole("img", { name: new RegExp(`^${strings.services.trendOf(seeded.serviceName, strings.audiences.internal!)}`) }).waitFor();
    await row.getByRole("img", { name: new RegExp(`^${strings.services.trendOf(seeded.serviceName, strings.audiences.external!)}`) }).waitFor();
  });

  test("by team, a team of fewer than 5 employees reads “fewer than 5 responses”, and its figure is nowhere", async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.breakdowns }).click();
    await filtersOf(page).getByLabel(strings.filters.site).selectOption(seeded.internal);
    await filtersOf(page).getByLabel(strings.breakdowns.by).selectOption("segment.team");

    const sales = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "sales", exact: true }) });
    await sales.getByText(strings.common.fewerThan(5), { exact: true }).waitFor();
    expect(await sales.getByRole("cell").last().textContent()).toBe(strings.charts.hidden);
    const salesNps = signed(npsOf(INTERNAL.filter((a) => a.team === "sales").map((a) => a.score)));
    expect(await page.getByRole("table").textContent()).not.toContain(salesNps);
    // The whole site is shown: 15 responses, its NPS.
    const all = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: strings.breakdowns.total, exact: true }) });
    await all.getByText(signed(npsOf(INTERNAL.map((a) => a.score))), { exact: true }).waitFor();
    expect(await all.getByRole("cell").last().textContent()).toBe(String(INTERNAL.length));
  });

  test("a period with no responses reads “No data”, which never looks like a hidden figure", async () => {
    const page = await browser.newPage();
    await signIn(page);
    await filtersOf(page).getByLabel(strings.filters.site).selectOption(seeded.internal);
    await filtersOf(page).getByLabel(strings.filters.period).selectOption("custom");
    await filtersOf(page).getByLabel(strings.filters.from).fill("2021-01-04");
    await filtersOf(page).getByLabel(strings.filters.to).fill("2021-01-31");

    const headline = page.getByRole("region", { name: strings.overview.figureName.nps, exact: true });
    await headline.getByText(strings.common.noData, { exact: true }).waitFor();
    expect(await headline.textContent()).not.toContain(strings.common.fewerThan(5));
    expect(await headline.locator(".figure").getAttribute("class")).not.toContain("suppressed");
    await page.getByText(strings.overview.nothingYet).waitFor();
  });

  test("each view passes axe and fits a 375 px phone, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      // axe is injected as an inline script, which the dashboard's CSP (rightly) refuses.
      const page = await browser.newPage({ viewport: { width: 375, height: 800 }, colorScheme, bypassCSP: true });
      await signIn(page);
      const views: [string, string, () => Promise<void>][] = [
        ["overview", `site=${seeded.external}`, () => page.getByRole("region", { name: strings.overview.figureName.nps, exact: true }).getByText(signed(npsOf(EXTERNAL))).waitFor()],
        ["services", `owner=${seeded.owner}`, () => page.getByRole("row").filter({ hasText: seeded.serviceName }).waitFor()],
        ["breakdowns", `site=${seeded.internal}&by=segment.team`, () => page.getByText(strings.common.fewerThan(5)).first().waitFor()],
      ];
      for (const [view, query, ready] of views) {
        await page.goto(`${env().workerUrl}/admin/#/${view}?${query}`);
        await ready();
        await page.locator("details").evaluateAll((elements) => elements.forEach((element) => ((element as HTMLDetailsElement).open = true)));
        expect({ view, colorScheme, violations: await axeViolations(page) }).toEqual({ view, colorScheme, violations: [] });
        // Tables scroll inside their panels; the page itself never scrolls sideways.
        expect({ view, overflow: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ view, overflow: 375 });
      }
    }
  });
});
