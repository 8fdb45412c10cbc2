import { describe, expect, test } from "vitest";
import { seedSurvey, servedWidgetPage, useBrowser, widgetConfig, widgetParts } from "./helpers";

const browser = useBrowser();

/** The UI strings come from the server in the visitor's language; `data-locale` forces one. */
const cases = [
  { locale: "ru", script: /[А-Яа-яЁё]/, dir: "ltr" },
  { locale: "zh", script: /[\u4e00-\u9fff]/, dir: "ltr" },
  { locale: "ar", script: /[\u0600-\u06ff]/, dir: "rtl" },
];

describe("the widget in the visitor's language", () => {
  test.each(cases)(
    "data-locale=$locale: the button and the send button are in its script, the panel is $dir",
    async ({ locale, script, dir }) => {
      const { site, survey } = await seedSurvey({ kind: "csat" });
      const page = await browser.newPage();
      await page.goto(await servedWidgetPage({ site, survey, locale }));

      // The words the server sends for this locale: in its script, and on the widget's buttons.
      const { strings } = await widgetConfig(site, survey, locale);
      expect(strings.button).toMatch(script);
      expect(strings.submit).toMatch(script);
      const widget = widgetParts(page, strings);
      await widget.launcher.click();
      await widget.send.waitFor();
      // What the reader gets, wherever in the widget the dir attribute is set.
      expect(await widget.dialog.evaluate((panel) => getComputedStyle(panel).direction)).toBe(dir);
    },
  );
});
