import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { FollowUp } from "../../schema/followup";
import type { UiStrings } from "../../schema/widget";
import {
  admin,
  axeViolations,
  env,
  focused,
  seedSurvey,
  servedWidgetPage,
  tabUntil,
  waitFor,
  widgetConfig,
  widgetParts,
} from "./helpers";
import { useBrowser } from "./browser";

/**
 * The conversation stays reachable (issue 14, item 6): once the team's reply has been read, the next page
 * shows the survey as usual, with a "Your feedback" entry back to every open thread, until the respondent
 * closes it or the answer is deleted. The thread shows the answer on top and each message's time.
 */

const browser = useBrowser();

const followUpKey = (site: string) => `feedloop:followups:${site}`;
const storedTokens = async (page: Page, site: string) =>
  (
    JSON.parse((await page.evaluate((key) => localStorage.getItem(key), followUpKey(site))) ?? "[]") as {
      token: string;
    }[]
  ).map((item) => item.token);

/** Answers in the open panel and returns the answer's id and follow-up token, as the Worker gave them. */
async function answer(page: Page, strings: UiStrings, choice: { name: string; comment?: string }) {
  const widget = widgetParts(page, strings);
  await widget.launcher.click();
  await widget.dialog.waitFor();
  const created = page.waitForResponse(
    (response) => response.url() === `${env().proxyUrl}/v1/responses` && response.request().method() === "POST",
  );
  await widget.dialog.getByRole("radio", { name: choice.name, exact: true }).click();
  if (choice.comment) await widget.comment.fill(choice.comment);
  await widget.send.click();
  const body = (await (await created).json()) as { id: string; followUp: string };
  await widget.thanks.waitFor();
  return body;
}

/** The thread as the Worker serves it to the respondent. */
const thread = (token: string) =>
  fetch(`${env().workerUrl}/v1/followup`, { headers: { "x-follow-up-token": token } }).then(
    (response) => response.json() as Promise<FollowUp>,
  );

/** Every `<time>` in the widget's shadow root: its datetime and its text. */
const times = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelector("[data-feedloop]")!.shadowRoot!.querySelectorAll("time")].map((time) => ({
      datetime: time.getAttribute("datetime"),
      text: time.textContent,
    })),
  );

/** What the widget should print for an instant: the survey's language, short date and time, the browser's zone. */
const shortTime = (page: Page, at: string, locale = "en") =>
  page.evaluate(
    ([instant, language]) =>
      new Intl.DateTimeFormat(language, { dateStyle: "short", timeStyle: "short" }).format(new Date(instant!)),
    [at, locale],
  );

describe("the conversation stays reachable", () => {
  test("after the reply is read, the survey shows with a way back to the thread, its answer and its times; closing it removes the way", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    const { id, followUp } = await answer(page, strings, { name: "2", comment: "The invoice page crashes" });
    await admin("POST", `/v1/responses/${id}/replies`, { text: "Thanks, fixed!" });

    // First visit after the reply: the thread shows first, as before.
    await page.reload();
    await widget.launcher.locator(":scope > :not(svg)").first().waitFor();
    await widget.launcher.click();
    await widget.dialog.getByText("Thanks, fixed!").waitFor();
    await page.keyboard.press("Escape");

    // Next page: the reply is read, so the survey shows, with the entry back to the thread.
    await page.reload();
    await widget.launcher.waitFor();
    expect(await widget.launcher.locator(":scope > :not(svg)").count()).toBe(0);
    await widget.launcher.click();
    await widget.radio(4).waitFor();
    const entry = widget.dialog.getByRole("button", { name: `${strings.yourFeedback} (1)`, exact: true });
    await entry.waitFor();
    // By keyboard: Tab reaches the entry, Enter opens the thread.
    await tabUntil(page, (element) => element?.name === `${strings.yourFeedback} (1)`, 20);
    await page.keyboard.press("Enter");
    await widget.dialog.getByText("Thanks, fixed!").waitFor();
    expect(await widget.radio(4).count()).toBe(0);

    // The answer on top, then the reply, each with its time.
    const served = await thread(followUp);
    const items = widget.dialog.getByRole("listitem");
    await expect.poll(() => items.allInnerTexts()).toHaveLength(2);
    const [given, reply] = await items.allInnerTexts();
    expect(given).toContain(strings.yourAnswer);
    expect(given).toContain("2/5");
    expect(given).toContain("The invoice page crashes");
    expect(reply).toContain(strings.team);
    expect(await times(page)).toEqual([
      { datetime: served.answer.at, text: await shortTime(page, served.answer.at) },
      { datetime: served.replies[0]!.at, text: await shortTime(page, served.replies[0]!.at) },
    ]);
    expect(await axeViolations(page)).toEqual([]);

    // Answering back shows the respondent's reply with its time too.
    await widget.dialog.getByRole("textbox").fill("Works now");
    await widget.dialog.getByRole("button", { name: strings.submit, exact: true }).click();
    await widget.dialog.getByText("Works now").waitFor();
    expect(await times(page)).toHaveLength(3);

    // Closing the conversation forgets its token; Undo brings it back; closed again, the entry is gone for good.
    await widget.dialog.getByRole("button", { name: strings.closeThread }).click();
    await widget.dialog.getByRole("status").filter({ hasText: strings.threadClosed }).waitFor();
    expect(await focused(page)).toMatchObject({ name: strings.undo });
    expect(await entry.count()).toBe(0);
    expect(await storedTokens(page, site)).toEqual([]);
    await page.keyboard.press("Enter");
    await widget.dialog.getByText("Thanks, fixed!").waitFor();
    expect(await storedTokens(page, site)).toEqual([followUp]);
    await widget.dialog.getByRole("button", { name: strings.closeThread }).click();
    await widget.dialog.getByRole("status").waitFor();
    await page.reload();
    await widget.launcher.click();
    await widget.radio(4).waitFor();
    expect(await storedTokens(page, site)).toEqual([]);
    expect(await widget.dialog.getByRole("button", { name: strings.yourFeedback }).count()).toBe(0);
    // Only this browser forgot it: the team still has the answer and its thread.
    expect((await thread(followUp)).replies).toHaveLength(2);
  });

  test("several conversations: the entry counts them and marks an unread reply, the list leads to each", async () => {
    const { site, survey } = await seedSurvey({ kind: "thumbs" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    const older = await answer(page, strings, { name: strings.thumbsDown, comment: "Search finds nothing" });
    await page.reload();
    const newer = await answer(page, strings, { name: strings.thumbsUp });
    await admin("POST", `/v1/responses/${older.id}/replies`, { text: "Which words did you search for?" });
    await admin("POST", `/v1/responses/${newer.id}/replies`, { text: "Glad it helped" });

    // Both unread: the newest answer's thread shows first; the other waits, marked, behind the entry.
    await page.reload();
    await widget.launcher.locator(":scope > :not(svg)").first().waitFor();
    await widget.launcher.click();
    await widget.dialog.getByText("Glad it helped").waitFor();
    expect(await widget.dialog.getByRole("listitem").first().textContent()).toContain(strings.thumbsUp);
    await widget.dialog.getByRole("button", { name: `${strings.yourFeedback} (2)`, exact: true }).click();
    const listed = widget.dialog.getByRole("listitem");
    await expect.poll(() => listed.count()).toBe(2);
    // Newest answer first; the unread one says so in its name.
    expect(await listed.nth(0).getByRole("button").getAttribute("aria-label")).toBeNull();
    expect(await listed.nth(1).getByRole("button").getAttribute("aria-label")).toMatch(
      new RegExp(`${strings.thumbsDown} Search finds nothing, ${strings.newReply}$`),
    );
    expect(await axeViolations(page)).toEqual([]);
    await listed.nth(1).getByRole("button").click();
    await widget.dialog.getByText("Which words did you search for?").waitFor();
    expect(await widget.dialog.getByRole("listitem").first().textContent()).toContain(strings.thumbsDown);

    // Both read now: the next page shows the survey, and the entry, unmarked, counts two.
    await page.reload();
    await widget.launcher.click();
    await widget.dialog.getByRole("radio", { name: strings.thumbsUp }).waitFor();
    const entry = widget.dialog.getByRole("button", { name: `${strings.yourFeedback} (2)`, exact: true });
    await entry.waitFor();
    expect(await entry.getAttribute("aria-label")).toBeNull();

    // A new reply, found while an answer is begun (replies.js held until then): the answer stays on screen,
    // and the entry says a reply is new.
    await admin("POST", `/v1/responses/${older.id}/replies`, { text: "We fixed the search" });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/replies.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.reload();
    await widget.launcher.click();
    const up = widget.dialog.getByRole("radio", { name: strings.thumbsUp });
    await up.click();
    release();
    const marked = `${strings.yourFeedback} (2), ${strings.newReply}`;
    await widget.dialog.getByRole("button", { name: marked, exact: true }).waitFor();
    expect(await up.isChecked()).toBe(true);
    expect(await widget.dialog.getByText("We fixed the search").count()).toBe(0);

    // On the next page, nothing begun, its conversation shows first.
    await page.unroute("**/replies.js");
    await page.reload();
    await widget.launcher.locator(":scope > :not(svg)").first().waitFor();
    await widget.launcher.click();
    await widget.dialog.getByText("We fixed the search").waitFor();
  });

  test("the 20 tokens a browser keeps drop answers without a conversation first", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    const { id, followUp } = await answer(page, strings, { name: "3", comment: "Slow delivery" });
    await admin("POST", `/v1/responses/${id}/replies`, { text: "Which order was it?" });
    await page.reload();
    await widget.launcher.locator(":scope > :not(svg)").first().waitFor();
    // 25 later answers without a reply (tokens the Worker does not know, the three newest of which it is asked
    // about): the conversation's token is the oldest of all, and still kept.
    const later = Array.from({ length: 25 }, (_, i) => ({ token: `later-answer-token-${String(i).padStart(2, "0")}` }));
    await page.evaluate(
      ([key, added]) =>
        localStorage.setItem(key!, JSON.stringify([...JSON.parse(localStorage.getItem(key!)!), ...added!])),
      [followUpKey(site), later] as const,
    );
    await page.reload();
    const kept = await waitFor(
      () => storedTokens(page, site),
      (tokens) => tokens.length === 20,
      10_000,
      "the list to be cut to 20",
    );
    expect(kept).toEqual([...later.slice(3, 22).map((item) => item.token), followUp]);
    await widget.launcher.click();
    await widget.dialog.getByText("Which order was it?").waitFor();
  });

  test("a deleted answer's thread disappears, and the browser forgets its token", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    const { id, followUp } = await answer(page, strings, { name: "1", comment: "Never arrived" });
    await admin("POST", `/v1/responses/${id}/replies`, { text: "Sorry, we are looking into it" });
    await page.reload();
    await widget.launcher.locator(":scope > :not(svg)").first().waitFor();
    await widget.launcher.click();
    await widget.dialog.getByText("Sorry, we are looking into it").waitFor();
    await page.reload();
    await widget.launcher.click();
    await widget.dialog.getByRole("button", { name: `${strings.yourFeedback} (1)`, exact: true }).waitFor();

    await admin("DELETE", `/v1/responses/${id}`);
    await page.reload();
    await waitFor(
      () => storedTokens(page, site),
      (tokens) => !tokens.includes(followUp),
      10_000,
      "the deleted answer's token to be forgotten",
    );
    await widget.launcher.click();
    await widget.radio(4).waitFor();
    expect(await widget.dialog.getByRole("button", { name: strings.yourFeedback }).count()).toBe(0);
  });
});
