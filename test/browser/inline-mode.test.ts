import { describe, expect, test } from "vitest";
import {
  answerWith,
  seedSurvey,
  settledCount,
  servedWidgetPage,
  useBrowser,
  widgetConfig,
  widgetParts,
} from "./helpers";

const browser = useBrowser();

describe("inline mode (data-target)", () => {
  test("renders the form inside the target element, with no floating button, and sends one answer", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(
      await servedWidgetPage(
        { site, survey, target: "#slot" },
        { body: `<section id="slot" aria-label="Feedback"></section>` },
      ),
    );

    const slot = page.locator("#slot");
    const widget = widgetParts(slot, strings);
    // The scale is there without opening anything, and it sits inside #slot, not in a corner.
    await widget.radio(10).waitFor();
    expect(await page.getByRole("button", { name: strings.button }).count()).toBe(0);
    expect(await page.getByRole("dialog").count()).toBe(0);

    await answerWith(widget, { score: 10, comment: "Inline works" });
    await widget.thanks.waitFor();
    expect(await settledCount(site, survey)).toBe(1);
  });
});
