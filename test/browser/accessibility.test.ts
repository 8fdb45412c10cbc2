import { describe, expect, test } from "vitest";
import { axeViolations, seedSurvey, servedWidgetPage, useBrowser, widgetConfig, widgetParts } from "./helpers";

const browser = useBrowser();

describe("accessibility (axe-core: WCAG 2.2 A/AA and best practices, shadow DOM included)", () => {
  test("no violations with the widget closed, open, or answered", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", topics: ["complaint", "praise"] });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);

    await widget.launcher.waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await widget.launcher.click();
    await widget.dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await widget.radio(8).click();
    await widget.send.click();
    await widget.thanks.waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
