// The widget's main-thread time in Chromium, for `npm run bench:widget` (widget-size.mjs): what the loader
// costs every page view, and what the panel costs once a visitor opens it. The real Worker under `wrangler dev`
// (started, migrated and stopped by harness/) serves dist/ and the API; a page on another origin embeds the
// script tag; Debian's Chromium (/usr/bin/chromium) loads it through playwright-core, a fresh context (no cache,
// no localStorage) per load.
//
// What is measured: Chrome's own count of the time its main thread spent running JavaScript for the page, the
// DevTools protocol's `Performance.getMetrics` `ScriptDuration` (compiling and running scripts, and every
// callback they set: the config's fetch, the launcher's drawing, the panel's render). The loader: from the
// navigation until the launcher is drawn and the page has gone quiet. The panel: what the click on the launcher
// adds, until the dialog is shown and quiet (loading panel.js, running it, rendering the form). The same count
// on the page without the widget is printed as the floor.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { applyMigrations, exitOnInterrupt, freePort, startWranglerDev } from "../harness/wrangler.mjs";

const CHROMIUM = "/usr/bin/chromium";
/** Long enough for the config's fetch (local) and the panel's load to be over, and the page quiet. */
const SETTLE_MS = 1500;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"];

/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * @param {number} loads how many page loads each figure is the median of
 * @returns {Promise<{ loads: number; floorMs: number; loaderMs: number; panelMs: number }>}
 */
export async function measureMainThread(loads) {
  exitOnInterrupt();
  const persistTo = mkdtempSync(join(tmpdir(), "feedloop-bench-widget-"));
  const adminToken = randomBytes(24).toString("base64url");
  /** @type {Map<string, string>} */
  const pages = new Map();
  const pageServer = createServer((req, res) => {
    const html = pages.get(req.url ?? "");
    res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" }).end(html ?? "");
  });
  await new Promise((resolve) => pageServer.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = pageServer.address();
  const pageOrigin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  /** @type {import("../harness/wrangler.mjs").WranglerDev | undefined} */
  let worker;
  /** @type {import("playwright-core").Browser | undefined} */
  let browser;
  try {
    await applyMigrations({ persistTo });
    const running = await startWranglerDev({
      port: await freePort(),
      inspectorPort: await freePort(),
      persistTo,
      vars: { ADMIN_TOKEN: adminToken },
      ready: { headers: { authorization: `Bearer ${adminToken}` }, statuses: [200], asset: "/widget.js" },
    });
    worker = running;
    /** @type {(path: string, body: object) => Promise<void>} */
    const put = async (path, body) => {
      const response = await fetch(running.url + path, {
        method: "PUT",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`PUT ${path} → ${response.status}: ${await response.text()}`);
    };
    await put("/v1/sites/bench", { name: "Bench", audience: "external", origins: [pageOrigin] });
    await put("/v1/sites/bench/surveys/nps", { kind: "nps", question: { en: "How likely are you to recommend us?" } });
    const page = (/** @type {string} */ body) =>
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>${body}</body></html>`;
    pages.set("/empty.html", page("<main><h1>A page</h1></main>"));
    pages.set(
      "/widget.html",
      page(
        `<main><h1>A page</h1></main><script src="${worker.url}/widget.js" data-site="bench" data-survey="nps" async></script>`,
      ),
    );

    const launched = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    browser = launched;
    /**
     * One fresh page: JS time once the page has settled, and for the widget, what a click on the launcher adds.
     * Nothing of Playwright's runs in the page while a figure is taken (its selector engine is JavaScript in the
     * page too): the page is left alone for SETTLE_MS, the launcher is found between two readings, and the click
     * is a real mouse event at its place. What was drawn is checked after the readings.
     * @param {string} path
     */
    const scriptMs = async (path) => {
      const context = await launched.newContext({ locale: "en-US" });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Performance.enable");
      const read = async () => {
        const { metrics } = await cdp.send("Performance.getMetrics");
        const script = metrics.find((/** @type {{ name: string }} */ metric) => metric.name === "ScriptDuration");
        return (script?.value ?? 0) * 1000;
      };
      await page.goto(pageOrigin + path);
      await page.waitForTimeout(SETTLE_MS);
      const loaded = await read();
      if (path !== "/widget.html") {
        await context.close();
        return { loaded, opened: 0 };
      }
      const launcher = await page.getByRole("button", { name: "Feedback" }).boundingBox();
      if (!launcher) throw new Error("bench:widget: no launcher on the page");
      const beforeClick = await read();
      await page.mouse.click(launcher.x + launcher.width / 2, launcher.y + launcher.height / 2);
      await page.waitForTimeout(SETTLE_MS);
      const opened = (await read()) - beforeClick;
      await page.getByRole("dialog").waitFor({ timeout: 5000 });
      await context.close();
      return { loaded, opened };
    };
    const floor = [];
    const loader = [];
    const panel = [];
    for (let load = 0; load < loads; load++) {
      floor.push((await scriptMs("/empty.html")).loaded);
      const { loaded, opened } = await scriptMs("/widget.html");
      loader.push(loaded);
      panel.push(opened);
    }
    return { loads, floorMs: median(floor), loaderMs: median(loader), panelMs: median(panel) };
  } finally {
    await browser?.close();
    await worker?.stop();
    await new Promise((resolve) => pageServer.close(() => resolve(undefined)));
    rmSync(persistTo, { recursive: true, force: true, maxRetries: 3 });
  }
}
