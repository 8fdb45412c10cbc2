import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { FollowUp } from "../../schema/followup";
import { axeViolations, env, seedSurvey, servedWidgetPage, useBrowser, widgetConfig, widgetParts } from "./helpers";

const browser = useBrowser();

/** What a person sees of the panel's small print: its text, size and place (in the widget's shadow root). */
const smallPrint = (page: Page, text: string) =>
  page
    .getByRole("dialog")
    .getByText(text, { exact: true })
    .evaluate((element) => ({
      inShadowRoot: element.getRootNode() instanceof ShadowRoot,
      fontSize: parseFloat(getComputedStyle(element).fontSize),
      id: element.id,
    }));

describe("the widget tells employees who will see their answer", () => {
  test("the intranet's survey says it under the question, describing its dialog; the shop's does not", async () => {
    const settings = { audience: "internal", minGroupSize: 6, reportingPeriod: "month" };
    const intranet = await seedSurvey({ kind: "nps", site: settings });
    const shop = await seedSurvey({ kind: "nps" });
    const config = await widgetConfig(intranet.site, intranet.survey);
    expect(config.anonymity).toContain("at least 6\u00a0answers, after each month ends");

    const page = await browser.newPage();
    await page.goto(await servedWidgetPage(intranet));
    const widget = widgetParts(page, config.strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();
    const notice = await smallPrint(page, config.anonymity!);
    expect(notice.inShadowRoot).toBe(true);
    expect(notice.fontSize).toBeGreaterThanOrEqual(12);
    expect(await widget.dialog.getAttribute("aria-describedby")).toBe(notice.id);
    // Under the question, above the scale.
    const { dialog } = widget;
    const parts = [dialog.getByRole("heading"), dialog.getByText(config.anonymity!), dialog.getByRole("radiogroup")];
    const [question, text, scale] = await Promise.all(parts.map((part) => part.boundingBox().then((box) => box!.y)));
    expect(question).toBeLessThan(text!);
    expect(text).toBeLessThan(scale!);
    expect(await axeViolations(page)).toEqual([]);

    const shopConfig = await widgetConfig(shop.site, shop.survey);
    expect(shopConfig.anonymity).toBeNull();
    await page.goto(await servedWidgetPage(shop));
    await widget.launcher.click();
    await widget.send.waitFor();
    expect(await widget.dialog.getByText(/anonymous/i).count()).toBe(0);
    expect(await widget.dialog.locator("p").allTextContents()).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  test("in the visitor's language, inline too", async () => {
    const intranet = await seedSurvey({ kind: "csat", site: { audience: "internal", reportingPeriod: "week" } });
    const config = await widgetConfig(intranet.site, intranet.survey, "pl");
    const page = await browser.newPage();
    const body = `<div id="here"></div>`;
    await page.goto(await servedWidgetPage({ ...intranet, locale: "pl", target: "#here" }, { body }));
    const notice = page.getByText(config.anonymity!, { exact: true });
    await notice.waitFor();
    expect(config.anonymity).toContain("co najmniej 5\u00a0odpowiedzi, po zakończeniu każdego tygodnia");
    expect(await axeViolations(page)).toEqual([]);
  });

  test("the replies view of an intranet answer says what deleting it does", async () => {
    const intranet = await seedSurvey({ kind: "nps", site: { audience: "internal", reportingPeriod: "week" } });
    const config = await widgetConfig(intranet.site, intranet.survey);
    expect(config.deletion).toContain("until the results for its week are out");
    const page = await browser.newPage();
    // A team can reply to an employee's answer only once its week has closed and it is released, which a
    // test cannot wait for: this browser holds a follow-up token, and its thread is served as the Worker
    // serves one with a team reply. Everything else (the config, the sentence) comes from the Worker.
    const token = "browser-test-follow-up-token";
    await page.addInitScript(
      ([key, value]) => localStorage.setItem(key!, value!),
      [`feedloop:followups:${intranet.site}`, JSON.stringify([{ token, seen: 0 }])],
    );
    const reply = { from: "team", text: "Thanks, we are on it.", at: new Date().toISOString() } as const;
    const answer = {
      survey: intranet.survey,
      kind: "nps",
      score: 6,
      comment: null,
      service: null,
      at: reply.at,
    } as const;
    const thread: FollowUp = { status: "in_progress", answer, replies: [reply], nextCursor: null };
    const headers = { "access-control-allow-origin": "*", "cache-control": "no-store" };
    const isThread = (url: URL) => url.origin === new URL(env().proxyUrl).origin && url.pathname === "/v1/followup";
    await page.route(isThread, (route) =>
      route.request().headers()["x-follow-up-token"] === token
        ? route.fulfill({ status: 200, json: thread, headers })
        : route.continue(),
    );
    await page.goto(await servedWidgetPage(intranet));
    const widget = widgetParts(page, config.strings);
    await widget.launcher.click();
    await widget.dialog.getByText("Thanks, we are on it.").waitFor();
    const notice = await smallPrint(page, config.deletion!);
    expect(notice.inShadowRoot).toBe(true);
    expect(notice.fontSize).toBeGreaterThanOrEqual(12);
    expect(await axeViolations(page)).toEqual([]);
  });
});
