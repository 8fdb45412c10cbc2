import type { Page } from "playwright-core";

/**
 * Cloudflare Turnstile in the browser, faked: the test network is offline, so challenges.cloudflare.com
 * cannot load. Its api.js is served through Playwright's routing with the three calls the widget uses,
 * answering as Cloudflare's dummy site keys do (developers.cloudflare.com/turnstile/troubleshooting/testing/):
 * every challenge passes at once, with the token below. The challenge frame is an empty page from the
 * same host, so a page's `frame-src` is exercised too. What the widget asked is logged on the window.
 */
export const DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
/**
 * The always-passes dummy keys: the Worker would verify the token with siteverify, which the offline Worker
 * cannot reach.
 */
export const DUMMY_KEYS = { siteKey: "1x00000000000000000000AA", secretKey: "1x0000000000000000000000000000000AA" };

export type FakeTurnstileLog = {
  /** One per turnstile.render: its options, and where its container was. */
  renders: { sitekey: string; action: string; appearance: string; inDocument: boolean; slotted: boolean }[];
  resets: number;
  removes: number;
};

const API = `(() => {
  const log = (window.__fakeTurnstile = { renders: [], resets: 0, removes: 0 });
  const widgets = new Map();
  const pass = (id) => setTimeout(() => widgets.get(id)?.callback?.(${JSON.stringify(DUMMY_TOKEN)}), 50);
  window.turnstile = {
    render(container, options) {
      const id = "fake-" + (widgets.size + log.removes);
      widgets.set(id, options);
      log.renders.push({
        sitekey: options.sitekey, action: options.action, appearance: options.appearance,
        inDocument: container.getRootNode() === document, slotted: !!container.assignedSlot,
      });
      const frame = document.createElement("iframe");
      frame.title = "Widget containing a Cloudflare security challenge";
      frame.src = "https://challenges.cloudflare.com/cdn-cgi/challenge-platform/fake";
      // Interaction-only: nothing to see while it passes by itself.
      frame.width = frame.height = "0";
      frame.setAttribute("frameborder", "0");
      container.append(frame);
      pass(id);
      return id;
    },
    reset(id) { log.resets++; pass(id); },
    remove(id) { log.removes++; widgets.delete(id); },
  };
})();`;

/**
 * Routes challenges.cloudflare.com for this page; returns how many times api.js was asked for so far.
 * `blocked`: api.js fails to load, as when the page is offline or its CSP leaves Cloudflare out.
 */
export async function fakeTurnstile(page: Page, { blocked = false } = {}): Promise<() => number> {
  let apiLoads = 0;
  await page.route("https://challenges.cloudflare.com/**", (route) => {
    if (new URL(route.request().url()).pathname === "/turnstile/v0/api.js") {
      apiLoads++;
      return blocked
        ? route.abort("internetdisconnected")
        : route.fulfill({ contentType: "text/javascript; charset=utf-8", body: API });
    }
    return route.fulfill({ contentType: "text/html; charset=utf-8", body: "<!doctype html><title>challenge</title>" });
  });
  return () => apiLoads;
}

export function turnstileLog(page: Page): Promise<FakeTurnstileLog | null> {
  return page.evaluate(() => (window as unknown as { __fakeTurnstile?: FakeTurnstileLog }).__fakeTurnstile ?? null);
}
