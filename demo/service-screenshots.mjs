// Screenshots of a service's page for the README ("Acting on feedback"): the before/after card of the sample's
// escalation-desk action and the lead/lag panel of Customer support, from the real dashboard on the demo data.
//   node demo/service-screenshots.mjs
// Builds dist/, starts its own wrangler dev on a fresh temporary database (a running npm run dev is left alone),
// writes the sample history, the demo config and the sample's actions as npm run dev does, and writes
// docs/screenshots/service-*.png (1280 px wide, light theme). Debian's Chromium through playwright-core.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { applyMigrations, exitOnInterrupt, freePort, root, startWranglerDev } from "../harness/wrangler.mjs";
import { describeSample, seedSampleData } from "./sample-data.mjs";
import { seedActions, seedDemo } from "./seed.mjs";

const out = join(root, "docs", "screenshots");
const say = (/** @type {string} */ line) => console.log(`[service-screenshots] ${line}`);
const DEMO_ORIGIN = "http://127.0.0.1:8787";
/** The sample's action whose card is shown (demo/sample-history.ts SUPPORT). */
const ACTION = "escalation-desk-evenings";

/**
 * Reads until every closed period of the intranet is released: a read closes at most 8 periods (worker/release),
 * and the sample's 16 weeks are more, so the page would otherwise show the oldest half of them only.
 * @param {string} baseUrl
 * @param {string} token
 */
async function releaseEveryPeriod(baseUrl, token) {
  for (let read = 0; read < 4; read++)
    await fetch(`${baseUrl}/v1/aggregates?kind=csat&site=demo-intranet`, {
      headers: { authorization: `Bearer ${token}` },
    });
}

function build() {
  for (const script of ["widget/build.mjs", "dashboard/build.mjs"]) {
    const result = spawnSync(process.execPath, [script], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    if (result.status !== 0) throw new Error(`node ${script} failed`);
  }
}

/**
 * @param {import("playwright-core").Browser} browser
 * @param {string} baseUrl
 * @param {string} token
 */
async function shoot(browser, baseUrl, token) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: "light",
    reducedMotion: "reduce",
    locale: "en-US",
    timezoneId: "UTC",
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const refused = /** @type {string[]} */ ([]);
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  page.on("pageerror", (error) => console.error(`[page] ${error.message}`));
  await page.goto(`${baseUrl}/admin/`);
  await page.getByLabel("API key").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Sections" }).waitFor();
  await page.goto(`${baseUrl}/admin/#/service?service=support`);
  const card = page.locator(`li[data-action="${ACTION}"]`);
  await card.locator(".effect-sentence").first().waitFor();
  const panel = page.locator(".lead-lag");
  await panel.locator("tr[data-lag]").first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.mouse.move(0, 0);
  const written = [];
  for (const [name, element] of [
    ["service-before-after", card],
    ["service-lead-lag", panel],
  ]) {
    const file = join(out, `${name}.png`);
    await /** @type {import("playwright-core").Locator} */ (element).screenshot({ path: file, animations: "disabled" });
    written.push(file);
  }
  // What the two pictures say, in words, for the README's text.
  say(`card: ${(await card.locator(".effect-sentence").allTextContents()).join(" | ")}`);
  for (const row of await panel.locator("tr[data-lag]").allTextContents()) say(`lead/lag: ${row}`);
  if (refused.length) throw new Error(`Content-Security-Policy violations: ${refused.join("; ")}`);
  await context.close();
  return written;
}

async function main() {
  await mkdir(out, { recursive: true });
  say("building dist/ (widget, dashboard)");
  build();
  const persistTo = mkdtempSync(join(tmpdir(), "feedloop-service-screenshots-"));
  exitOnInterrupt();
  process.once("exit", () => rmSync(persistTo, { recursive: true, force: true }));
  await applyMigrations({ persistTo });
  const summary = await seedSampleData({ persistTo, pageOrigin: DEMO_ORIGIN });
  if (!summary) throw new Error("the sample history was not written on a fresh database");
  say(`sample data: ${describeSample(summary)}`);

  const token = randomBytes(24).toString("base64url");
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const wrangler = await startWranglerDev({ port, inspectorPort, persistTo, vars: { ADMIN_TOKEN: token } });
  let browser;
  try {
    const origins = [DEMO_ORIGIN, DEMO_ORIGIN.replace("127.0.0.1", "localhost")];
    await seedDemo({ baseUrl: wrangler.url, token, origins, log: () => {} });
    await seedActions({ baseUrl: wrangler.url, token, actions: summary.actions, log: say });
    await releaseEveryPeriod(wrangler.url, token);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    });
    for (const file of await shoot(browser, wrangler.url, token))
      say(`wrote ${file.slice(root.length + 1)} (${Math.round(statSync(file).size / 1024)} KB)`);
  } finally {
    await browser?.close();
    await wrangler.stop();
  }
}

await main();
