import { afterAll, afterEach, beforeAll } from "vitest";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";

// Debian's Chromium (apt install chromium; .ci/run does it). Nothing here downloads a browser build.
const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];
/** Shorter than the test timeout, so a missing element fails with Playwright's message, not vitest's. */
const ACTION_TIMEOUT_MS = 15_000;

/**
 * One headless Chromium per test file and a fresh, isolated context (cookies, localStorage, offline
 * state) per page, closed after each test.
 */
export function useBrowser(): { newPage(options?: BrowserContextOptions): Promise<Page> } {
  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage(options = {}) {
      if (!browser) throw new Error("useBrowser(): the browser is not launched yet (call newPage inside a test)");
      const context = await browser.newContext({ locale: "en-US", ...options });
      contexts.push(context);
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      const page = await context.newPage();
      // The widget says why it shows nothing with console.warn: worth seeing when a test fails.
      page.on("pageerror", (error) => console.error(`[page uncaught] ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning")
          console.warn(`[page console.${message.type()}] ${message.text()}`);
      });
      return page;
    },
  };
}

export type Focused = {
  tag: string;
  type: string | null;
  name: string;
  value: string | null;
  checked: boolean;
  inDialog: boolean;
};

/** The element that has focus, looked up through open shadow roots (document.activeElement stops at the host). */
export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const input = element as HTMLInputElement;
    return {
      tag: element.tagName.toLowerCase(),
      // The property, not the attribute: a <button> without one is a submit button.
      type: typeof input.type === "string" ? input.type : null,
      // Roughly the accessible name: enough to tell the launcher, a score or the send button apart.
      name: (element.getAttribute("aria-label") ?? input.labels?.[0]?.textContent ?? element.textContent ?? "").trim(),
      value: "value" in input ? input.value : null,
      checked: input.checked === true,
      inDialog: element.closest("dialog, [role=dialog]") !== null,
    };
  });
}

/** Presses Tab until `matches` accepts the focused element; fails after `limit` presses. */
export async function tabUntil(
  page: Page,
  matches: (element: Focused | null) => boolean,
  limit = 12,
): Promise<Focused> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    const element = await focused(page);
    if (matches(element)) return element!;
  }
  throw new Error(`no matching element after ${limit} Tab presses; focus is on ${JSON.stringify(await focused(page))}`);
}

/**
 * Waits until `target` has focus. Where the page moves focus itself (a form that opens on its first field,
 * a new row, the row after a removed one), it does so a frame later; a person types after that, and a test
 * must too: Playwright's fill focuses its field and then types, so focus moving in between would send the
 * keys to another field (it did: "complaint praise" ended up as a language tag).
 */
export async function focusMovesTo(target: Locator, timeout = ACTION_TIMEOUT_MS): Promise<void> {
  const element = await target.elementHandle({ timeout });
  await target.page().waitForFunction((wanted) => document.activeElement === wanted, element, { timeout });
}
