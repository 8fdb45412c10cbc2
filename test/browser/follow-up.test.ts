import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  admin,
  answerWith,
  env,
  seedSurvey,
  servedWidgetPage,
  useBrowser,
  waitFor,
  widgetConfig,
  widgetParts,
} from "./helpers";

const browser = useBrowser();

type Thread = { status: string; replies: { from: "team" | "respondent"; text: string }[] };

/** The newest follow-up token this browser keeps for the site (stored as strings, or as {token} records). */
async function storedFollowUpToken(page: Page, site: string): Promise<string | null> {
  const stored = await page.evaluate((key) => localStorage.getItem(key), `feedloop:followups:${site}`);
  const items = JSON.parse(stored ?? "[]") as (string | { token: string })[];
  const newest = items.at(-1);
  return typeof newest === "string" ? newest : (newest?.token ?? null);
}

describe("follow-up: the team replies, the respondent reads it and answers back", () => {
  test("a reply shows as a badge, reads as text in the panel; the respondent's answer reaches the team", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    // Anything in the launcher besides its icon and label text is a badge.
    const badge = widget.launcher.locator(":scope > :not(svg)");

    await widget.launcher.click();
    await widget.dialog.waitFor();
    const created = page.waitForResponse(
      (response) => response.url() === `${env().proxyUrl}/v1/responses` && response.request().method() === "POST",
    );
    await answerWith(widget, { score: 2, comment: "The invoice page crashes" });
    const { id } = (await (await created).json()) as { id: string };
    await widget.thanks.waitFor();
    await page.reload();
    await widget.launcher.waitFor();
    expect(await badge.count()).toBe(0);

    await admin("POST", `/v1/responses/${id}/replies`, { text: "Thanks, fixed!" });
    await page.reload();
    await badge.first().waitFor();

    await widget.launcher.click();
    await widget.dialog.getByText("Thanks, fixed!").waitFor();
    await widget.dialog.getByRole("textbox").fill("Works now, thank you");
    await widget.dialog.getByRole("button", { name: strings.submit, exact: true }).click();
    await widget.dialog.getByText("Works now, thank you").waitFor();

    const token = await storedFollowUpToken(page, site);
    expect(token).toBeTruthy();
    const thread = await waitFor(
      () => fetch(`${env().workerUrl}/v1/followups/${token}`).then((response) => response.json() as Promise<Thread>),
      (value) => value.replies?.length >= 2,
      5_000,
      "the respondent's reply",
    );
    expect(thread.replies.map(({ from, text }) => ({ from, text }))).toEqual([
      { from: "team", text: "Thanks, fixed!" },
      { from: "respondent", text: "Works now, thank you" },
    ]);
  });
});
