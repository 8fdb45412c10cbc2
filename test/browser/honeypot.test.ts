import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  answerWith,
  countResponses,
  focused,
  proxyLog,
  recordPosts,
  seedSurvey,
  servedWidgetPage,
  settledCount,
  useBrowser,
  waitFor,
  widgetConfig,
  widgetParts,
} from "./helpers";

const browser = useBrowser();

/** The honeypot as the page sees it: found in the widget's shadow root by what hides it. */
function honeypot(page: Page) {
  return page.evaluate(() => {
    const input = document
      .querySelector("[data-feedloop]")!
      .shadowRoot!.querySelector<HTMLInputElement>("input:not([type=radio])");
    if (!input) return null;
    const box = input.getBoundingClientRect();
    return {
      type: input.type,
      tabIndex: input.tabIndex,
      ariaHidden: input.getAttribute("aria-hidden"),
      autocomplete: input.getAttribute("autocomplete"),
      name: input.name,
      display: getComputedStyle(input).display,
      offScreen: box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth,
    };
  });
}

describe("the honeypot", () => {
  test("is in the form, off screen, out of the Tab order and hidden from assistive technology; a person's answer sends it empty", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    const posts = recordPosts(page);
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();

    // Rendered, not display:none (bots skip those), with nothing for autofill to recognise.
    expect(await honeypot(page)).toEqual({
      type: "text",
      tabIndex: -1,
      ariaHidden: "true",
      autocomplete: "off",
      name: "",
      display: "block",
      offScreen: true,
    });
    // No text box of the accessibility tree is it: the comment box is the only one.
    expect(await widget.dialog.getByRole("textbox").count()).toBe(1);
    // Tab goes round the whole dialog without ever landing on it.
    const reached = [];
    for (let presses = 0; presses < 20; presses++) {
      await page.keyboard.press("Tab");
      reached.push(await focused(page));
    }
    expect(reached.filter((element) => element?.tag === "input" && element.type === "text")).toEqual([]);
    expect(reached.some((element) => element?.tag === "textarea")).toBe(true);

    await answerWith(widget, { score: 8, comment: "A person" });
    await widget.thanks.waitFor();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ website: "" });
    expect(await settledCount(site, survey)).toBe(1);
  });

  test("filled in (by a bot), the answer gets the usual thanks and nothing is stored", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    const posts = recordPosts(page);
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();

    // What a form-filling bot does: every field gets a value, seen or not.
    await page.evaluate(() => {
      const input = document
        .querySelector("[data-feedloop]")!
        .shadowRoot!.querySelector<HTMLInputElement>("input:not([type=radio])")!;
      input.value = "https://spam.example";
    });
    await answerWith(widget, { score: 10, comment: "Buy now" });
    await widget.thanks.waitFor();
    expect(posts[0]).toMatchObject({ website: "https://spam.example" });
    await waitFor(
      () => proxyLog(site),
      (log) => log.length >= 1 && log.every((post) => post.settled),
      10_000,
      "the answer to be answered",
    );
    expect((await proxyLog(site)).map((post) => post.workerStatus)).toEqual([201]);
    expect(await countResponses(site, survey)).toBe(0);
  });
});
