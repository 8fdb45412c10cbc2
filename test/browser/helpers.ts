/**
 * Everything a browser test needs, in one import: the browser (browser.ts), the Worker's admin API and
 * D1 (api.ts), the embedding site's pages and the fault proxy (pages.ts), axe (axe.ts), and the widget's
 * parts as a person finds them: by role and by the words the server sends.
 */
import type { Locator, Page } from "playwright-core";
import type { UiStrings } from "../../schema/widget";
import { countResponses, waitFor } from "./api";
import { proxyLog } from "./pages";

export * from "./api";
export * from "./axe";
export * from "./browser";
export * from "./pages";

/** The widget's controls within `scope` (the page, a slot, a custom element), found the way a user would. */
export function widgetParts(scope: Page | Locator, strings: UiStrings) {
  return {
    launcher: scope.getByRole("button", { name: strings.button }),
    dialog: scope.getByRole("dialog"),
    radio: (score: number) =>
      scope.getByRole("radio", { name: strings.scoreLabel.replace("{score}", String(score)), exact: true }),
    comment: scope.getByRole("textbox"),
    send: scope.getByRole("button", { name: strings.submit, exact: true }),
    thanks: scope.getByText(strings.thanks),
  };
}

export type WidgetParts = ReturnType<typeof widgetParts>;

/**
 * The bodies of every `POST /v1/responses` the page sends by fetch from now on (beacons included), parsed, in
 * order.
 */
export function recordPosts(page: Page): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/v1/responses")
      bodies.push(JSON.parse(request.postData() ?? "null"));
  });
  return bodies;
}

/** Picks a score, writes a comment and sends: the whole answer, by mouse. Does not wait for the outcome. */
export async function answerWith(parts: WidgetParts, answer: { score: number; comment?: string }): Promise<void> {
  await parts.radio(answer.score).click();
  if (answer.comment !== undefined) await parts.comment.fill(answer.comment);
  await parts.send.click();
}

/**
 * How many answers the survey has stored once the widget is done sending: at least one has arrived and
 * every request the proxy has seen for the site has been answered, so a late duplicate would be counted.
 */
export async function settledCount(site: string, survey: string, timeoutMs = 10_000): Promise<number> {
  await waitFor(
    () => countResponses(site, survey),
    (count) => count >= 1,
    timeoutMs,
    "a stored answer",
  );
  await waitFor(
    () => proxyLog(site),
    (posts) => posts.every((post) => post.settled),
    timeoutMs,
    "requests in flight to finish",
  );
  return countResponses(site, survey);
}
