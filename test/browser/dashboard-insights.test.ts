import type { Page } from "playwright-core";
import { recordCspViolations } from "./dashboard-session";
import { beforeAll, describe, expect, test } from "vitest";
import { strings } from "../../dashboard/src/strings";
import { headlineDifference } from "../../shared/stats/cells";
import { npsInterval } from "../../shared/stats/intervals";
import { answerInClosedWeeks, respondAs, weekStart, type InternalAnswer } from "./closed-periods";
import { admin, axeViolations, env, uid, useBrowser } from "./helpers";

const browser = useBrowser();

/** The contract's NPS: 100 · (promoters (9–10) − detractors (0–6)) / count. */
const npsOf = (scores: number[]) =>
  (100 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) / scores.length;
/** The half-width of an NPS's adjusted-Wald interval, as the dashboard writes it beside the figure: "±9". */
function npsMargin(scores: number[]): string {
  const counts = { n: scores.length, promoters: scores.filter((s) => s >= 9).length };
  const [lo, hi] = npsInterval({ ...counts, detractors: scores.filter((s) => s <= 6).length })!;
  return `±${Math.round((hi - lo) / 2)}`;
}
/** As the dashboard writes NPS and differences: signed, at most one decimal, in English. */
/** The counts a cell holds for scores: its size, promoters and detractors. */
const npsCounts = (scores: number[]) => ({
  count: scores.length,
  promoters: scores.filter((s) => s >= 9).length,
  detractors: scores.filter((s) => s <= 6).length,
});
const signed = (value: number) =>
  new Intl.NumberFormat("en", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);

/**
 * Employees of a weekly intranet (minGroupSize 5) in two closed weeks, released as groups of at least 5
 * (worker/domain/release-groups.ts): generalised topic first, then role, then team.
 * - Two weeks ago: eng 6 and ops 6 each form a group (role "several"); sales (3) stays short of 5 even
 *   with every attribute generalised, so it is withheld: counted nowhere, and the figures say so.
 * - Last week: ops 5 (all engineers) form a group as they are; eng 3 and legal 2 are too small apart
 *   and form one group of 5 whose team reads "several". Legal is never named.
 */
const TWO_WEEKS_AGO = [
  ...[10, 3, 9].map((score) => ({ score, team: "sales" })),
  ...[9, 9, 8, 7, 6, 6].map((score) => ({ score, team: "eng" })),
  ...[2, 9, 10, 10, 5, 8].map((score) => ({ score, team: "ops" })),
].map((answer, i) => ({ ...answer, role: i % 2 ? "manager" : "engineer" }));
const LAST_WEEK = [
  ...[9, 10, 8, 7, 9].map((score) => ({ score, team: "ops", role: "engineer" })),
  ...[6, 9, 10].map((score) => ({ score, team: "eng", role: "manager" })),
  ...[3, 10].map((score) => ({ score, team: "legal", role: "director" })),
];
/** What the figures count: every closed answer but the withheld sales remainder. */
const RELEASED = [...TWO_WEEKS_AGO.filter((a) => a.team !== "sales"), ...LAST_WEEK];
/** This week's answer: open, so it must show nowhere; its score would move every figure it entered. */
const OPEN = { score: 0, team: "eng", role: "manager" };
const EXTERNAL = [10, 9, 9, 8, 7, 6, 3, 10, 9, 0];

const seeded = {
  owner: "",
  service: "",
  serviceName: "",
  internal: "",
  internalName: "",
  external: "",
  openComment: "",
};

/** Answers as the site's visitors would, from its Origin. */
const respond = (site: string, body: Record<string, unknown>) => respondAs(site, `https://${site}.example`, body);

// One service rated by employees on an intranet and by customers on a shop; ids unique to this file,
// and a unique owner, so other files' answers in the shared database never reach these figures.
beforeAll(async () => {
  seeded.owner = uid("insights-owner");
  seeded.service = uid("helpdesk");
  seeded.serviceName = `Helpdesk ${seeded.service}`;
  seeded.internal = uid("intranet");
  seeded.internalName = `Intranet ${seeded.internal}`;
  seeded.external = uid("shop");
  seeded.openComment = `Still open this week ${seeded.internal}`;
  const intranet = {
    name: seeded.internalName,
    audience: "internal",
    origins: [`https://${seeded.internal}.example`],
    dimensions: ["team", "role"],
    minGroupSize: 5,
    reportingPeriod: "week",
    timeZone: "UTC",
  };
  await admin("PUT", `/v1/services/${seeded.service}`, { name: seeded.serviceName, owner: seeded.owner });
  await admin("PUT", `/v1/sites/${seeded.internal}`, intranet);
  await admin("PUT", `/v1/sites/${seeded.external}`, {
    name: `Shop ${seeded.external}`,
    audience: "external",
    origins: [`https://${seeded.external}.example`],
    dimensions: ["plan"],
  });
  for (const site of [seeded.internal, seeded.external]) {
    await admin("PUT", `/v1/sites/${site}/surveys/nps`, {
      kind: "nps",
      question: { en: "How likely are you to recommend it?" },
      services: [seeded.service],
    });
  }
  const employee = (answer: { score: number; team: string; role: string }): InternalAnswer => ({
    score: answer.score,
    service: seeded.service,
    segment: { team: answer.team, role: answer.role },
  });
  await answerInClosedWeeks(seeded.internal, intranet, `https://${seeded.internal}.example`, [
    TWO_WEEKS_AGO.map(employee),
    LAST_WEEK.map(employee),
  ]);
  await respond(seeded.internal, { survey: "nps", ...employee(OPEN), comment: seeded.openComment });
  for (const [i, score] of EXTERNAL.entries()) {
    await respond(seeded.external, {
      survey: "nps",
      score,
      service: seeded.service,
      segment: { plan: i % 3 ? "pro" : "free" },
    });
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

/**
 * The intranet's period line: `count` answers so far this week, shown on the Monday after it (the site is
 * weekly, in UTC).
 */
function periodLine(count: number): string {
  const appear = new Intl.DateTimeFormat("en", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(new Date(weekStart() + 7 * 86_400_000));
  return strings.release.periodLine(seeded.internalName, count, strings.release.open.week!, appear);
}

describe("dashboard: overview, services and breakdowns", () => {
  test("the overview filtered to the shop: its exact NPS, count and distribution, with no CSP violation", async () => {
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
    await page
      .getByRole("region", { name: strings.overview.figureName.nps, exact: true })
      .getByText(signed(npsOf(EXTERNAL)), { exact: true })
      .waitFor();
    expect(refused).toEqual([]);
  });

  test("the services view: how employees and customers rate the shared service, side by side, by week", async () => {
    const page = await browser.newPage();
    const refused = recordCspViolations(page);
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.services }).click();
    await filtersOf(page).getByLabel(strings.services.owner).selectOption(seeded.owner);

    const row = page.getByRole("row").filter({ hasText: seeded.serviceName });
    const [employees, customers, gap] = [
      row.getByRole("cell").nth(0),
      row.getByRole("cell").nth(1),
      row.getByRole("cell").nth(2),
    ];
    // Employees: the closed weeks' released groups only (the withheld sales remainder and this week's answer left out).
    await employees.getByText(signed(npsOf(RELEASED.map((a) => a.score))), { exact: true }).waitFor();
    await employees.getByText(strings.common.responses(RELEASED.length)).waitFor();
    await customers.getByText(signed(npsOf(EXTERNAL)), { exact: true }).waitFor();
    await customers.getByText(strings.common.responses(EXTERNAL.length)).waitFor();
    // The gap: employees minus customers, with the margin and verdict of the two-sample test (shared/stats).
    const released = RELEASED.map((a) => a.score);
    const gapOf = headlineDifference("nps", npsCounts(EXTERNAL), npsCounts(released))!;
    const verdict = gapOf.significant ? strings.servicesKind.realGap : strings.servicesKind.noiseGap;
    await gap.getByText(verdict, { exact: true }).waitFor();
    expect((await gap.textContent())?.startsWith(`${signed(npsOf(released) - npsOf(EXTERNAL))} ±`)).toBe(true);
    expect(await gap.locator(".margin [aria-hidden=true]").textContent()).toBe(
      `±${Math.round((gapOf.interval[1] - gapOf.interval[0]) / 2)}`,
    );
    // The columns are in that order: employees, then customers.
    const headers = await page.getByRole("columnheader").allTextContents();
    expect(headers).toEqual([
      strings.services.service,
      strings.audiences.internal,
      strings.audiences.external,
      strings.services.gap,
    ]);
    // Both trends go by week, the intranet's reporting period, so the two sides line up point by point.
    await page
      .getByRole("heading", { name: strings.services.tableTitle("NPS", strings.filters.byBucket.week) })
      .waitFor();
    const employeesTrend = row.getByRole("img", {
      name: new RegExp(`^${strings.services.trendOf(seeded.serviceName, strings.audiences.internal!)}`),
    });
    await row
      .getByRole("img", {
        name: new RegExp(`^${strings.services.trendOf(seeded.serviceName, strings.audiences.external!)}`),
      })
      .waitFor();
    // Each point with its margin of error (shared/stats: adjusted Wald), as "+40 ±38".
    const lastWeek = LAST_WEEK.map((a) => a.score);
    expect(await employeesTrend.getAttribute("aria-label")).toContain(
      strings.charts.figureWithCount(`${signed(npsOf(lastWeek))} ${npsMargin(lastWeek)}`, lastWeek.length),
    );
    await page.getByText(periodLine(1)).waitFor();
    expect(refused).toEqual([]);
  });

  test("the overview of the intranet: its released figure marked “withheld”, a weekly trend, and when this week's answers appear", async () => {
    const page = await browser.newPage();
    const refused = recordCspViolations(page);
    const aggregateQueries: string[] = [];
    page.on(
      "request",
      (request) => void (request.url().includes("/v1/aggregates") && aggregateQueries.push(request.url())),
    );
    await signIn(page);
    // A bucket by day was asked for: employees' answers come per week, so the trend is by week.
    await page.goto(`${env().workerUrl}/admin/#/overview?site=${seeded.internal}&bucket=day`);

    const headline = page.getByRole("region", { name: strings.overview.figureName.nps, exact: true });
    await headline.getByText(signed(npsOf(RELEASED.map((a) => a.score))), { exact: true }).waitFor();
    await headline.getByText(strings.common.responses(RELEASED.length), { exact: false }).waitFor();
    // Sales' three answers of two weeks ago were withheld: the figure says so, without saying how many.
    await headline.getByText(strings.release.withheld, { exact: true }).waitFor();
    await page.getByText(strings.release.withheldNote).waitFor();
    // When this week's answers appear, and how many have come in (the one answered this week).
    await page.getByText(periodLine(1)).waitFor();
    await page.getByRole("heading", { name: strings.overview.trend("NPS", strings.filters.byBucket.week) }).waitFor();
    await page.getByText(strings.release.coarserBucket(strings.filters.byBucket.week)).waitFor();
    const bucketOptions = await filtersOf(page).getByLabel(strings.filters.bucket).locator("option").allTextContents();
    expect(bucketOptions).toEqual([strings.filters.buckets.week, strings.filters.buckets.month]);
    expect(await page.getByRole("alert").count()).toBe(0);
    // The API was never asked for the intranet by day (a 422: it releases per week).
    expect(
      aggregateQueries.filter((url) => url.includes(`site=${seeded.internal}`) && url.includes("bucket=day")),
    ).toEqual([]);
    expect(refused).toEqual([]);
  });

  test("should the API refuse a daily trend the dashboard did not expect (a survey its lists lack), the overview steps up to weeks", async () => {
    const page = await browser.newPage();
    // The survey lists as they were before the intranet's survey existed: nothing tells the dashboard that
    // NPS has employees' answers in scope, so it asks by day, and the API answers 422 naming the period.
    await page.route(`${env().workerUrl}/v1/sites/${seeded.internal}/surveys`, (route) =>
      route.fulfill({ json: { items: [] } }),
    );
    const refusals: string[] = [];
    page.on(
      "response",
      (response) =>
        void (response.status() === 422 && response.url().includes("bucket=day") && refusals.push(response.url())),
    );
    await signIn(page);
    await page.goto(`${env().workerUrl}/admin/#/overview?site=${seeded.internal}&bucket=day`);

    const headline = page.getByRole("region", { name: strings.overview.figureName.nps, exact: true });
    await headline.getByText(signed(npsOf(RELEASED.map((a) => a.score))), { exact: true }).waitFor();
    await page.getByRole("heading", { name: strings.overview.trend("NPS", strings.filters.byBucket.week) }).waitFor();
    await page.getByText(strings.release.coarserBucket(strings.filters.byBucket.week)).waitFor();
    expect(refusals).toHaveLength(1);
    expect(await page.getByRole("alert").count()).toBe(0);
  });

  test("by team, small teams are never named: sales is withheld, legal in a group reading “several”", async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.breakdowns }).click();
    await filtersOf(page).getByLabel(strings.filters.site).selectOption(seeded.internal);
    await filtersOf(page).getByLabel(strings.breakdowns.by).selectOption("segment.team");

    const rowOf = (name: string) =>
      page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
    const scoresOf = (answers: { score: number }[]) => answers.map((a) => a.score);
    const twoWeeksAgo = (team: string) => TWO_WEEKS_AGO.filter((a) => a.team === team);
    const cases: [string, number[]][] = [
      ["eng", scoresOf(twoWeeksAgo("eng"))],
      ["ops", scoresOf([...twoWeeksAgo("ops"), ...LAST_WEEK.filter((a) => a.team === "ops")])],
      [strings.release.several, scoresOf(LAST_WEEK.filter((a) => a.team === "eng" || a.team === "legal"))],
      [strings.breakdowns.total, scoresOf(RELEASED)],
    ];
    for (const [name, scores] of cases) {
      const row = rowOf(name);
      await row.getByText(signed(npsOf(scores)), { exact: true }).waitFor();
      expect({ name, count: await row.getByRole("cell").last().textContent() }).toEqual({
        name,
        count: String(scores.length),
      });
    }
    const table = (await page.getByRole("table").textContent()) ?? "";
    expect(table).not.toContain("sales");
    expect(table).not.toContain("legal");
    await rowOf(strings.breakdowns.total).getByText(strings.release.withheld, { exact: true }).waitFor();
    await page.getByText(strings.release.severalNote(5)).waitFor();
    await page.getByText(strings.release.withheldNote).waitFor();
  });

  test("this week's employee answer shows nowhere: not in the overview, services, any breakdown or inbox", async () => {
    const page = await browser.newPage();
    await signIn(page);
    const all = RELEASED.map((a) => a.score);
    const withOpen = [...all, OPEN.score];

    await page.goto(`${env().workerUrl}/admin/#/overview?site=${seeded.internal}`);
    const headline = page.getByRole("region", { name: strings.overview.figureName.nps, exact: true });
    await headline.getByText(strings.common.responses(all.length), { exact: false }).waitFor();
    expect(await headline.textContent()).not.toContain(signed(npsOf(withOpen)));

    await page.goto(`${env().workerUrl}/admin/#/services?owner=${seeded.owner}`);
    const employees = page.getByRole("row").filter({ hasText: seeded.serviceName }).getByRole("cell").nth(0);
    await employees.getByText(strings.common.responses(all.length)).waitFor();
    expect(await employees.textContent()).not.toContain(signed(npsOf(withOpen)));

    for (const by of ["segment.team", "segment.role", "service", "survey", "topic", "audience"]) {
      await page.goto(`${env().workerUrl}/admin/#/breakdowns?site=${seeded.internal}&by=${by}`);
      const total = page
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: strings.breakdowns.total, exact: true }) });
      await total.getByText(signed(npsOf(all)), { exact: true }).waitFor();
      expect({ by, count: await total.getByRole("cell").last().textContent() }).toEqual({
        by,
        count: String(all.length),
      });
    }
    // By team, eng would be 7 with this week's answer (and by role, manager one more).
    await page.goto(`${env().workerUrl}/admin/#/breakdowns?site=${seeded.internal}&groupBy=segment.team`);
    const eng = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "eng", exact: true }) });
    await eng
      .getByText(signed(npsOf(TWO_WEEKS_AGO.filter((a) => a.team === "eng").map((a) => a.score))), { exact: true })
      .waitFor();

    await page.goto(`${env().workerUrl}/admin/#/inbox?site=${seeded.internal}`);
    await page.getByText(strings.inbox.shown(RELEASED.length, false)).waitFor();
    expect(await page.locator("main").textContent()).not.toContain(seeded.openComment);
    await page.goto(`${env().workerUrl}/admin/#/inbox?site=${seeded.internal}&hasComment=true`);
    await page.getByText(strings.inbox.emptyFiltered).waitFor();
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
    expect(await headline.textContent()).not.toContain(strings.release.withheld);
    expect(await headline.locator(".figure").getAttribute("class")).not.toContain("withheld");
    await page.getByText(strings.overview.nothingYet).waitFor();
  });

  test("each view passes axe and fits a 375 px phone, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      // axe is injected as an inline script, which the dashboard's CSP (rightly) refuses.
      const page = await browser.newPage({ viewport: { width: 375, height: 800 }, colorScheme, bypassCSP: true });
      await signIn(page);
      const views: [string, string, () => Promise<void>][] = [
        [
          "overview",
          `site=${seeded.external}`,
          () =>
            page
              .getByRole("region", { name: strings.overview.figureName.nps, exact: true })
              .getByText(signed(npsOf(EXTERNAL)))
              .waitFor(),
        ],
        [
          "services",
          `owner=${seeded.owner}`,
          () => page.getByRole("row").filter({ hasText: seeded.serviceName }).waitFor(),
        ],
        ["overview", `site=${seeded.internal}`, () => page.getByText(periodLine(1)).waitFor()],
        [
          "services",
          `owner=${seeded.owner}`,
          () =>
            page
              .getByRole("row")
              .filter({ hasText: seeded.serviceName })
              .getByText(strings.common.responses(RELEASED.length))
              .waitFor(),
        ],
        [
          "breakdowns",
          `site=${seeded.internal}&groupBy=segment.team`,
          () => page.getByText(strings.release.several, { exact: true }).first().waitFor(),
        ],
      ];
      for (const [view, query, ready] of views) {
        await page.goto(`${env().workerUrl}/admin/#/${view}?${query}`);
        await ready();
        await page.locator("details").evaluateAll((elements) => {
          for (const element of elements) (element as HTMLDetailsElement).open = true;
        });
        expect({ view, colorScheme, violations: await axeViolations(page) }).toEqual({
          view,
          colorScheme,
          violations: [],
        });
        // Tables scroll inside their panels; the page itself never scrolls sideways.
        expect({ view, overflow: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({
          view,
          overflow: 375,
        });
      }
    }
  });
});
