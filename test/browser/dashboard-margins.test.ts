import type { Locator, Page } from "playwright-core";
import { recordCspViolations, signIn } from "./dashboard-session";
import { beforeAll, describe, expect, test } from "vitest";
import { strings } from "../../dashboard/src/strings";
import { headlineDifference, significantSteps } from "../../shared/stats/cells";
import { wilsonInterval } from "../../shared/stats/intervals";
import { axeViolations, env, useBrowser } from "./helpers";
import {
  EMPLOYEES_SATISFIED,
  JUMP,
  nameOf,
  SHOP_SCORES,
  STEADY,
  WEEK_ANSWERS,
  seedMargins,
  seeded,
  weekLabel,
} from "./margins-seed";

/**
 * Issue 15, items 1, 2 and 5 in the dashboard: each figure's margin of error beside it, the interval shaded on
 * trends, a mark on a significant change and never on noise, and the services view opening on a kind both sides
 * rate. The expected margins and marks are computed here from shared/stats, not read from the page.
 */
const browser = useBrowser();
beforeAll(seedMargins);

/** The half-width of a share's Wilson interval, as the dashboard writes it: "±11". */
function shareMargin(satisfied: number, count: number): string {
  const [lo, hi] = wilsonInterval(satisfied, count)!;
  return `±${Math.round((hi - lo) / 2)}`;
}
const percent = (satisfied: number, count: number) =>
  new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 }).format(satisfied / count);
const satisfiedOf = (scores: number[]) => scores.filter((score) => score >= 4).length;
const csatWeeks = (satisfied: number[]) => satisfied.map((s) => ({ count: WEEK_ANSWERS, satisfied: s }));

/** The figure, its margin to the eye and its margin in words, as one locator holds them. */
async function expectMargin(scope: Locator, figure: string, margin: string): Promise<void> {
  await scope.getByText(figure, { exact: true }).waitFor();
  expect(await scope.locator(".margin [aria-hidden=true]").first().textContent()).toBe(margin);
  expect(await scope.locator(".margin .visually-hidden").first().textContent()).toBe(strings.margins.spoken(margin));
}

const trendOf = (page: Page) => page.getByRole("region", { name: /^CSAT by week/ });
const overview = (site: string) => `${env().workerUrl}/admin/#/overview?site=${site}&kind=csat&period=90d`;

describe("dashboard: margins of error and significant changes", () => {
  test("the headline and a breakdown show the margin of the seeded count; the trend shades its interval", async () => {
    const page = await browser.newPage();
    const refused = recordCspViolations(page);
    await signIn(page);
    await page.goto(overview(seeded.jump));
    const all = JUMP.reduce((sum, s) => sum + s, 0);
    const count = JUMP.length * WEEK_ANSWERS;
    const headline = page.getByRole("region", { name: strings.overview.figureName.csat, exact: true });
    await expectMargin(headline, percent(all, count), shareMargin(all, count));
    // One band per run of consecutive weeks with a figure: the four seeded weeks are one run.
    expect(await trendOf(page).locator("svg.line-chart path.interval-band").count()).toBe(1);
    await trendOf(page).getByText(strings.margins.band, { exact: true }).waitFor();

    await page.goto(`${env().workerUrl}/admin/#/breakdowns?site=${seeded.jump}&kind=csat&period=90d&groupBy=survey`);
    const total = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: strings.breakdowns.total, exact: true }) });
    await expectMargin(total, percent(all, count), shareMargin(all, count));
    expect(await total.locator(".figure-bar .interval-bar").count()).toBe(1);
    expect(await page.locator("[style]").count()).toBe(0);
    expect(refused).toEqual([]);
  });

  test("a real jump is marked, with its words in the chart's table; a steady series with noise is not", async () => {
    // The seeds are what they claim, by the dashboard's own test (Bonferroni across the series).
    expect(significantSteps("csat", csatWeeks(JUMP))).toEqual([false, false, false, true]);
    expect(significantSteps("csat", csatWeeks(STEADY))).toEqual([false, false, false, false]);
    // …though its third week would be marked if each step were tested on its own at 95%: a chart without the
    // correction fails below.
    const [, second, third] = csatWeeks(STEADY);
    expect(headlineDifference("csat", second!, third!)?.significant).toBe(true);
    const page = await browser.newPage();
    await signIn(page);

    await page.goto(overview(seeded.jump));
    const jump = trendOf(page);
    await jump.locator("svg.line-chart .step-mark.rise").waitFor();
    expect(await jump.locator("svg.line-chart .step-mark").count()).toBe(1);
    await jump.getByText(strings.charts.showTable).click();
    const changed = jump.getByRole("row").filter({ hasText: strings.margins.step(true, weekLabel(2)) });
    expect(await changed.getByRole("rowheader").textContent()).toBe(weekLabel(1));
    const lastWeek = changed.getByRole("cell").first();
    await expectMargin(lastWeek, percent(JUMP[3]!, WEEK_ANSWERS), shareMargin(JUMP[3]!, WEEK_ANSWERS));
    expect(await jump.locator("svg.line-chart desc").textContent()).toContain(strings.margins.steps(1));

    await page.goto(overview(seeded.steady));
    const steadyAll = STEADY.reduce((sum, s) => sum + s, 0);
    const headline = page.getByRole("region", { name: strings.overview.figureName.csat, exact: true });
    // The steady intranet's figures are on screen, not the jump's still.
    await expectMargin(
      headline,
      percent(steadyAll, STEADY.length * WEEK_ANSWERS),
      shareMargin(steadyAll, STEADY.length * WEEK_ANSWERS),
    );
    const steady = trendOf(page);
    await steady.locator("svg.line-chart path.interval-band").waitFor();
    expect(await steady.locator("svg.line-chart desc").textContent()).toContain(strings.margins.steps(0));
    expect(await steady.locator(".step-mark").count()).toBe(0);
  });

  test("services open on the kind both sides rate for the most services and say which side rates none", async () => {
    const page = await browser.newPage();
    const refused = recordCspViolations(page);
    await signIn(page);
    await page.goto(`${env().workerUrl}/admin/#/services?owner=${seeded.owner}`);
    const rowOf = (service: string) => page.getByRole("row").filter({ hasText: nameOf(service) });
    const sides = (service: string) => [0, 1].map((n) => rowOf(service).getByRole("cell").nth(n));

    await page.getByText(strings.servicesKind.opened("CSAT", 2)).waitFor();
    expect(await page.getByLabel(strings.filters.kind).inputValue()).toBe("csat");
    const [, customers] = sides(seeded.shared[0]!);
    await expectMargin(customers!, percent(satisfiedOf(SHOP_SCORES), 20), shareMargin(satisfiedOf(SHOP_SCORES), 20));
    // The gap: employees minus customers, its margin and verdict from the same test as compare's.
    const gap = headlineDifference(
      "csat",
      { count: 20, satisfied: satisfiedOf(SHOP_SCORES) },
      { count: WEEK_ANSWERS, satisfied: EMPLOYEES_SATISFIED },
    )!;
    expect(gap.significant).toBe(true);
    const gapCell = rowOf(seeded.shared[0]!).getByRole("cell").nth(2);
    await gapCell.getByText(strings.servicesKind.realGap, { exact: true }).waitFor();
    expect(await gapCell.textContent()).toContain(String(Math.round(gap.difference)));
    expect(await gapCell.locator(".margin [aria-hidden=true]").textContent()).toBe(
      `±${Math.round((gap.interval[1] - gap.interval[0]) / 2)}`,
    );
    await rowOf(seeded.shared[1]!).getByRole("cell").nth(2).getByText(strings.services.noGap).waitFor();
    const [employees] = sides(seeded.customersOnly);
    await employees!.getByText(strings.servicesKind.notRated.internal!, { exact: true }).waitFor();
    for (const cell of sides(seeded.npsOnly))
      await cell.getByText(strings.servicesKind.otherKinds("NPS"), { exact: true }).waitFor();

    // The kind selector still rules: NPS named in the link, the opening note goes.
    await page.getByLabel(strings.filters.kind).selectOption("nps");
    await page.getByRole("heading", { name: new RegExp(`^${strings.services.tableTitleNoTrend("NPS")}`) }).waitFor();
    expect(page.url()).toContain("kind=nps");
    expect(await page.getByText(strings.servicesKind.opened("CSAT", 2)).count()).toBe(0);
    const [giftEmployees, giftCustomers] = sides(seeded.customersOnly);
    await giftEmployees!.getByText(strings.servicesKind.notRated.internal!, { exact: true }).waitFor();
    await giftCustomers!.getByText(strings.servicesKind.otherKinds("CSAT"), { exact: true }).waitFor();
    expect(refused).toEqual([]);
  });

  test("these screens pass axe, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      // axe is injected as an inline script, which the dashboard's CSP (rightly) refuses.
      const page = await browser.newPage({ colorScheme, bypassCSP: true });
      await signIn(page);
      const screens: [string, () => Promise<void>][] = [
        [overview(seeded.jump), () => trendOf(page).locator("svg.line-chart .step-mark").waitFor()],
        [`${env().workerUrl}/admin/#/services?owner=${seeded.owner}`, () => page.locator(".margin").first().waitFor()],
        [
          `${env().workerUrl}/admin/#/breakdowns?site=${seeded.jump}&kind=csat&period=90d&groupBy=survey`,
          () => page.locator(".interval-bar").first().waitFor(),
        ],
      ];
      for (const [url, ready] of screens) {
        await page.goto(url);
        await ready();
        await page.locator("details").evaluateAll((elements) => {
          for (const element of elements) (element as HTMLDetailsElement).open = true;
        });
        expect({ url, colorScheme, violations: await axeViolations(page) }).toEqual({
          url,
          colorScheme,
          violations: [],
        });
      }
    }
  });
});
