/**
 * The fixture of the auto-prompt tests (README "Asking at the right moment"): a site with auto-prompts on and a
 * survey with `prompt` settings, pages that embed it, and what the visitor's browser remembers.
 */
import type { Page, Response } from "playwright-core";
import { expect } from "vitest";
import type { WidgetConfig } from "../../schema/widget";
import { admin, seedSurvey, widgetConfig } from "./api";

/** The survey's question. */
export const QUESTION = "How likely are you to recommend us?";

/**
 * An external site (dimension `plan`) with auto-prompts on, and a survey with these `prompt` settings; `site`
 * overrides the site's settings (`audience`, `autoPrompt`, ...).
 */
export async function seedPrompt(
  prompt: Record<string, unknown>,
  site: Record<string, unknown> = {},
): Promise<{ site: string; survey: string; config: WidgetConfig }> {
  const ids = await seedSurvey({
    site: { dimensions: ["plan"], autoPrompt: { enabled: true, recontactDays: 7 }, ...site },
  });
  await setPrompt(ids.site, ids.survey, prompt);
  return { ...ids, config: await widgetConfig(ids.site, ids.survey) };
}

/** Replaces the survey's `prompt` settings. */
export async function setPrompt(site: string, survey: string, prompt: Record<string, unknown>): Promise<void> {
  await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, { kind: "nps", question: { en: QUESTION }, prompt });
}

/** The survey on screen, however it was opened: its question, the panel's heading. */
export const asked = (page: Page) => page.getByRole("heading", { name: QUESTION });

/** Resolves once the page has the widget config: from then on, the triggers are armed (or not). */
export const configArrived = (page: Page): Promise<Response> =>
  page.waitForResponse((response) => new URL(response.url()).pathname.startsWith("/v1/widget/"));

/** Asserts the survey stays off screen for `ms`, long enough for any trigger that would fire to have fired. */
export async function notAsked(page: Page, ms = 1_500): Promise<void> {
  await page.waitForTimeout(ms);
  expect(await asked(page).isVisible()).toBe(false);
}

/** What this browser remembers for the site (`feedloop:prompt:SITE`, documented in the README), or null. */
export function memory(
  page: Page,
  site: string,
): Promise<{ done?: number; shown: Record<string, number>; draw: Record<string, number> } | null> {
  return page.evaluate((key) => JSON.parse(localStorage[key] ?? "[null]")[0], `feedloop:prompt:${site}`);
}

/** Changes the site's memory in this browser, as if it had been written at another time. */
export function patchMemory(page: Page, site: string, patch: Record<string, unknown>): Promise<void> {
  return page.evaluate(
    ([key, change]) => {
      const [remembered] = JSON.parse(localStorage[key as string]);
      localStorage[key as string] = JSON.stringify([{ ...remembered, ...(change as object) }]);
    },
    [`feedloop:prompt:${site}`, patch] as const,
  );
}

/** mulberry32: a seeded stand-in for Math.random, installed before any of the page's scripts run. */
export function seedRandom(seed: number): void {
  let state = seed;
  Math.random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
