import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  answerWith,
  env,
  htmlPage,
  seedSurvey,
  servePage,
  settledCount,
  useBrowser,
  widgetConfig,
  widgetParts,
} from "./helpers";

const browser = useBrowser();

/** The package's built loader (widget/dist/index.js), as an app's bundler would include it. */
const built = readFileSync(new URL("../../widget/dist/index.js", import.meta.url), "utf8");
// Inlined into a module script, which may not re-export; the page calls mount() itself.
const loader = built.replace(/^export \{[^}]*\};?$/m, "");

describe("the @feedloop/widget package", () => {
  test("mount() loads widget.mjs from the Worker's origin and starts a widget that sends one answer", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const { strings } = await widgetConfig(site, survey);
    const page = await browser.newPage();
    // A trailing slash, as a user may well write it: the loader keeps only the origin.
    const options = { base: `${env().proxyUrl}/`, site, survey, target: "#slot" };
    const app = `${loader}\nmount(${JSON.stringify(options)}).then((widget) => (window.mounted = typeof widget.open));`;
    const body = `<section id="slot" aria-label="Feedback"></section><script type="module">${app}</script>`;
    await page.goto(await servePage(htmlPage({ body })));

    const widget = widgetParts(page.locator("#slot"), strings);
    await widget.radio(9).waitFor();
    expect(await page.evaluate(() => (window as { mounted?: string }).mounted)).toBe("function");
    await answerWith(widget, { score: 9, comment: "Installed from npm" });
    await widget.thanks.waitFor();
    expect(await settledCount(site, survey)).toBe(1);
  });
});
