import { describe, expect, test } from "vitest";
import {
  admin,
  focused,
  seedSurvey,
  servedWidgetPage,
  settledCount,
  tabUntil,
  useBrowser,
  widgetConfig,
  widgetParts,
} from "./helpers";

const browser = useBrowser();

describe("the widget by keyboard alone", () => {
  test("Tab reaches the button, Enter opens, arrows pick a score, Enter sends, Escape closes back to it", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }, { body: `<p><a href="#top">A link on the page</a></p>` }));
    const widget = widgetParts(page, strings);
    await widget.launcher.waitFor();

    const isLauncher = (element: Awaited<ReturnType<typeof focused>>) =>
      element?.tag === "button" && element.name === strings.button;
    await tabUntil(page, isLauncher);
    await page.keyboard.press("Enter");
    await widget.dialog.waitFor();
    expect(await focused(page)).toMatchObject({ inDialog: true });

    // Escape on an open, unanswered panel closes it and gives focus back to the button.
    await page.keyboard.press("Escape");
    await widget.dialog.waitFor({ state: "detached" });
    expect(isLauncher(await focused(page))).toBe(true);

    await page.keyboard.press("Enter");
    await widget.dialog.waitFor();
    // Focus starts on the scale or on the dialog itself; from there Tab reaches the scale.
    const opened = await focused(page);
    const start = opened?.type === "radio" ? opened : await tabUntil(page, (element) => element?.type === "radio");
    expect(start).toMatchObject({ tag: "input", type: "radio", inDialog: true });
    for (let presses = 0; presses < 3; presses++) await page.keyboard.press("ArrowRight");
    const picked = await focused(page);
    // Scores are labelled by their number (en), so the name tells which one is picked.
    expect(picked).toMatchObject({ type: "radio", checked: true, name: String(Number(start!.name) + 3) });

    await tabUntil(page, (element) => element?.tag === "button" && element.name === strings.submit);
    await page.keyboard.press("Enter");
    await widget.thanks.waitFor();
    expect(await settledCount(site, survey)).toBe(1);
    const aggregate = await admin<{ total: { distribution: Record<string, number> } }>(
      "GET",
      `/v1/aggregates?site=${site}&survey=${survey}`,
    );
    expect(aggregate.total.distribution).toMatchObject({ [picked!.name]: 1 });

    // Soft, so the rest is still checked: focus lost to the page here strands a keyboard user.
    expect.soft(await focused(page), "focus after sending (the thank-you message)").toMatchObject({ inDialog: true });
    await page.keyboard.press("Escape");
    await widget.dialog.waitFor({ state: "detached" });
    expect(isLauncher(await focused(page))).toBe(true);
  });
});
