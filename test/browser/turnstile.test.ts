import type { Page } from "playwright-core";
import { afterEach, describe, expect, test } from "vitest";
import { DUMMY_KEYS, DUMMY_TOKEN, fakeTurnstile, turnstileLog } from "./fake-turnstile-api";
import {
  answerWith,
  clearFault,
  env,
  htmlPage,
  proxyLog,
  recordPosts,
  seedSurvey,
  servedWidgetPage,
  servePage,
  setFault,
  useBrowser,
  waitFor,
  widgetConfig,
  widgetParts,
  widgetScript,
} from "./helpers";

const browser = useBrowser();
let faultySite: string | null = null;
afterEach(async () => {
  if (faultySite) await clearFault(faultySite);
  faultySite = null;
});

/** The page's CSP as the README asks of a site with Turnstile: Cloudflare's script and its frame, nothing inline. */
const turnstileCsp = () =>
  `default-src 'self'; script-src 'self' ${env().proxyUrl} https://challenges.cloudflare.com; ` +
  `frame-src https://challenges.cloudflare.com; style-src 'self'; connect-src ${env().proxyUrl}`;

type Recorded = { violations: string[] };
/** An init script: records CSP violations from the first script on. */
function recordViolations(): void {
  const recorded = window as unknown as Recorded;
  recorded.violations = [];
  document.addEventListener(
    "securitypolicyviolation",
    (event) => recorded.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    true,
  );
}

/** What waits in this browser's Turnstile queue (turnstile.js keeps those answers under their own key). */
async function turnstileQueue(page: Page): Promise<Record<string, unknown>[]> {
  const entries = await page.evaluate(
    () => JSON.parse(localStorage.getItem("feedloop:queue:turnstile") ?? "[]") as { body: string }[],
  );
  return entries.map((entry) => JSON.parse(entry.body) as Record<string, unknown>);
}

async function openTurnstilePage(site: string, survey: string, options?: Parameters<typeof fakeTurnstile>[1]) {
  const page = await browser.newPage();
  await page.addInitScript(recordViolations);
  const apiLoads = await fakeTurnstile(page, options);
  const scripts: string[] = [];
  page.on("request", (request) => void (request.resourceType() === "script" && scripts.push(request.url())));
  const posts = recordPosts(page);
  await page.goto(await servedWidgetPage({ site, survey }, {}, { "content-security-policy": turnstileCsp() }));
  return { page, apiLoads, scripts, posts };
}

describe("a site that wants Cloudflare Turnstile (fake api.js; the Worker cannot reach siteverify offline)", () => {
  test("the challenge comes in its own chunk, renders in the panel, and the answer carries its token; siteverify down (503) keeps it queued, and the next page sends it again with a new token", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", site: { turnstile: DUMMY_KEYS } });
    const config = await widgetConfig(site, survey);
    expect(config.turnstile).toEqual({ siteKey: DUMMY_KEYS.siteKey });
    const { page, apiLoads, scripts, posts } = await openTurnstilePage(site, survey);
    const widget = widgetParts(page, config.strings);

    // The chunk comes with the config; Cloudflare's script only once the form is on screen.
    await widget.launcher.waitFor();
    await waitFor(
      async () => scripts,
      (urls) => urls.some((url) => url === `${env().proxyUrl}/turnstile.js`),
      10_000,
      "turnstile.js",
    );
    expect(apiLoads()).toBe(0);
    await widget.launcher.click();
    await widget.dialog.waitFor();
    const rendered = await waitFor(
      () => turnstileLog(page),
      (log) => (log?.renders.length ?? 0) > 0,
      10_000,
      "turnstile.render",
    );
    // In the page (Turnstile cannot render in a shadow root), shown in the panel through its slot.
    expect(rendered!.renders).toEqual([
      {
        sitekey: DUMMY_KEYS.siteKey,
        action: "feedloop",
        appearance: "interaction-only",
        inDocument: true,
        slotted: true,
      },
    ]);
    expect(
      await page.evaluate(
        () => document.querySelector("[data-feedloop] > [slot=turnstile]")?.assignedSlot?.closest("dialog")?.open,
      ),
    ).toBe(true);
    expect(apiLoads()).toBe(1);

    await answerWith(widget, { score: 6, comment: "Behind a challenge" });
    // siteverify cannot be reached: 503, nothing stored, and the respondent is told it will be sent later.
    await widget.dialog.getByText(config.strings.queued).waitFor({ timeout: 20_000 });
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ site, survey, score: 6, turnstile: DUMMY_TOKEN, website: "" });
    expect((await proxyLog(site)).map((post) => post.workerStatus)).toEqual([503]);
    // A token is single use: the challenge started over for the next try, and the queue keeps the answer without it.
    expect((await turnstileLog(page))!.resets).toBeGreaterThanOrEqual(1);
    const waiting = await turnstileQueue(page);
    expect(waiting).toEqual([
      expect.objectContaining({ idempotencyKey: posts[0]!.idempotencyKey, comment: "Behind a challenge" }),
    ]);
    expect(waiting[0]).not.toHaveProperty("turnstile");
    // Not in the widget's own queue, which cannot get tokens and whose beacons would go without one.
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem("feedloop:queue") ?? "[]"))).toEqual([]);

    // The next page with the widget: the panel stays closed, yet the queued answer gets a challenge and a token.
    await page.reload();
    await waitFor(
      async () => posts.length,
      (count) => count >= 2,
      20_000,
      "the queued answer sent again",
    );
    expect(posts[1]).toMatchObject({
      idempotencyKey: posts[0]!.idempotencyKey,
      turnstile: DUMMY_TOKEN,
      comment: "Behind a challenge",
    });
    expect((await turnstileLog(page))!.renders).toEqual([
      expect.objectContaining({ inDocument: true, slotted: false }),
    ]);
    await waitFor(
      () => proxyLog(site),
      (log) => log.length >= 2 && log.every((post) => post.settled),
      20_000,
      "the retry to be answered",
    );
    expect(await turnstileQueue(page)).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as Recorded).violations)).toEqual([]);
  });

  test("a refused token (403) shows the error and keeps the form; sending again takes a fresh token", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", site: { turnstile: DUMMY_KEYS } });
    const config = await widgetConfig(site, survey);
    faultySite = site;
    await setFault(site, { status: 403 });
    const { page, posts } = await openTurnstilePage(site, survey);
    const widget = widgetParts(page, config.strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();

    await answerWith(widget, { score: 3, comment: "Try me again" });
    await widget.dialog.getByText(config.strings.error).waitFor({ timeout: 20_000 });
    // The server decided: nothing waits in the queue, and the answer is still in the form.
    expect(await turnstileQueue(page)).toEqual([]);
    expect(await widget.comment.inputValue()).toBe("Try me again");
    expect(await widget.radio(3).isChecked()).toBe(true);

    await clearFault(site);
    await widget.send.click();
    await widget.dialog.getByText(config.strings.queued).waitFor({ timeout: 20_000 });
    expect(posts.map((post) => post.turnstile)).toEqual([DUMMY_TOKEN, DUMMY_TOKEN]);
    expect(posts[1]!.idempotencyKey).not.toBe(posts[0]!.idempotencyKey);
    expect((await turnstileLog(page))!.resets).toBeGreaterThanOrEqual(2);
  });

  test("when Cloudflare's script cannot load, nothing is sent without a token: the answer stays queued", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", site: { turnstile: DUMMY_KEYS } });
    const config = await widgetConfig(site, survey);
    const { page, apiLoads, posts } = await openTurnstilePage(site, survey, { blocked: true });
    const widget = widgetParts(page, config.strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();

    await answerWith(widget, { score: 9, comment: "Offline challenge" });
    await widget.dialog.getByText(config.strings.queued).waitFor({ timeout: 20_000 });
    expect(apiLoads()).toBeGreaterThanOrEqual(1);
    expect(posts).toEqual([]);
    expect(await turnstileQueue(page)).toEqual([expect.objectContaining({ comment: "Offline challenge" })]);
  });

  test("inline in a <feedloop-widget>, the challenge renders at once, next to the form, and the answer carries its token", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", site: { turnstile: DUMMY_KEYS } });
    const config = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await fakeTurnstile(page);
    const posts = recordPosts(page);
    const body = `<feedloop-widget site="${site}" survey="${survey}"></feedloop-widget>${widgetScript({})}`;
    await page.goto(await servePage(htmlPage({ body })));
    const widget = widgetParts(page.locator("feedloop-widget"), config.strings);

    await widget.radio(4).waitFor();
    const log = await waitFor(
      () => turnstileLog(page),
      (logged) => (logged?.renders.length ?? 0) > 0,
      10_000,
      "turnstile.render",
    );
    expect(log!.renders).toEqual([expect.objectContaining({ inDocument: true, slotted: true })]);
    // The page's own element holds the challenge, and the form shows it just above the send button.
    expect(
      await page.evaluate(
        () => document.querySelector("feedloop-widget > [slot=turnstile]")?.assignedSlot?.nextElementSibling?.className,
      ),
    ).toBe("send");

    await answerWith(widget, { score: 4 });
    await widget.thanks.or(page.getByText(config.strings.queued)).waitFor({ timeout: 20_000 });
    expect(posts[0]).toMatchObject({ site, turnstile: DUMMY_TOKEN });
  });
});
