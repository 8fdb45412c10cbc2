import { describe, expect, test } from "vitest";
import {
  answerWith,
  seedSurvey,
  settledCount,
  servedWidgetPage,
  storedResponses,
  useBrowser,
  widgetConfig,
  widgetParts,
} from "./helpers";

const browser = useBrowser();

describe("the script tag on an embedding site", () => {
  test("a visitor opens the button, picks a score, comments, sends: one stored answer with the comment", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));

    const widget = widgetParts(page, strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();
    await answerWith(widget, { score: 9, comment: "Fast checkout, thank you" });
    await widget.thanks.waitFor();

    expect(await settledCount(site, survey)).toBe(1);
    const rows = await storedResponses(site);
    expect(rows).toEqual([expect.objectContaining({ score: 9, comment: "Fast checkout, thank you" })]);
  });
});
