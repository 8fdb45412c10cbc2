import { afterEach, describe, expect, test } from "vitest";
import {
  answerWith,
  clearFault,
  countResponses,
  proxyLog,
  seedSurvey,
  servedWidgetPage,
  setFault,
  useBrowser,
  waitFor,
  widgetConfig,
  widgetParts,
} from "./helpers";

const browser = useBrowser();
let faultySite: string | null = null;
afterEach(async () => {
  if (faultySite) await clearFault(faultySite);
  faultySite = null;
});

describe("an answer given offline", () => {
  test("is queued with a message, sent once back online, and never twice however often the page reloads", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();

    await page.context().setOffline(true);
    await answerWith(widget, { score: 4, comment: "Written on a train" });
    await widget.dialog.getByText(strings.queued).waitFor();
    expect(await countResponses(site, survey)).toBe(0);

    await page.context().setOffline(false);
    await page.reload();
    expect(
      await waitFor(
        () => countResponses(site, survey),
        (count) => count >= 1,
        10_000,
        "the queued answer",
      ),
    ).toBe(1);

    // Reloading again must not send it again, or a replay must be deduplicated by its idempotency key.
    await page.reload();
    await widget.launcher.waitFor();
    await page.waitForTimeout(2_000);
    await waitFor(
      () => proxyLog(site),
      (posts) => posts.every((post) => post.settled),
      10_000,
      "requests in flight to finish",
    );
    expect(await countResponses(site, survey)).toBe(1);
    expect(new Set((await proxyLog(site)).map((post) => post.idempotencyKey)).size).toBe(1);
  });

  test("a server error (503) queues the answer too, and it is stored once the server is back", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    faultySite = site;
    await setFault(site, { status: 503 });
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();

    await answerWith(widget, { score: 8 });
    await widget.dialog.getByText(strings.queued).waitFor();
    // The proxy answered it: the Worker has seen nothing yet.
    const failed = await proxyLog(site);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.every((post) => post.workerStatus === null)).toBe(true);

    await clearFault(site);
    await page.reload();
    expect(
      await waitFor(
        () => countResponses(site, survey),
        (count) => count >= 1,
        10_000,
        "the queued answer",
      ),
    ).toBe(1);
  });

  test("a rate limit (429) keeps the answer, and it is sent again a minute later without a reload", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    faultySite = site;
    await setFault(site, { status: 429 });
    const page = await browser.newPage();
    // The page's timers on a clock the test moves: the retry comes after 60 s, longer than a test may wait.
    await page.clock.install();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();

    await answerWith(widget, { score: 5 });
    await widget.dialog.getByText(strings.queued).waitFor();
    await clearFault(site);
    // No sooner than any Retry-After the server sends (at most 60 s)...
    await page.clock.runFor(55_000);
    expect((await proxyLog(site)).length).toBe(1);
    // ...and once the minute is up, from the same page.
    await page.clock.runFor(6_000);
    expect(
      await waitFor(
        () => countResponses(site, survey),
        (count) => count >= 1,
        10_000,
        "the retried answer",
      ),
    ).toBe(1);
    expect(new Set((await proxyLog(site)).map((post) => post.idempotencyKey)).size).toBe(1);
  });
});
