import { describe, expect, test } from "vitest";
import {
  answerWith,
  htmlPage,
  recordPosts,
  seedSurvey,
  servedWidgetPage,
  servePage,
  settledCount,
  useBrowser,
  widgetConfig,
  widgetParts,
  widgetScript,
} from "./helpers";

const browser = useBrowser();

describe("the respondent token", () => {
  test("data-respondent-token on the script tag is sent with the answer as `respondent`", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    const posts = recordPosts(page);
    await page.goto(await servedWidgetPage({ site, survey, "respondent-token": "v1.from-the-intranet.signature" }));
    const widget = widgetParts(page, strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();
    await answerWith(widget, { score: 7 });
    await widget.thanks.waitFor();
    expect(posts[0]).toMatchObject({ site, respondent: "v1.from-the-intranet.signature" });
    expect(await settledCount(site, survey)).toBe(1);
  });

  test("<feedloop-widget respondent-token> sends it too", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    const posts = recordPosts(page);
    const element = `<feedloop-widget site="${site}" survey="${survey}" respondent-token="v1.element.signature">`;
    const body = `${element}</feedloop-widget>${widgetScript({})}`;
    await page.goto(await servePage(htmlPage({ body })));
    const widget = widgetParts(page.locator("feedloop-widget"), strings);
    await answerWith(widget, { score: 5 });
    await widget.thanks.waitFor();
    expect(posts[0]).toMatchObject({ respondent: "v1.element.signature" });
  });
});
