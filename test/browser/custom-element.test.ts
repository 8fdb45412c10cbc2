import { describe, expect, test } from "vitest";
import {
  answerWith,
  htmlPage,
  seedSurvey,
  settledCount,
  servePage,
  useBrowser,
  widgetConfig,
  widgetParts,
  widgetScript,
} from "./helpers";

const browser = useBrowser();

describe("the <feedloop-widget> custom element", () => {
  test("renders inline from its attributes (script without data-site) and sends one answer", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    const body = `<feedloop-widget site="${site}" survey="${survey}"></feedloop-widget>${widgetScript({})}`;
    await page.goto(await servePage(htmlPage({ body })));

    const widget = widgetParts(page.locator("feedloop-widget"), strings);
    await widget.radio(6).waitFor();
    expect(await page.getByRole("button", { name: strings.button }).count()).toBe(0);

    await answerWith(widget, { score: 6, comment: "From a framework page" });
    await widget.thanks.waitFor();
    expect(await settledCount(site, survey)).toBe(1);
  });
});
