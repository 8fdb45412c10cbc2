import type { Locator, Page } from "playwright-core";
import { recordCspViolations, signIn } from "./dashboard-session";
import { describe, expect, test } from "vitest";
import { strings } from "../../dashboard/src/strings";
import { admin, axeViolations, focusMovesTo, seedSurvey, useBrowser } from "./helpers";

/**
 * Issue 14: an admin sets when a survey asks by itself (triggers, pages, segment rules, sample, display
 * limit) in the survey form, and the site's auto-prompt switch in the site form; the API's 422 problems
 * show next to their fields.
 */
const browser = useBrowser();
const t = strings.prompt;
const c = strings.config;

/** The survey's form, opened from its card in the configuration. */
async function openSurveyForm(page: Page, site: string, survey: string): Promise<Locator> {
  await page.getByRole("link", { name: strings.nav.config }).click();
  await page.getByLabel(c.surveysOf).selectOption(site);
  await page.getByRole("button", { name: `${c.edit} ${survey}` }).click();
  const form = page.getByRole("form", { name: c.editSurvey(survey) });
  await form.waitFor();
  return form;
}

/** Adds a trigger of kind `on` and types its setting, as a person would. */
async function addTrigger(form: Locator, n: number, on: string, setting?: string): Promise<void> {
  await form.getByRole("button", { name: t.addTrigger }).click();
  const kind = form.getByRole("combobox", { name: t.trigger(n), exact: true });
  await focusMovesTo(kind);
  await kind.selectOption(on);
  if (setting !== undefined) await form.getByLabel(t.setting[on]!).nth(-1).fill(setting);
}

const EXPECTED = {
  triggers: [
    { on: "pageview", delaySeconds: 10 },
    { on: "scroll", percent: 60 },
    { on: "click", selector: "#buy" },
    { on: "event", name: "checkout_completed" },
    { on: "exit" },
  ],
  pages: { include: ["/checkout/*", "/cart"], exclude: ["/checkout/help*"] },
  segment: [{ dimension: "plan", op: "ne", value: "free" }],
  sample: 25,
  maxDisplays: 3,
};

describe("dashboard: asking by itself", () => {
  test("the site's switch and a survey's triggers, targeting and fatigue are saved and shown after a reload", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", site: { dimensions: ["plan"] } });
    const page = await browser.newPage();
    const refused = recordCspViolations(page);
    await signIn(page);

    // The site's switch, with its wait before asking a visitor again.
    await page.getByRole("link", { name: strings.nav.config }).click();
    await page.getByRole("button", { name: `${c.edit} Browser test ${site}` }).click();
    const siteForm = page.getByRole("form", { name: c.editSite(`Browser test ${site}`) });
    await siteForm.getByRole("checkbox", { name: c.autoPromptEnabled }).check();
    await siteForm.getByRole("spinbutton", { name: c.recontactDays }).fill("14");
    await siteForm.getByRole("button", { name: strings.common.save }).click();
    await page.getByText(c.savedSite(`Browser test ${site}`)).waitFor();

    const form = await openSurveyForm(page, site, survey);
    await form.getByRole("checkbox", { name: t.enabled }).check();
    // The first trigger is there already: a page view, whose delay is set; then one of each other kind,
    // and a spare one removed again.
    await form.getByRole("spinbutton", { name: t.setting.pageview }).fill("10");
    await addTrigger(form, 2, "scroll", "60");
    await addTrigger(form, 3, "pageview", "1");
    await addTrigger(form, 4, "click", "#buy");
    await addTrigger(form, 5, "event", "checkout_completed");
    await addTrigger(form, 6, "exit");
    await form.getByRole("button", { name: `${c.remove} ${t.trigger(3)}` }).click();
    await focusMovesTo(form.getByRole("combobox", { name: t.trigger(3), exact: true }));
    await form.getByRole("textbox", { name: t.include }).fill("/checkout/*\n/cart");
    await form.getByRole("textbox", { name: t.exclude }).fill("/checkout/help*");
    await form.getByRole("button", { name: t.addRule }).click();
    await form.getByRole("combobox", { name: t.ruleOp(1) }).selectOption("ne");
    await form.getByRole("textbox", { name: t.ruleValue(1) }).fill("free");
    await form.getByRole("spinbutton", { name: t.sample }).fill("25");
    await form.getByRole("spinbutton", { name: t.maxDisplays }).fill("3");
    await form.getByRole("button", { name: strings.common.save }).click();
    await page.getByText(c.savedSurvey(survey)).waitFor();

    expect(await admin<{ prompt: unknown }>("GET", `/v1/sites/${site}/surveys/${survey}`)).toMatchObject({
      prompt: EXPECTED,
    });
    expect(await admin<{ autoPrompt: unknown }>("GET", `/v1/sites/${site}`)).toMatchObject({
      autoPrompt: { enabled: true, recontactDays: 14 },
    });

    // After a reload: the cards say it, and the forms hold every value as saved.
    await page.reload();
    await page.getByRole("link", { name: strings.nav.config }).click();
    await page.getByText(c.autoPromptOn(14)).waitFor();
    await page.getByLabel(c.surveysOf).selectOption(site);
    await page
      .getByText(
        "page view after 10 s, scrolled 60%, click on #buy, event checkout_completed, exit intent; " +
          "on /checkout/*, /cart; not on /checkout/help*; plan is not free; 25% of visitors; at most 3 times per browser",
      )
      .waitFor();
    const reopened = await openSurveyForm(page, site, survey);
    const kinds = [];
    for (let n = 1; n <= 5; n++)
      kinds.push(await reopened.getByRole("combobox", { name: t.trigger(n), exact: true }).inputValue());
    expect(kinds).toEqual(["pageview", "scroll", "click", "event", "exit"]);
    expect(await reopened.getByRole("spinbutton", { name: t.setting.pageview }).inputValue()).toBe("10");
    expect(await reopened.getByRole("spinbutton", { name: t.setting.scroll }).inputValue()).toBe("60");
    expect(await reopened.getByRole("textbox", { name: t.setting.click }).inputValue()).toBe("#buy");
    expect(await reopened.getByRole("textbox", { name: t.setting.event }).inputValue()).toBe("checkout_completed");
    expect(await reopened.getByRole("textbox", { name: t.include }).inputValue()).toBe("/checkout/*\n/cart");
    expect(await reopened.getByRole("combobox", { name: t.ruleOp(1) }).inputValue()).toBe("ne");
    expect(await reopened.getByRole("spinbutton", { name: t.sample }).inputValue()).toBe("25");
    expect(await reopened.getByRole("spinbutton", { name: t.maxDisplays }).inputValue()).toBe("3");
    expect(refused).toEqual([]);
  });

  test("a bad page pattern or event name shows the API's message at its field, and nothing is saved", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const page = await browser.newPage();
    await signIn(page);
    const form = await openSurveyForm(page, site, survey);
    await form.getByRole("checkbox", { name: t.enabled }).check();
    await form.getByRole("combobox", { name: t.trigger(1), exact: true }).selectOption("event");
    await form.getByRole("textbox", { name: t.setting.event }).fill("checkout completed");
    const include = form.getByRole("textbox", { name: t.include });
    await include.fill("/cart\ncheckout/*");
    await form.getByRole("button", { name: strings.common.save }).click();

    // The schema's own words (schema/prompt.ts), each at the line or the row it is about.
    await form
      .getByText("Line 2: must be a path such as /checkout/* (start with / or *; no query, fragment or space)")
      .waitFor();
    expect(await include.getAttribute("aria-invalid")).toBe("true");
    await form
      .getByText("Trigger 1 (name): must be 1 to 64 letters, digits, or _ . : - (e.g. checkout_completed)")
      .waitFor();
    expect(await admin<{ prompt: unknown }>("GET", `/v1/sites/${site}/surveys/${survey}`)).toMatchObject({
      prompt: null,
    });

    await include.fill("/cart\n/checkout/*");
    await form.getByRole("textbox", { name: t.setting.event }).fill("checkout_completed");
    await form.getByRole("button", { name: strings.common.save }).click();
    await page.getByText(c.savedSurvey(survey)).waitFor();
    expect(await admin<{ prompt: unknown }>("GET", `/v1/sites/${site}/surveys/${survey}`)).toMatchObject({
      prompt: { triggers: [{ on: "event", name: "checkout_completed" }], pages: { include: ["/cart", "/checkout/*"] } },
    });
  });

  test("both forms pass axe with every kind of row open, on a 375 px phone, light and dark", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", site: { dimensions: ["plan"] } });
    for (const colorScheme of ["light", "dark"] as const) {
      // axe is injected as an inline script, which the dashboard's CSP (rightly) refuses.
      const page = await browser.newPage({ viewport: { width: 375, height: 800 }, colorScheme, bypassCSP: true });
      await signIn(page);
      await page.getByRole("link", { name: strings.nav.config }).click();
      await page.getByRole("button", { name: `${c.edit} Browser test ${site}` }).click();
      await page.getByRole("checkbox", { name: c.autoPromptEnabled }).waitFor();
      expect({ colorScheme, form: "site", violations: await axeViolations(page) }).toEqual({
        colorScheme,
        form: "site",
        violations: [],
      });
      await page.getByRole("button", { name: strings.common.cancel }).click();
      const form = await openSurveyForm(page, site, survey);
      await form.getByRole("checkbox", { name: t.enabled }).check();
      await addTrigger(form, 2, "exit");
      await addTrigger(form, 3, "click", "#buy");
      await form.getByRole("button", { name: t.addRule }).click();
      await form.getByRole("textbox", { name: t.include }).fill("no-slash");
      await form.getByRole("button", { name: strings.common.save }).click();
      await form.getByText(/^Line 1: must be a path/).waitFor();
      expect({ colorScheme, form: "survey", violations: await axeViolations(page) }).toEqual({
        colorScheme,
        form: "survey",
        violations: [],
      });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
    }
  });
});
