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

type Thread = { status: string; replies: { from: "team" | "respondent"; text: string }[]; nextCursor: string | null };

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
      () => readThread(token!),
      (value) => value.replies?.length >= 2,
      5_000,
      "the respondent's reply",
    );
    expect(thread.replies.map(({ from, text }) => ({ from, text }))).toEqual([
      { from: "team", text: "Thanks, fixed!" },
      { from: "respondent", text: "Works now, thank you" },
    ]);
  });

  test("the token travels in X-Follow-Up-Token, never in a URL, and a thread longer than a page shows whole", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    const requests: { url: string; token: string | undefined }[] = [];
    page.on("request", (request) =>
      requests.push({ url: request.url(), token: request.headers()["x-follow-up-token"] }),
    );
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();
    const created = page.waitForResponse(
      (response) => response.url() === `${env().proxyUrl}/v1/responses` && response.request().method() === "POST",
    );
    await answerWith(widget, { score: 1, comment: "Nothing works" });
    const { id } = (await (await created).json()) as { id: string };
    await widget.thanks.waitFor();

    // 60 team replies: the newest is on the widget's second page of 50.
    for (let i = 1; i <= 60; i++) await admin("POST", `/v1/responses/${id}/replies`, { text: `Team reply ${i}` });
    await page.reload();
    // The badge: the replies view has read the thread.
    await widget.launcher.locator(":scope > :not(svg)").first().waitFor();
    await widget.launcher.click();
    // Each reply is "<b>Team</b>text" in its <li>.
    await widget.dialog.getByText(/Team reply 60$/).waitFor();
    await widget.dialog.getByText(/Team reply 1$/).waitFor();
    await widget.dialog.getByRole("textbox").fill("Thanks for all of them");
    await widget.dialog.getByRole("button", { name: strings.submit, exact: true }).click();
    await widget.dialog.getByText("Thanks for all of them").waitFor();

    const token = (await storedFollowUpToken(page, site))!;
    const followUpRequests = requests.filter((request) => request.url.includes("/v1/followup"));
    // Two pages of the thread and the reply; a preflight is not a request the page sees.
    expect(followUpRequests.length).toBeGreaterThanOrEqual(3);
    expect(followUpRequests.every((request) => request.token === token)).toBe(true);
    expect(requests.filter((request) => request.url.includes(token))).toEqual([]);
    // 62 replies: more than the widget's page of 50, which it followed.
    const firstPage = await readThread(token, "?limit=50");
    expect(firstPage.replies).toHaveLength(50);
    expect(firstPage.nextCursor).not.toBeNull();
  });
});

/** The first page of a thread, as the widget reads it: the token in the header. */
const readThread = (token: string, query = "") =>
  fetch(`${env().workerUrl}/v1/followup${query}`, { headers: { "x-follow-up-token": token } }).then(
    (response) => response.json() as Promise<Thread>,
  );
