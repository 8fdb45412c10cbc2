import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.0, 2.1 and 2.2 A/AA, plus axe's best practices. */
const RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export type Violation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe-core on the whole document. axe walks open shadow roots itself, so the widget's shadow DOM
 * is checked too; a target inside one reads as ["host selector", "selector in the shadow root"].
 * Injected as an inline script: use it on pages without a script-src CSP.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await animationsFinished(page);
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: tags },
      ),
    RULE_TAGS,
  );
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.map((node) => JSON.stringify(node.target)),
  }));
}

/**
 * Waits for running CSS animations, in the document and in every open shadow root: mid fade-in, text
 * is drawn at partial opacity and axe would measure a contrast no one sees once it has settled.
 */
export function animationsFinished(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (const element of document.querySelectorAll("*")) if (element.shadowRoot) roots.push(element.shadowRoot);
    await Promise.all(
      roots.flatMap((root) => root.getAnimations()).map((animation) => animation.finished.catch(() => null)),
    );
  });
}
