// Screenshots of the dashboard for the README, on a living sample: the overview, the service comparison
// and the inbox, at desktop (1280×800) and phone (390×844) width, in the light theme.
//   node demo/dashboard-screenshots.mjs
// Builds dist/, starts its own wrangler dev on a fresh temporary database (any running npm run dev is left
// alone), writes the sample history and the demo config into it, signs in with a throwaway admin token and
// writes docs/screenshots/dashboard-*.png. Uses Debian's Chromium through playwright-core (CHROMIUM=… for another).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { applyMigrations, exitOnInterrupt, freePort, root, startWranglerDev } from "../harness/wrangler.mjs";
import { describeSample, seedSampleData } from "./sample-data.mjs";
import { seedDemo } from "./seed.mjs";

const out = join(root, "docs", "screenshots");
const say = (/** @type {string} */ line) => console.log(`[screenshots] ${line}`);
/** What the sample's answers name as their page, as if the demo ran on npm run dev's default port. */
const DEMO_ORIGIN = "http://127.0.0.1:8787";

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

function build() {
  for (const script of ["widget/build.mjs", "dashboard/build.mjs"]) {
    const result = spawnSync(process.execPath, [script], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    if (result.status !== 0) throw new Error(`node ${script} failed`);
  }
}

/**
 * An answer with a thread, among the newest with a comment: the inbox opens it.
 * @param {string} baseUrl
 * @param {string} token
 * @returns {Promise<string>} its id
 */
async function answerWithThread(baseUrl, token) {
  const response = await fetch(`${baseUrl}/v1/responses?hasComment=true&limit=50`, {
    headers: { authorization: `Bearer ${token}` },
  });
  // What is read here of an InboxPage (schema/inbox.ts, which a Node script cannot import: no extensions).
  /** @type {{ items: { id: string, site: string, replies: number }[] }} */
  const { items } = await response.json();
  const item =
    items.find((candidate) => candidate.replies > 0 && candidate.site === "demo-shop") ??
    items.find((candidate) => candidate.replies > 0);
  if (!item) throw new Error("no answer with a reply among the newest 50: the sample history should have some");
  return item.id;
}

/**
 * A page's window once recordViolations has run in it.
 * @typedef {typeof window & { __violations: string[] }} RecordingWindow
 */

/** Records CSP violations from the first script on (an init script is exempt from the page's CSP). */
function recordViolations() {
  /** @type {RecordingWindow} */ (window).__violations = [];
  document.addEventListener(
    "securitypolicyviolation",
    (event) =>
      /** @type {RecordingWindow} */ (window).__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    true,
  );
}

/**
 * @param {import("playwright-core").Browser} browser
 * @param {string} baseUrl
 * @param {string} token
 * @param {string} threadId the answer whose thread the desktop inbox opens
 * @returns {Promise<string[]>} the files written
 */
async function shoot(browser, baseUrl, token, threadId) {
  const written = [];
  for (const [device, options] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({
      ...options,
      colorScheme: "light",
      reducedMotion: "reduce",
      locale: "en-US",
      timezoneId: "UTC",
    });
    context.setDefaultTimeout(20_000);
    await context.addInitScript(recordViolations);
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error(`[page] ${error.message}`));

    await page.goto(`${baseUrl}/admin/`);
    await page.getByLabel("API key").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Sections" }).waitFor();

    const views = [
      // The default overview: NPS of the last 30 days, every site.
      { name: "overview", hash: "#/overview", ready: () => page.locator(".headline .figure").waitFor() },
      // No kind named: the view opens on CSAT, the kind both sides rate (Customer support), and says so.
      { name: "services", hash: "#/services", ready: () => page.locator(".services-table").waitFor() },
      // Answers with a comment; on a desktop, one with the team's reply open beside the list.
      {
        name: "inbox",
        hash: device === "desktop" ? `#/inbox?hasComment=true&id=${threadId}` : "#/inbox?hasComment=true",
        ready: async () => {
          await page.locator(".inbox-item").first().waitFor();
          if (device === "desktop") await page.locator(".thread").waitFor();
        },
      },
    ];
    for (const view of views) {
      await page.goto(`${baseUrl}/admin/${view.hash}`);
      await view.ready();
      await page.waitForLoadState("networkidle");
      // No hover or focus ring left over from signing in on whatever lies under the pointer now.
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      const file = join(out, `dashboard-${view.name}-${device}.png`);
      await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
      written.push(file);
    }
    const violations = await page.evaluate(() => /** @type {RecordingWindow} */ (window).__violations);
    if (violations.length)
      throw new Error(`Content-Security-Policy violations on the dashboard: ${violations.join("; ")}`);
    await context.close();
  }
  return written;
}

async function main() {
  await mkdir(out, { recursive: true });
  say("building dist/ (widget, demo pages, dashboard)");
  build();
  const persistTo = mkdtempSync(join(tmpdir(), "feedloop-screenshots-"));
  exitOnInterrupt(); // a Ctrl-C runs the exit hooks: the one below, and the harness's that stops wrangler
  process.once("exit", () => rmSync(persistTo, { recursive: true, force: true }));
  await applyMigrations({ persistTo });
  const summary = await seedSampleData({ persistTo, pageOrigin: DEMO_ORIGIN });
  // A fresh database: the sample is always written.
  say(`sample data: ${describeSample(/** @type {NonNullable<typeof summary>} */ (summary))}`);

  const token = randomBytes(24).toString("base64url");
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const wrangler = await startWranglerDev({ port, inspectorPort, persistTo, vars: { ADMIN_TOKEN: token } });
  const baseUrl = wrangler.url;
  let browser;
  try {
    await seedDemo({
      baseUrl,
      token,
      origins: [DEMO_ORIGIN, DEMO_ORIGIN.replace("127.0.0.1", "localhost")],
      log: () => {},
    });
    const threadId = await answerWithThread(baseUrl, token);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    });
    for (const file of await shoot(browser, baseUrl, token, threadId))
      say(`wrote ${file.slice(root.length + 1)} (${Math.round(statSync(file).size / 1024)} KB)`);
  } finally {
    await browser?.close();
    await wrangler.stop();
  }
}

await main();
