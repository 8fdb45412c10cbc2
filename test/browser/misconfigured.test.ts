import { describe, expect, test } from "vitest";
import { seedSurvey, servedWidgetPage, useBrowser, uid } from "./helpers";

const browser = useBrowser();

/**
 * A misconfigured embed shows no button, and says why in the page's console in the server's words,
 * rather than the browser's bare CORS block and "Failed to fetch".
 */
describe("a misconfigured widget explains itself", () => {
  test("an unknown site, an unknown survey and a page outside the site's origins each log the server's reason", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const other = await seedSurvey({ kind: "nps", site: { origins: ["https://elsewhere.example"] } });
    const missingSite = uid("site");
    const cases = [
      {
        data: { site: missingSite, survey },
        reason: `site ${missingSite} not found: create it with PUT /v1/sites/${missingSite}`,
      },
      { data: { site, survey: "no-such-survey" }, reason: `survey no-such-survey not found on site ${site}` },
      { data: other, reason: `is not in ${other.site}'s origins (PUT /v1/sites/${other.site})` },
    ];
    for (const { data, reason } of cases) {
      const page = await browser.newPage();
      const warnings: string[] = [];
      page.on("console", (message) => void (message.type() === "warning" && warnings.push(message.text())));
      await page.goto(await servedWidgetPage(data));
      await expect
        .poll(() => warnings.find((text) => text.startsWith("feedloop:")), { timeout: 10_000 })
        .toContain(reason);
      expect(await page.getByRole("button", { name: "Feedback" }).count()).toBe(0);
      await page.close();
    }
  });
});
