import { describe, expect, test } from "vitest";
import { asked, configArrived, memory, notAsked, patchMemory, QUESTION, seedPrompt } from "./auto-prompt";
import { axeViolations, env, servedWidgetPage, useBrowser, widgetParts } from "./helpers";

const browser = useBrowser();

const AT_ONCE = [{ on: "pageview", delaySeconds: 0 }];
const DAY = 86_400_000;

/** Loads the page (again) and waits for the widget config, so that "not asked" is measured from armed triggers. */
async function visit(page: import("playwright-core").Page, url: string): Promise<void> {
  const arrived = configArrived(page);
  await page.goto(url);
  await arrived;
}

describe("fatigue: nobody is asked too often, by what their own browser remembers", () => {
  test("the display limit holds across page loads, and the button still opens the survey", async () => {
    const { site, survey, config } = await seedPrompt(
      { triggers: AT_ONCE, maxDisplays: 2 },
      { autoPrompt: { enabled: true, recontactDays: 0 } },
    );
    const url = await servedWidgetPage({ site, survey });
    const page = await browser.newPage();
    for (let view = 1; view <= 2; view++) {
      await visit(page, url);
      await asked(page).waitFor();
    }
    await visit(page, url);
    await notAsked(page);
    expect((await memory(page, site))!.shown[survey]).toBe(2);

    // A manual open ignores fatigue.
    const widget = widgetParts(page, config.strings);
    await widget.launcher.click();
    await widget.radio(9).waitFor();
    expect((await memory(page, site))!.shown[survey]).toBe(2);
  });

  test("external sites: no auto-prompt for recontactDays after a dismissal or an answer, then again", async () => {
    const { site, survey, config } = await seedPrompt({ triggers: AT_ONCE }, {});
    const url = await servedWidgetPage({ site, survey });
    const page = await browser.newPage();
    await visit(page, url);
    await asked(page).waitFor();
    await page.keyboard.press("Escape");
    await asked(page).waitFor({ state: "hidden" });
    const dismissedAt = (await memory(page, site))!.done!;
    expect(Math.abs(dismissedAt - Date.now())).toBeLessThan(60_000);
    await visit(page, url);
    await notAsked(page);

    // Six days later: still resting. Eight days later: asked again.
    await patchMemory(page, site, { done: Date.now() - 6 * DAY });
    await visit(page, url);
    await notAsked(page);
    await patchMemory(page, site, { done: Date.now() - 8 * DAY });
    await visit(page, url);
    await asked(page).waitFor();

    // An answer rests the site too.
    const widget = widgetParts(page, config.strings);
    await widget.radio(8).click();
    await widget.send.click();
    await widget.thanks.waitFor();
    expect((await memory(page, site))!.done!).toBeGreaterThan(Date.now() - 60_000);
    await visit(page, url);
    await notAsked(page);
  });

  test("internal sites ask once per reporting period, until the employee answers or dismisses", async () => {
    const { site, survey, config } = await seedPrompt(
      { triggers: AT_ONCE },
      { audience: "internal", dimensions: ["team"], autoPrompt: { enabled: true, recontactDays: 0 } },
    );
    const periodStart = Date.parse(config.prompt!.periodStart!);
    const url = await servedWidgetPage({ site, survey, "segment-team": "sales" });
    const page = await browser.newPage();
    // Ignored (the employee went on to another page): asked again on the next one.
    await visit(page, url);
    await asked(page).waitFor();
    await visit(page, url);
    await asked(page).waitFor();
    // Dismissed: not again this period, although recontactDays is 0.
    await page.keyboard.press("Escape");
    await asked(page).waitFor({ state: "hidden" });
    await visit(page, url);
    await notAsked(page);
    // The same dismissal, had it been in the period before this one: asked again.
    await patchMemory(page, site, { done: periodStart - 1 });
    await visit(page, url);
    await asked(page).waitFor();
  });

  test("the page may forbid auto-prompts: data-auto-prompt=off keeps the button only", async () => {
    const { site, survey, config } = await seedPrompt({ triggers: AT_ONCE });
    const page = await browser.newPage();
    await visit(page, await servedWidgetPage({ site, survey, "auto-prompt": "off" }));
    await notAsked(page);
    expect(await memory(page, site)).toBeNull();
    await widgetParts(page, config.strings).launcher.click();
    await asked(page).waitFor();
  });
});

describe("the auto-opened survey", () => {
  test("is a card: focus stays where it was, the page stays usable, a polite announcement; the close button dismisses", async () => {
    const { site, survey, config } = await seedPrompt({ triggers: [{ on: "pageview", delaySeconds: 1 }] });
    const page = await browser.newPage();
    await visit(page, await servedWidgetPage({ site, survey }, { body: `<label>Search <input id="search"></label>` }));
    const search = page.getByRole("textbox", { name: "Search" });
    await search.click();
    await search.pressSequentially("shoes");
    await asked(page).waitFor();
    // Not modal: the visitor goes on typing in the page, where the focus stayed.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search");
    await page.keyboard.type(" red");
    expect(await search.inputValue()).toBe("shoes red");
    expect(await page.getByRole("dialog").count()).toBe(0);
    await expect.poll(() => page.getByRole("status").filter({ hasText: QUESTION }).count()).toBe(1);
    await page.getByRole("button", { name: config.strings.close }).click();
    await asked(page).waitFor({ state: "hidden" });
    expect((await memory(page, site))!.done).toBeGreaterThan(Date.now() - 60_000);
  });

  test("passes axe", async () => {
    const { site, survey } = await seedPrompt({ triggers: AT_ONCE });
    const page = await browser.newPage();
    await visit(page, await servedWidgetPage({ site, survey }));
    await asked(page).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  test("opens under a strict CSP without a single violation", async () => {
    const { site, survey } = await seedPrompt({ triggers: [{ on: "scroll", percent: 10 }, ...AT_ONCE] });
    const { proxyUrl } = env();
    const csp = `default-src 'self'; script-src 'self' ${proxyUrl}; style-src 'self'; connect-src ${proxyUrl}`;
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const recorded = window as unknown as { violations: string[] };
      recorded.violations = [];
      document.addEventListener("securitypolicyviolation", (event) =>
        recorded.violations.push(event.violatedDirective),
      );
    });
    await visit(page, await servedWidgetPage({ site, survey }, {}, { "content-security-policy": csp }));
    await asked(page).waitFor();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  });
});
