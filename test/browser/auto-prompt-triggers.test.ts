import { describe, expect, test } from "vitest";
import { asked, configArrived, memory, notAsked, seedPrompt, seedRandom, setPrompt } from "./auto-prompt";
import { env, htmlPage, servedWidgetPage, servePage, useBrowser, widgetScript } from "./helpers";

const browser = useBrowser();

/** Page content tall enough to scroll: 4 screens. */
const TALL = `<div style="height: 400vh">Long article</div>`;

describe("triggers: the survey asks by itself, at the moment set on the server", () => {
  test("a page view after delaySeconds, not before", async () => {
    const { site, survey } = await seedPrompt({ triggers: [{ on: "pageview", delaySeconds: 2 }] });
    const page = await browser.newPage();
    const arrived = configArrived(page);
    await page.goto(await servedWidgetPage({ site, survey }));
    await arrived;
    const armedAt = Date.now();
    await notAsked(page, 1_000);
    await asked(page).waitFor();
    expect(Date.now() - armedAt).toBeGreaterThanOrEqual(1_900);
  });

  test("scroll depth: once the visitor has scrolled that share of the page; a page that cannot scroll at once", async () => {
    const { site, survey } = await seedPrompt({ triggers: [{ on: "scroll", percent: 50 }] });
    const page = await browser.newPage();
    const arrived = configArrived(page);
    await page.goto(await servedWidgetPage({ site, survey }, { body: TALL }));
    await arrived;
    const scrollShare = (share: number) =>
      page.evaluate((to) => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * to), share);
    await notAsked(page, 500);
    await scrollShare(0.4);
    await notAsked(page, 500);
    await scrollShare(0.55);
    await asked(page).waitFor();

    const short = await browser.newPage();
    await short.goto(await servedWidgetPage({ site, survey }));
    await asked(short).waitFor();
  });

  test("exit intent: the pointer leaving through the top edge on a desktop; never on a touch screen", async () => {
    const { site, survey } = await seedPrompt({ triggers: [{ on: "exit" }] });
    const url = await servedWidgetPage({ site, survey }, { body: `<p id="far">Far down</p>` });
    const page = await browser.newPage();
    const arrived = configArrived(page);
    await page.goto(url);
    await arrived;
    // Moving within the page, and leaving it downwards or sideways, is no exit.
    await page.mouse.move(300, 300);
    await page.mouse.move(300, 100, { steps: 5 });
    await page.evaluate(() =>
      document.body.dispatchEvent(new MouseEvent("mouseout", { bubbles: true, clientX: 300, clientY: 700 })),
    );
    await notAsked(page, 500);
    // Chromium sends a `mouseout` with no relatedTarget when the pointer leaves the viewport at its top.
    await page.mouse.move(300, 10, { steps: 3 });
    await page.mouse.move(300, -20, { steps: 3 });
    await asked(page).waitFor();

    const phone = await browser.newPage({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    const phoneArrived = configArrived(phone);
    await phone.goto(url);
    await phoneArrived;
    await phone.evaluate(() =>
      document.body.dispatchEvent(new MouseEvent("mouseout", { bubbles: true, clientX: 100, clientY: -1 })),
    );
    await notAsked(phone);
  });

  test("a click on an element matching the selector, or inside one; an invalid selector is skipped with one warning", async () => {
    const { site, survey } = await seedPrompt({
      triggers: [
        { on: "click", selector: "!not a selector" },
        { on: "click", selector: "#buy" },
      ],
    });
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
    const arrived = configArrived(page);
    await page.goto(
      await servedWidgetPage(
        { site, survey },
        { body: `<button id="other">Other</button><button id="buy"><span>Buy now</span></button>` },
      ),
    );
    await arrived;
    await page.getByRole("button", { name: "Other" }).click();
    await notAsked(page, 500);
    await page.getByText("Buy now").click();
    await asked(page).waitFor();
    expect(warnings.filter((warning) => warning.includes("!not a selector"))).toHaveLength(1);
  });

  test("a named event: tracked before the widget arrived (the stub's queue), or after", async () => {
    const { site, survey } = await seedPrompt({ triggers: [{ on: "event", name: "checkout_completed" }] });
    // Before: the page's stub queues the name, and the widget replays it once it has arrived.
    const stub = `<script>window.feedloop = { q: [], track(name) { this.q.push(name) } };
      feedloop.track("cart_viewed"); feedloop.track("checkout_completed");</script>`;
    const early = await browser.newPage();
    await early.goto(
      await servePage(htmlPage({ body: stub + widgetScript({ "data-site": site, "data-survey": survey }) })),
    );
    await asked(early).waitFor();

    // After: the widget is there; another name does nothing, the survey's name asks.
    const late = await browser.newPage();
    const arrived = configArrived(late);
    await late.goto(await servedWidgetPage({ site, survey }));
    await arrived;
    await late.waitForFunction(
      () => typeof (window as { feedloop?: { track?: unknown } }).feedloop?.track === "function",
    );
    await late.evaluate(() =>
      (window as unknown as { feedloop: { track(name: string): void } }).feedloop.track("cart_viewed"),
    );
    await notAsked(late, 500);
    await late.evaluate(() =>
      (window as unknown as { feedloop: { track(name: string): void } }).feedloop.track("checkout_completed"),
    );
    await asked(late).waitFor();
  });

  test("the first trigger to fire wins, and the survey asks once per page", async () => {
    const { site, survey } = await seedPrompt({
      triggers: [
        { on: "event", name: "again" },
        { on: "pageview", delaySeconds: 0 },
      ],
    });
    const page = await browser.newPage();
    await page.goto(await servedWidgetPage({ site, survey }));
    await asked(page).waitFor();
    await page.keyboard.press("Escape");
    await asked(page).waitFor({ state: "hidden" });
    await page.evaluate(() =>
      (window as unknown as { feedloop: { track(name: string): void } }).feedloop.track("again"),
    );
    await notAsked(page, 800);
    expect((await memory(page, site))!.shown[survey]).toBe(1);
  });
});

describe("targeting: who is asked", () => {
  test("page rules: any include pattern (* is any run of characters) and no exclude pattern", async () => {
    const page = await browser.newPage();
    const check = async (pages: { include?: string[]; exclude?: string[] }, expected: boolean) => {
      const { site, survey } = await seedPrompt({ triggers: [{ on: "pageview", delaySeconds: 0 }] });
      const url = await servedWidgetPage({ site, survey });
      // Rules written for this page's path, which the page server makes up: /page-….html.
      const path = new URL(url).pathname;
      const settings = JSON.parse(JSON.stringify(pages).replaceAll("PATH", path));
      await setPrompt(site, survey, { triggers: [{ on: "pageview", delaySeconds: 0 }], pages: settings });
      const arrived = configArrived(page);
      await page.goto(url);
      await arrived;
      if (expected) await asked(page).waitFor();
      else await notAsked(page, 800);
    };
    await check({ include: ["PATH"] }, true);
    await check({ include: ["/page-*.html"] }, true);
    await check({ include: ["/checkout/*"] }, false);
    await check({ include: ["*"], exclude: ["*.html"] }, false);
    await check({ exclude: ["/checkout/*"] }, true);
  });

  test("segment rules against the page's segment: eq and ne; a dimension the page does not send fails eq", async () => {
    const page = await browser.newPage();
    const pro = await seedPrompt({
      triggers: [{ on: "pageview", delaySeconds: 0 }],
      segment: [{ dimension: "plan", op: "eq", value: "pro" }],
    });
    const notFree = await seedPrompt({
      triggers: [{ on: "pageview", delaySeconds: 0 }],
      segment: [{ dimension: "plan", op: "ne", value: "free" }],
    });
    for (const [ids, plan, expected] of [
      [pro, "pro", true],
      [pro, "free", false],
      [pro, undefined, false],
      [notFree, undefined, true],
      [notFree, "free", false],
    ] as const) {
      const arrived = configArrived(page);
      await page.goto(
        await servedWidgetPage({ site: ids.site, survey: ids.survey, ...(plan ? { "segment-plan": plan } : {}) }),
      );
      await arrived;
      if (expected) await asked(page).waitFor();
      else await notAsked(page, 800);
    }
  });

  test("sampling: over 1,000 visitors with a seeded random source, the share asked is within 3 points of the setting", async () => {
    const SAMPLE = 30;
    const VISITORS = 1_000;
    // An event the page has already tracked: the trigger fires at once, exactly when the survey may ask.
    const { site, survey, config } = await seedPrompt({ triggers: [{ on: "event", name: "visit" }], sample: SAMPLE });
    const page = await browser.newPage();
    await page.addInitScript(seedRandom, 20261205);
    await page.goto(await servePage(htmlPage({})));
    // The shipped rules (dist/prompt.js, as the loader loads it), armed once per visitor: a browser that never saw
    // the survey (empty storage) and one page view. A page load per visitor would take minutes.
    const outcome = await page.evaluate(
      async ({ src, context, visitors }) => {
        type Arm = (context: object, show: () => void, tracked: string[], tracks: EventTarget) => void;
        const script = document.createElement("script") as HTMLScriptElement & { feedloop?: Arm };
        await new Promise((resolve) => {
          script.onload = resolve;
          script.src = src;
          document.head.append(script);
        });
        const key = `feedloop:prompt:${context.site}`;
        let shown = 0;
        const draws: number[] = [];
        for (let visitor = 0; visitor < visitors; visitor++) {
          localStorage.removeItem(key);
          script.feedloop!(context, () => shown++, ["visit"], new EventTarget());
          draws.push(JSON.parse(localStorage[key])[0].draw[context.survey]);
        }
        return { shown, draws };
      },
      {
        src: `${env().proxyUrl}/prompt.js`,
        context: { site, survey, audience: "external", segment: {}, prompt: config.prompt! },
        visitors: VISITORS,
      },
    );
    expect(outcome.draws.every((draw) => draw >= 0 && draw < 100)).toBe(true);
    expect(new Set(outcome.draws).size).toBe(VISITORS);
    // Exactly the visitors whose draw is under the setting were asked, once each.
    expect(outcome.shown).toBe(outcome.draws.filter((draw) => draw < SAMPLE).length);
    expect(Math.abs((outcome.shown / VISITORS) * 100 - SAMPLE)).toBeLessThanOrEqual(3);
  });

  test("a browser keeps its draw: the same visitor is in or out of the sample on every page", async () => {
    const { site, survey } = await seedPrompt({ triggers: [{ on: "pageview", delaySeconds: 0 }], sample: 50 });
    const page = await browser.newPage();
    // Math.random always 0.9: a draw of 90, out of a 50% sample, as long as the browser keeps it.
    await page.addInitScript(() => {
      Math.random = () => 0.9;
    });
    const url = await servedWidgetPage({ site, survey });
    const arrived = configArrived(page);
    await page.goto(url);
    await arrived;
    await notAsked(page, 800);
    expect((await memory(page, site))!.draw[survey]).toBeCloseTo(90);
    // The same browser with a lucky Math.random next time: still its first draw, still not asked.
    await page.addInitScript(() => {
      Math.random = () => 0.1;
    });
    const again = configArrived(page);
    await page.reload();
    await again;
    await notAsked(page, 800);
    expect((await memory(page, site))!.draw[survey]).toBeCloseTo(90);
  });
});
