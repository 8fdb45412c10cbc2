import type { Page } from "playwright-core";
import { strings } from "../../dashboard/src/strings";
import { env } from "./helpers";

/** Signs in to /admin/ with the admin token, as a person does, and waits for the navigation. */
export async function signIn(page: Page): Promise<void> {
  await page.goto(`${env().workerUrl}/admin/`);
  await page.getByLabel(strings.signIn.label).fill(env().adminToken);
  await page.getByRole("button", { name: strings.signIn.submit }).click();
  await page.getByRole("navigation", { name: "Sections" }).waitFor();
}

/** Messages of CSP violations the page reports from now on. */
export function recordCspViolations(page: Page): string[] {
  const refused: string[] = [];
  page.on(
    "console",
    (message) => void (/Content Security Policy/i.test(message.text()) && refused.push(message.text())),
  );
  return refused;
}
