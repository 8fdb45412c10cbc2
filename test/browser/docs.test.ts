import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { env, useBrowser } from "./helpers";

/**
 * Issue 12, item 3: /docs is an interactive reference of GET /openapi.json, served with every asset from
 * the Worker itself and under the same strict CSP as /admin. Chromium opens it, sees every operation of the
 * document, tries one, and records every CSP violation and every request to another origin.
 */
const browser = useBrowser();

const METHODS = ["get", "put", "post", "patch", "delete"] as const;
const DOCS_FILES = [
  "/docs/",
  "/docs/start.js",
  "/docs/swagger-ui-bundle.js",
  "/docs/swagger-ui.css",
  "/docs/reference.css",
  "/docs/favicon.svg",
];

type Recorded = { violations: { directive: string; blocked: string }[]; inlineRan?: boolean };

/** Records CSP violations from the first script on (an init script is exempt from the CSP). */
function recordViolations(): void {
  const recorded = window as unknown as Recorded;
  recorded.violations = [];
  document.addEventListener(
    "securitypolicyviolation",
    (event) => recorded.violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
    true,
  );
}

/** "GET /v1/sites" for every operation of the document the Worker serves. */
async function documentedOperations(): Promise<string[]> {
  const document = (await (await fetch(`${env().workerUrl}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => method in item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** Opens /docs with the listener in place; every request to another origin is recorded and refused. */
async function openDocs(): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const origin = new URL(env().workerUrl).origin;
  const outside: string[] = [];
  // The CSP refuses most such requests itself (and they would show as violations); this also catches what it
  // does not govern, such as a navigation. Refused rather than only recorded: a test must not reach the network.
  await page.context().route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort("blockedbyclient");
  });
  await page.addInitScript(recordViolations);
  await page.goto(`${env().workerUrl}/docs`);
  return { page, outside };
}

describe("/: where a newcomer lands", () => {
  test("links the dashboard, the API reference and the widget, under the same strict CSP", async () => {
    const response = await fetch(`${env().workerUrl}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const link of ['href="/admin/"', 'href="/docs/"', 'href="/widget.js"']) expect(html).toContain(link);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});

describe("/docs: the API reference", () => {
  test("every file under /docs comes with the dashboard's CSP", async () => {
    const adminResponse = await fetch(`${env().workerUrl}/admin/`);
    await adminResponse.arrayBuffer();
    const adminCsp = adminResponse.headers.get("content-security-policy");
    expect(adminCsp).toContain("script-src 'self'");
    expect(adminCsp).not.toContain("unsafe-");

    // /docs itself leads to the page, whichever way the assets answer it.
    const entry = await fetch(`${env().workerUrl}/docs`);
    expect(entry.status).toBe(200);
    expect(new URL(entry.url).pathname).toBe("/docs/");
    expect(await entry.text()).toContain('<main id="reference">');

    for (const path of DOCS_FILES) {
      const response = await fetch(`${env().workerUrl}${path}`);
      await response.arrayBuffer();
      expect({ path, status: response.status, csp: response.headers.get("content-security-policy") }).toEqual({
        path,
        status: 200,
        csp: adminCsp,
      });
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  test("renders every operation of /openapi.json, with no CSP violation or request outside the Worker", async () => {
    const expected = await documentedOperations();
    expect(expected.length).toBeGreaterThan(20);
    const { page, outside } = await openDocs();

    const blocks = page.locator(".opblock");
    await expect.poll(() => blocks.count(), { message: "operations rendered", timeout: 20_000 }).toBe(expected.length);
    const rendered = await blocks.evaluateAll((elements) =>
      elements.map((element) => {
        const method = element.querySelector(".opblock-summary-method")?.textContent?.trim() ?? "";
        // Swagger UI gives a deprecated operation's path another class (struck through), with the same data-path.
        const path = element.querySelector("[data-path]")?.getAttribute("data-path") ?? "";
        return `${method} ${path}`;
      }),
    );
    expect(rendered.sort()).toEqual([...expected].sort());
    // The token-in-the-path forms are deprecated: shown struck through, under the same paths.
    const struck = await page
      .locator(".opblock-summary-path__deprecated")
      .evaluateAll((elements) => elements.map((element) => element.getAttribute("data-path")));
    expect([...new Set(struck)].sort()).toEqual(["/v1/followups/{token}", "/v1/followups/{token}/replies"]);

    await page.waitForLoadState("networkidle");
    expect(outside).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as Recorded).violations)).toEqual([]);

    // The listener does hear the policy: an inline script added now is refused, and reported.
    const canary = await page.evaluate(() => {
      const recorded = window as unknown as Recorded;
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.body.append(script);
      return new Promise<{ ran: boolean; violations: Recorded["violations"] }>((resolve) =>
        setTimeout(() => resolve({ ran: recorded.inlineRan === true, violations: recorded.violations }), 200),
      );
    });
    expect(canary.ran).toBe(false);
    expect(canary.violations.map((violation) => [violation.directive, violation.blocked])).toEqual([
      ["script-src-elem", "inline"],
    ]);
  });

  test("is interactive: authorized with the admin token, 'Try it out' calls the Worker; the token is not kept", async () => {
    const { page, outside } = await openDocs();
    await page.locator(".opblock").first().waitFor();

    await page
      .getByRole("button", { name: /authorize/i })
      .first()
      .click();
    const dialog = page.locator(".modal-ux");
    await dialog.locator("input[type=text], input[type=password]").first().fill(env().adminToken);
    // Swagger UI names its submit button "Apply credentials" for screen readers; it reads "Authorize".
    await dialog.locator("button.authorize").click();
    await dialog.locator("button.btn-done").click();

    const listSites = page.locator(".opblock-get", {
      has: page.locator('.opblock-summary-path[data-path="/v1/sites"]'),
    });
    await listSites.locator(".opblock-summary").click();
    await listSites.getByRole("button", { name: "Try it out" }).click();
    const answered = page.waitForResponse(
      (response) => new URL(response.url()).pathname === "/v1/sites" && response.request().method() === "GET",
    );
    await listSites.getByRole("button", { name: "Execute" }).click();
    const response = await answered;
    expect(response.status()).toBe(200);
    expect(response.request().headers().authorization).toBe(`Bearer ${env().adminToken}`);
    await expect
      .poll(() => listSites.locator(".live-responses-table tbody .response-col_status").first().textContent())
      .toContain("200");

    expect(outside).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as Recorded).violations)).toEqual([]);
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toContain(env().adminToken);
  });
});
