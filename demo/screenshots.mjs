// Screenshots of the widget on both demo pages, light and dark, for the README:
//   npm run dev            (in another terminal)
//   node demo/screenshots.mjs [http://127.0.0.1:8787]
// Writes docs/screenshots/*.png. Uses Debian's Chromium through playwright-core.
import { mkdir } from "node:fs/promises";
import { chromium } from "playwright-core";

const base = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
const out = new URL("../docs/screenshots/", import.meta.url);
await mkdir(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  for (const page of ["shop", "intranet"]) {
    for (const colorScheme of /** @type {const} */ (["light", "dark"])) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        colorScheme,
        reducedMotion: "reduce",
      });
      const tab = await context.newPage();
      await tab.goto(`${base}/demo/${page}.html`);
      await tab
        .getByRole("button", { name: /feedback|opinion|отзыв/i })
        .first()
        .click();
      // Pick a score so the screenshot shows a chosen state, as a respondent would see it.
      await tab
        .getByRole("radio")
        .nth(page === "shop" ? 9 : 3)
        .check({ force: true });
      await tab.waitForTimeout(200);
      const file = new URL(`${page}-${colorScheme}.png`, out);
      await tab.screenshot({ path: file.pathname });
      console.log(`wrote ${file.pathname}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
