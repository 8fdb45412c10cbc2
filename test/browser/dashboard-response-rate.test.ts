import type { Page } from "playwright-core";
import { signIn } from "./dashboard-session";
import { beforeAll, describe, expect, test } from "vitest";
import { strings } from "../../dashboard/src/strings";
import { answerInClosedWeeks, respondAs, weekStart } from "./closed-periods";
import { admin, axeViolations, env, queryD1, uid, useBrowser } from "./helpers";

/**
 * Issue 14, item 5: the overview shows each survey's displays, responses and response rate, from an
 * aggregate of whole UTC days asked with tz=UTC (the only one the API gives displays for), and says why
 * where there is no rate rather than show 0 %.
 */
const browser = useBrowser();
const t = strings.rates;
const WEEK = 7 * 86_400_000;
/** West of UTC: the local 30 days end at 08:00 UTC the next day, so the rate's range ends a UTC day later. */
const ZONE = "America/Los_Angeles";

const seeded = { shop: "", shown: "", unshown: "", intranet: "", closed: "", open: "" };

let address = 0;
/** A display as the widget reports it, from the site's origin; each from another address (20 a minute each). */
async function display(site: string, survey: string, origin: string): Promise<void> {
  const response = await fetch(`${env().workerUrl}/v1/displays`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, "cf-connecting-ip": `203.0.113.${(address++ % 250) + 1}` },
    body: JSON.stringify({ site, survey }),
  });
  if (response.status !== 204) throw new Error(`POST /v1/displays → ${response.status} ${await response.text()}`);
}

const question = (text: string) => ({ kind: "nps", question: { en: text } });

beforeAll(async () => {
  Object.assign(seeded, {
    shop: uid("rate-shop"),
    shown: uid("shown"),
    unshown: uid("unshown"),
    intranet: uid("rate-intranet"),
    closed: uid("pulse"),
    open: uid("new-pulse"),
  });
  const shopOrigin = `https://${seeded.shop}.example`;
  await admin("PUT", `/v1/sites/${seeded.shop}`, {
    name: `Shop ${seeded.shop}`,
    audience: "external",
    origins: [shopOrigin],
  });
  await admin("PUT", `/v1/sites/${seeded.shop}/surveys/${seeded.shown}`, question("Shown ten times?"));
  await admin("PUT", `/v1/sites/${seeded.shop}/surveys/${seeded.unshown}`, question("Never reported shown?"));
  // 10 displays and 3 answers: 30 %. The other survey was answered once and no display was reported.
  for (let i = 0; i < 10; i++) await display(seeded.shop, seeded.shown, shopOrigin);
  for (const score of [9, 10, 4]) await respondAs(seeded.shop, shopOrigin, { survey: seeded.shown, score });
  await respondAs(seeded.shop, shopOrigin, { survey: seeded.unshown, score: 8 });

  // An intranet, weekly in UTC: last week's 5 answers (one release group) from 20 displays, 25 %; this week's
  // displays are counted nowhere until the week closes, for either survey.
  const intranetOrigin = `https://${seeded.intranet}.example`;
  const intranet = {
    name: `Intranet ${seeded.intranet}`,
    audience: "internal",
    origins: [intranetOrigin],
    dimensions: ["team"],
    minGroupSize: 5,
    reportingPeriod: "week",
    timeZone: "UTC",
  };
  await admin("PUT", `/v1/sites/${seeded.intranet}`, intranet);
  await admin("PUT", `/v1/sites/${seeded.intranet}/surveys/${seeded.closed}`, question("How was your week?"));
  await admin("PUT", `/v1/sites/${seeded.intranet}/surveys/${seeded.open}`, question("New this week?"));
  const lastWeek = [9, 8, 10, 7, 9].map((score) => ({ score, survey: seeded.closed, segment: { team: "ops" } }));
  await answerInClosedWeeks(seeded.intranet, intranet, intranetOrigin, [lastWeek]);
  // Last week's displays as POST /v1/displays counted them then: one row for the whole week.
  await queryD1(
    `INSERT INTO display_rollups (site_id, survey_id, bucket_start, bucket_end, count)
       VALUES ('${seeded.intranet}', '${seeded.closed}', ${weekStart() - WEEK}, ${weekStart()}, 20)`,
  );
  for (const survey of [seeded.closed, seeded.open, seeded.open])
    await display(seeded.intranet, survey, intranetOrigin);
});

const ratesOf = (page: Page) => page.getByRole("region", { name: t.title, exact: true });
/** A survey's row: its cells' text, as a manager reads them. */
async function rowOf(page: Page, survey: string): Promise<string[]> {
  const row = ratesOf(page).getByRole("row").filter({ hasText: survey });
  await row.waitFor();
  return (await row.getByRole("cell").allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
}

/** A local date `days` from today in `zone`, YYYY-MM-DD. */
function dayIn(zone: string, days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const written = (day: string) =>
  new Intl.DateTimeFormat("en", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );

describe("dashboard: response rate per survey", () => {
  test("a shop's surveys: displays, responses and the rate over whole UTC days, asked with tz=UTC; no CSP violation", async () => {
    const page = await browser.newPage({ timezoneId: ZONE });
    const refused: string[] = [];
    page.on(
      "console",
      (message) => void (/Content Security Policy/i.test(message.text()) && refused.push(message.text())),
    );
    const asked: URL[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/v1/aggregates" && url.searchParams.get("groupBy") === "site,survey") asked.push(url);
    });
    await signIn(page);
    await page.goto(`${env().workerUrl}/admin/#/overview?site=${seeded.shop}`);

    expect(await rowOf(page, seeded.shown)).toEqual([`Shop ${seeded.shop}`, "10", "3", "30%"]);
    expect(await rowOf(page, seeded.unshown)).toEqual([
      `Shop ${seeded.shop}`,
      "0",
      "1",
      `${t.notYet} ${t.why.noDisplays}`,
    ]);
    // The last 30 local days, widened to whole UTC days: in Los Angeles they end a UTC day later.
    const first = dayIn(ZONE, -29);
    const last = dayIn(ZONE, 1);
    await ratesOf(page)
      .getByText(t.utcDays(written(first), written(last)))
      .waitFor();
    expect(asked.at(-1)?.searchParams.get("tz")).toBe("UTC");
    expect([asked.at(-1)?.searchParams.get("from"), asked.at(-1)?.searchParams.get("to")]).toEqual([
      first,
      dayIn(ZONE, 2),
    ]);
    expect(refused).toEqual([]);
  });

  test("an intranet: last week's closed rate, and this week's displays “not available yet” with when they count", async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.goto(`${env().workerUrl}/admin/#/overview?site=${seeded.intranet}`);
    const site = `Intranet ${seeded.intranet}`;
    // This week's display of the same survey is not among the 20: its period is open.
    expect(await rowOf(page, seeded.closed)).toEqual([site, "20", "5", "25%"]);
    const appear = new Intl.DateTimeFormat("en", {
      weekday: "long",
      day: "numeric",
      month: "long",
      timeZone: "UTC",
    }).format(new Date(weekStart() + WEEK));
    expect(await rowOf(page, seeded.open)).toEqual([site, "0", "0", `${t.notYet} ${t.why.openPeriod(appear)}`]);
    await ratesOf(page).getByText(t.employeesNote).waitFor();
  });

  test("an intranet whose answers were released across surveys: each survey's own rate, and one for them all", async () => {
    // 3 answers to one survey and 2 to another, in one team: too few apart, so one group of 5 whose survey
    // reads "several" (worker/domain/release-groups.ts), and the first survey's own rate counts none of them.
    const site = uid("pooled-intranet");
    const [few, fewer] = [uid("few"), uid("fewer")];
    const origin = `https://${site}.example`;
    const config = {
      name: `Pooled ${site}`,
      audience: "internal",
      origins: [origin],
      dimensions: ["team"],
      minGroupSize: 5,
      reportingPeriod: "week",
      timeZone: "UTC",
    };
    await admin("PUT", `/v1/sites/${site}`, config);
    for (const survey of [few, fewer]) await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, question("Pulse?"));
    const answers = [
      ...[9, 8, 7].map((score) => ({ score, survey: few, segment: { team: "ops" } })),
      ...[6, 10].map((score) => ({ score, survey: fewer, segment: { team: "ops" } })),
    ];
    await answerInClosedWeeks(site, config, origin, [answers]);
    await queryD1(
      `INSERT INTO display_rollups (site_id, survey_id, bucket_start, bucket_end, count)
         VALUES ('${site}', '${few}', ${weekStart() - WEEK}, ${weekStart()}, 12),
                ('${site}', '${fewer}', ${weekStart() - WEEK}, ${weekStart()}, 8)`,
    );
    const page = await browser.newPage();
    await signIn(page);
    await page.goto(`${env().workerUrl}/admin/#/overview?site=${site}`);
    const name = `Pooled ${site}`;
    for (const survey of [few, fewer])
      expect(await rowOf(page, survey)).toEqual([
        name,
        survey === few ? "12" : "8",
        "0",
        `${t.notYet} ${t.why.pooledOnly}`,
      ]);
    expect(await rowOf(page, t.allSurveysOf(name))).toEqual([name, "20", "5", "25%"]);
  });

  test("the table passes axe and keeps a 375 px phone from scrolling sideways, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      // axe is injected as an inline script, which the dashboard's CSP (rightly) refuses.
      const page = await browser.newPage({ viewport: { width: 375, height: 800 }, colorScheme, bypassCSP: true });
      const pending = new Set<string>();
      page.on("request", (request) => void pending.add(request.url()));
      page.on("requestfinished", (request) => void pending.delete(request.url()));
      page.on("requestfailed", (request) => void pending.delete(request.url()));
      await signIn(page);
      for (const site of [seeded.shop, seeded.intranet]) {
        await page.goto(`${env().workerUrl}/admin/#/overview?site=${site}`);
        await ratesOf(page)
          .getByText(t.notYet)
          .first()
          .waitFor()
          .catch(async (error: Error) => {
            const screen = await page.locator("main").textContent();
            throw new Error(`${error.message}\nOn screen: ${screen}\nStill loading: ${[...pending].join(", ")}`);
          });
        expect({ site, colorScheme, violations: await axeViolations(page) }).toEqual({
          site,
          colorScheme,
          violations: [],
        });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
      }
    }
  });
});
