import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { env, seedSurvey, servedWidgetPage, useBrowser, widgetConfig, widgetParts } from "./helpers";

const browser = useBrowser();

type Recorded = { violations: { directive: string; blocked: string }[] };

/**
 * Records CSP violations from the first script on, before the page or the widget runs (an init script is exempt
 * from the CSP).
 */
function recordViolations(): void {
  const recorded = window as unknown as Recorded;
  recorded.violations = [];
  document.addEventListener(
    "securitypolicyviolation",
    (event) => recorded.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI }),
    true,
  );
}

/** The count of pixels that differ between two PNGs of the same size, decoded by the browser itself. */
function differingPixels(page: Page, first: Buffer, second: Buffer): Promise<number> {
  return page.evaluate(
    async ([a, b]) => {
      const decode = async (base64: string) => {
        const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height);
      };
      const [x, y] = await Promise.all([decode(a!), decode(b!)]);
      if (x.width !== y.width || x.height !== y.height) return Number.POSITIVE_INFINITY;
      let differing = 0;
      for (let index = 0; index < x.data.length; index += 4) {
        if ([0, 1, 2, 3].some((channel) => Math.abs(x.data[index + channel]! - y.data[index + channel]!) > 8))
          differing++;
      }
      return differing;
    },
    [first.toString("base64"), second.toString("base64")],
  );
}

describe("a page with a strict CSP and hostile CSS", () => {
  test("the widget works without a single CSP violation and looks exactly as on a plain page", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const { proxyUrl } = env();
    const csp = `default-src 'self'; script-src 'self' ${proxyUrl}; style-src 'self'; connect-src ${proxyUrl}`;
    const plainUrl = await servedWidgetPage({ site, survey });
    const hostileUrl = await servedWidgetPage(
      { site, survey },
      { head: `<link rel="stylesheet" href="/hostile.css">` },
      { "content-security-policy": csp },
    );

    const openWidget = async (url: string) => {
      const page = await browser.newPage({ reducedMotion: "reduce", viewport: { width: 1024, height: 768 } });
      await page.addInitScript(recordViolations);
      await page.goto(url);
      const widget = widgetParts(page, strings);
      await widget.launcher.click();
      await widget.dialog.waitFor();
      await widget.radio(7).click();
      const screenshot = await widget.dialog.screenshot({ animations: "disabled", caret: "hide" });
      return { page, screenshot };
    };
    const plain = await openWidget(plainUrl);
    const hostile = await openWidget(hostileUrl);

    // The hostile stylesheet did load and apply (`all: unset` turns <body> inline), or this test proves nothing.
    expect(await hostile.page.evaluate(() => getComputedStyle(document.body).display)).toBe("inline");
    expect(await hostile.page.evaluate(() => (window as unknown as Recorded).violations)).toEqual([]);
    if (!plain.screenshot.equals(hostile.screenshot)) {
      expect(await differingPixels(plain.page, plain.screenshot, hostile.screenshot)).toBeLessThanOrEqual(20);
    }

    // And the recorder does catch a violation: an inline <style> is one under style-src 'self'.
    await hostile.page.evaluate(() =>
      document.head.append(Object.assign(document.createElement("style"), { textContent: "p{color:red}" })),
    );
    expect(
      await hostile.page.evaluate(() =>
        (window as unknown as Recorded).violations.map((violation) => violation.directive),
      ),
    ).toEqual(["style-src-elem"]);
  });
});
