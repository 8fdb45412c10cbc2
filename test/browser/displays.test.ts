import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  admin,
  answerWith,
  htmlPage,
  seedSurvey,
  servePage,
  servedWidgetPage,
  settledCount,
  useBrowser,
  waitFor,
  widgetConfig,
  widgetParts,
  widgetScript,
} from "./helpers";

const browser = useBrowser();

type Figures = { count: number; displays?: number; responseRate?: number | null };

/** The survey's figures for today, a whole UTC day, as GET /v1/aggregates gives displays (README). */
async function today(site: string, survey: string): Promise<Figures> {
  const day = (offset: number) => new Date(Date.now() + offset * 864e5).toISOString().slice(0, 10);
  const query = `site=${site}&survey=${survey}&from=${day(0)}&to=${day(1)}&tz=UTC`;
  return (await admin<{ total: Figures }>("GET", `/v1/aggregates?${query}`)).total;
}

/** The displays the page has posted so far, as the browser sent them. */
function recordDisplays(page: Page): { site: string; survey: string }[] {
  const bodies: { site: string; survey: string }[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/v1/displays")
      bodies.push(JSON.parse(request.postData() ?? "null"));
  });
  return bodies;
}

const displaysReach = (site: string, survey: string, expected: number) =>
  waitFor(
    () => today(site, survey),
    (figures) => (figures.displays ?? 0) >= expected,
    10_000,
    `${expected} displays`,
  );

describe("displays: each time the form is shown, one POST /v1/displays", () => {
  test("a floating widget counts each opening once, not its re-renders; an inline one once it is on screen; the response rate is answers ÷ displays", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    const posted = recordDisplays(page);
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);

    // The button alone is not a showing of the survey.
    await widget.launcher.waitFor();
    await page.waitForTimeout(1_000);
    expect(posted).toEqual([]);

    await widget.launcher.click();
    await widget.dialog.waitFor();
    await displaysReach(site, survey, 1);
    // Picking, typing and a refused send re-render the form: the same showing.
    await widget.radio(7).click();
    await widget.comment.fill("Still deciding");
    await page.waitForTimeout(500);
    expect(posted).toEqual([{ site, survey }]);

    // Closed and opened again: a second showing, answered this time.
    await page.keyboard.press("Escape");
    await widget.dialog.waitFor({ state: "detached" });
    await widget.launcher.click();
    await widget.dialog.waitFor();
    await answerWith(widget, { score: 9 });
    await widget.thanks.waitFor();
    expect(await settledCount(site, survey)).toBe(1);
    await displaysReach(site, survey, 2);
    expect(posted).toHaveLength(2);

    // Inline, below the fold: shown (and counted) only once it is scrolled into view.
    const spacer = `<div style="height: 3000px">Scroll down</div><div id="here"></div>`;
    const inlinePage = await browser.newPage();
    const inlinePosted = recordDisplays(inlinePage);
    await inlinePage.goto(
      await servePage(
        htmlPage({
          body: `${spacer}${widgetScript({ "data-site": site, "data-survey": survey, "data-target": "#here" })}`,
        }),
      ),
    );
    const inline = widgetParts(inlinePage, strings);
    await inline.send.waitFor({ state: "attached" });
    await inlinePage.waitForTimeout(1_000);
    expect(inlinePosted).toEqual([]);
    await inline.radio(3).scrollIntoViewIfNeeded();
    await displaysReach(site, survey, 3);
    await answerWith(inline, { score: 3 });
    await inline.thanks.waitFor();
    expect(inlinePosted).toHaveLength(1);

    await waitFor(
      () => today(site, survey),
      (figures) => figures.count === 2,
      10_000,
      "both answers in the aggregate",
    );
    const figures = await today(site, survey);
    expect(figures).toMatchObject({ count: 2, displays: 3 });
    expect(figures.responseRate).toBeCloseTo(2 / 3, 2);
  });
});
