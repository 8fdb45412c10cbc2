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

describe("a page left right after sending, while the server is slow", () => {
  test("the answer still arrives, by beacon with the same idempotency key, and is stored exactly once", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    faultySite = site;
    await setFault(site, { delayMs: 5_000 });
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    const widget = widgetParts(page, strings);
    await widget.launcher.click();
    await widget.dialog.waitFor();

    await answerWith(widget, { score: 2, comment: "Leaving now" });
    // The slow request is held by the proxy; the visitor leaves before it is answered (pagehide fires).
    await waitFor(
      () => proxyLog(site),
      (posts) => posts.length >= 1,
      5_000,
      "the request to reach the server",
    );
    await page.goto("about:blank");

    const posts = await waitFor(
      () => proxyLog(site),
      (log) => log.length >= 2 && log.every((post) => post.settled),
      15_000,
      "the beacon and the slow request to finish",
    );
    expect(new Set(posts.map((post) => post.idempotencyKey)).size).toBe(1);
    expect(posts[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/i);
    expect(await countResponses(site, survey)).toBe(1);

    // Back on the site later: whatever is still queued is replayed under the same key, and still counted once.
    await clearFault(site);
    await page.goto(await servedWidgetPage({ site, survey }));
    await widget.launcher.waitFor();
    await page.waitForTimeout(2_000);
    const later = await waitFor(
      () => proxyLog(site),
      (log) => log.every((post) => post.settled),
      10_000,
      "replays to finish",
    );
    expect(new Set(later.map((post) => post.idempotencyKey)).size).toBe(1);
    expect(await countResponses(site, survey)).toBe(1);
  });
});
