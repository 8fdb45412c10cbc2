import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { strings } from "../../dashboard/src/strings";
import { effectSentence } from "../../dashboard/src/service/effect-sentence";
import { headlineDifference } from "../../shared/stats/cells";
import { leadLag, MIN_PAIRED_PERIODS } from "../../shared/stats/correlation";
import { axeViolations, env, admin, useBrowser } from "./helpers";
import {
  ACTION,
  actionDay,
  csatOf,
  CUSTOMERS_SATISFIED,
  EMPLOYEES_SATISFIED,
  scoresOf,
  seeded,
  seedServiceHistory,
  SHORT_WEEKS,
} from "./service-history";

const browser = useBrowser();

/**
 * Issue 15 items 3 and 4, the dashboard side: a service's page (the history in service-history.ts) with both
 * sides' trends, the lead/lag panel, the action's marker and card, the form, and what a read key sees.
 */
beforeAll(seedServiceHistory);

async function signIn(page: Page, key = env().adminToken): Promise<void> {
  await page.goto(`${env().workerUrl}/admin/`);
  await page.getByLabel(strings.signIn.label).pressSequentially(key);
  await page.getByRole("button", { name: strings.signIn.submit }).click();
  await page.getByRole("navigation", { name: "Sections" }).waitFor();
}

/** Opens a service's page the way a person does: by its name in the services table. */
async function openService(page: Page, name: string): Promise<void> {
  await page.goto(`${env().workerUrl}/admin/#/services?kind=csat`);
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** Messages of CSP violations the page reports from now on. */
function recordCspViolations(page: Page): string[] {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

/** As the dashboard writes a difference: signed, at most one decimal, in English. */
const signed = (value: number) =>
  new Intl.NumberFormat("en", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);

const leadLagPanel = (page: Page) => page.getByRole("region", { name: strings.leadLag.title, exact: true });
const r2 = (value: number) =>
  new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

describe("dashboard: a service's page", () => {
  test("both sides at the intranet's week, r at lags 0–3 as recomputed, and no CSP violation", async () => {
    const page = await browser.newPage({ timezoneId: "UTC" });
    const refused = recordCspViolations(page);
    await signIn(page);
    await openService(page, seeded.longName);
    // The navigation still says where the page is: under Services, as a section rather than the page itself.
    const sections = page.getByRole("navigation", { name: "Sections" });
    expect(await sections.getByRole("link", { name: strings.nav.services }).getAttribute("aria-current")).toBe("true");
    const chart = page.getByRole("region", {
      name: strings.service.chartTitle(strings.service.both, "CSAT", "by week"),
    });
    await chart.waitFor();
    // One line per side, each with its shaded interval over the 12 closed weeks.
    await expect.poll(() => chart.locator(".paired-line.internal .series-dot").count()).toBe(12);
    expect(await chart.locator(".paired-line.external .series-dot").count()).toBe(12);
    expect(await chart.locator(".interval-band").count()).toBeGreaterThanOrEqual(2);

    // The page's 26 weeks: 14 before the history with nothing, 12 closed weeks, and this week (open, no answers).
    const gaps = Array<null>(26 - 12 - 1).fill(null);
    const internal = [...gaps, ...EMPLOYEES_SATISFIED.map((s) => csatOf(scoresOf(s, 6))), null];
    const external = [...gaps, ...CUSTOMERS_SATISFIED.map((s) => csatOf(scoresOf(s, 10))), null];
    const expected = leadLag(internal, external, 3);
    const panel = leadLagPanel(page);
    for (const lag of expected) {
      expect(lag.r).not.toBeNull();
      const row = panel.locator(`tr[data-lag="${lag.lag}"]`);
      const when =
        lag.lag === 0
          ? strings.leadLag.sameTime
          : strings.leadLag.later(strings.leadLag.lagName(lag.lag, strings.leadLag.units.week!));
      await expect
        .poll(() => row.textContent())
        .toContain(
          strings.leadLag.sentence("CSAT", "CSAT", when, r2(lag.r!), r2(lag.interval![0]), r2(lag.interval![1])),
        );
      expect(await row.locator("td.number").textContent()).toBe(String(lag.pairs));
    }
    // The customers follow the employees a week later: the strongest correlation is at lag 1.
    const strongest = expected.reduce((best, lag) => (lag.r! > best.r! ? lag : best));
    expect(strongest.lag).toBe(1);
    await expect.poll(() => panel.textContent()).toContain(strings.leadLag.caution);
    expect(refused).toEqual([]);
  });

  test("fewer than 8 paired periods: 'Not enough periods yet' instead of a number", async () => {
    const page = await browser.newPage({ timezoneId: "UTC" });
    await signIn(page);
    await openService(page, seeded.shortName);
    const panel = leadLagPanel(page);
    await panel.waitFor();
    for (let lag = 0; lag <= 3; lag++) {
      const row = panel.locator(`tr[data-lag="${lag}"]`);
      await expect
        .poll(() => row.textContent())
        .toContain(strings.leadLag.notEnough(SHORT_WEEKS - lag, MIN_PAIRED_PERIODS));
      expect(await row.textContent()).not.toMatch(/r = /);
    }
  });

  test("axe finds no violation on the page, its cards, table and open form, light and dark, on a 375 px phone", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      // axe is injected as an inline script, which the dashboard's CSP (rightly) refuses.
      const viewport = { width: 375, height: 800 };
      const page = await browser.newPage({ timezoneId: "UTC", colorScheme, bypassCSP: true, viewport });
      await signIn(page);
      await openService(page, seeded.longName);
      await expect.poll(() => leadLagPanel(page).locator("tr[data-lag]").count()).toBe(4);
      await page.locator(".effect-sentence").first().waitFor();
      await page.getByRole("button", { name: strings.actions.add }).click();
      await page.getByRole("form", { name: strings.actions.addTitle }).waitFor();
      await page.locator("details").evaluateAll((elements) => {
        for (const element of elements) (element as HTMLDetailsElement).open = true;
      });
      expect({ colorScheme, violations: await axeViolations(page) }).toEqual({ colorScheme, violations: [] });
      // Tables scroll inside their panels; the page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(viewport.width);
    }
  });

  test("the action's marker on the chart, and its card's figures and sentences as recomputed", async () => {
    const page = await browser.newPage({ timezoneId: "UTC" });
    await signIn(page);
    await openService(page, seeded.longName);
    const marker = page.locator(`.action-marker[data-action="${ACTION.id}"]`);
    await marker.waitFor({ state: "attached" });
    const day = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    const label = strings.service.actionMark(ACTION.title, day.format(new Date(`${actionDay()}T00:00:00Z`)));
    expect(await marker.locator("title").textContent()).toBe(label);

    // 28 days each side of a Monday: the 4 weeks before it and the 4 from it, for both sides.
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: ACTION.title }) });
    await expect.poll(() => card.textContent()).toContain(strings.actions.beforeAfter(28));
    const sides = [
      { audience: "internal", weeks: EMPLOYEES_SATISFIED, perWeek: 6 },
      { audience: "external", weeks: CUSTOMERS_SATISFIED, perWeek: 10 },
    ];
    for (const { audience, weeks, perWeek } of sides) {
      const cellOf = (from: number) => {
        const scores = weeks.slice(from, from + 4).flatMap((satisfied) => scoresOf(satisfied, perWeek));
        return { count: scores.length, satisfied: scores.filter((s) => s >= 4).length };
      };
      const [before, after] = [cellOf(ACTION.weekIndex - 4), cellOf(ACTION.weekIndex)];
      const change = headlineDifference("csat", before, after)!;
      const sentence = effectSentence({
        audience,
        kind: "csat",
        ...change,
        before: before.count,
        after: after.count,
      });
      const row = card.locator(`tr.${audience}`);
      await expect.poll(() => row.textContent()).toContain(sentence);
      const percent = (cell: { count: number; satisfied: number }) =>
        new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 }).format(cell.satisfied / cell.count);
      const text = await row.textContent();
      expect(text).toContain(`${percent(before)} (n = ${before.count})`);
      expect(text).toContain(`${percent(after)} (n = ${after.count})`);
      expect(text).toContain(signed(change.difference));
    }
  });

  test("an admin records an action through the form (its problems shown first) and deletes it", async () => {
    const page = await browser.newPage({ timezoneId: "UTC" });
    await signIn(page);
    await openService(page, seeded.shortName);
    const actions = page.getByRole("region", { name: strings.actions.title });
    await actions.getByRole("button", { name: strings.actions.add }).click();
    const form = page.getByRole("form", { name: strings.actions.addTitle });
    // No title: the API's 422 goes next to the field, and the form says so at the top.
    await form.getByRole("button", { name: strings.common.save }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toBe(strings.forms.checkFields);
    const title = form.getByLabel(strings.actions.what);
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    expect(await form.locator("#action-new-title-problem").textContent()).toMatch(/empty/);

    const name = `Payslip walkthrough ${seeded.short}`;
    await title.fill(name);
    await form.getByLabel(strings.actions.date, { exact: true }).fill("2026-01-15");
    await form.getByRole("button", { name: strings.common.save }).click();
    await actions.getByRole("heading", { name, level: 3 }).waitFor();
    await expect.poll(() => actions.getByRole("status").textContent()).toBe(strings.actions.saved(name));
    const listed = await admin<{ items: { title: string; date: string }[] }>(
      "GET",
      `/v1/services/${seeded.short}/actions`,
    );
    expect(listed.items.map(({ title, date }) => ({ title, date }))).toEqual([{ title: name, date: "2026-01-15" }]);

    await actions.getByRole("button", { name: strings.actions.removeNamed(name) }).click();
    await expect.poll(() => actions.getByRole("status").textContent()).toBe(strings.actions.removed(name));
    await expect.poll(() => actions.getByRole("heading", { name, level: 3 }).count()).toBe(0);
    expect((await admin<{ items: unknown[] }>("GET", `/v1/services/${seeded.short}/actions`)).items).toEqual([]);
  });

  test("a read key sees the actions and their cards but no form and no delete button", async () => {
    const page = await browser.newPage({ timezoneId: "UTC" });
    await signIn(page, seeded.readKey);
    await openService(page, seeded.longName);
    const actions = page.getByRole("region", { name: strings.actions.title });
    await actions.getByRole("heading", { name: ACTION.title, level: 3 }).waitFor();
    await expect.poll(() => actions.textContent()).toContain(strings.actions.readOnly);
    expect(await actions.getByRole("button", { name: strings.actions.add }).count()).toBe(0);
    expect(await actions.getByRole("button", { name: strings.actions.removeNamed(ACTION.title) }).count()).toBe(0);
    expect(await page.getByRole("form", { name: strings.actions.addTitle }).count()).toBe(0);
  });
});
