import { signIn } from "./dashboard-session";
import { beforeAll, describe, expect, test } from "vitest";
import { strings } from "../../dashboard/src/strings";
import { env, seedSurvey, useBrowser } from "./helpers";

/**
 * Issue 7: "the page has a Content-Security-Policy with no inline script". The headers of what /admin
 * serves, the served HTML itself, and the running dashboard in Chromium: every view, signed in, with
 * not one CSP violation, and the key kept in sessionStorage only.
 */
const browser = useBrowser();

const VIEWS = ["overview", "services", "breakdowns", "inbox", "config"] as const;
const ADMIN_FILES = ["/admin/", "/admin/app.js", "/admin/admin.css", "/admin/favicon.svg"];

/** A CSP header as a map of directive name to its sources (names lowercased, as browsers compare them). */
function directivesOf(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

type Recorded = { violations: { directive: string; blocked: string; sample: string }[]; inlineRan?: boolean };

/**
 * Records CSP violations from the first script on, before the dashboard runs (an init script is exempt from the
 * CSP).
 */
function recordViolations(): void {
  const recorded = window as unknown as Recorded;
  recorded.violations = [];
  document.addEventListener(
    "securitypolicyviolation",
    (event) =>
      recorded.violations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      }),
    true,
  );
}

/** Inline handlers (onclick=…) and style attributes in a document or subtree: each would need 'unsafe-inline'. */
function inlineAttributes(root: Document | Element): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name) || attribute.name.toLowerCase() === "style")
        found.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
    }
  }
  return found;
}

let visitor = 0;
/** An answer from the site's own origin, each from another address (the per-visitor rate limit is 20 a minute). */
async function respond(site: string, survey: string, score: number, comment?: string): Promise<void> {
  const response = await fetch(`${env().workerUrl}/v1/responses`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: env().pageOrigin,
      "cf-connecting-ip": `192.0.2.${(visitor++ % 250) + 1}`,
      "user-agent": `csp-test/${visitor}`,
    },
    body: JSON.stringify({ site, survey, score, ...(comment ? { comment } : {}) }),
  });
  if (response.status !== 201) throw new Error(`POST /v1/responses → ${response.status} ${await response.text()}`);
}

// Answers to draw: every view then renders its charts, tables and inbox items, not only empty states.
beforeAll(async () => {
  const { site, survey } = await seedSurvey({ kind: "nps" });
  for (const [i, score] of [10, 9, 9, 8, 7, 6, 3, 10].entries())
    await respond(site, survey, score, i % 3 === 0 ? `Comment <b>${i}</b> onload=alert(1)` : undefined);
});

describe("dashboard: Content-Security-Policy", () => {
  test("everything under /admin comes with a CSP that runs scripts from 'self' only", async () => {
    for (const path of ADMIN_FILES) {
      const response = await fetch(`${env().workerUrl}${path}`);
      await response.arrayBuffer();
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const header = response.headers.get("content-security-policy");
      expect(header, `${path} has no Content-Security-Policy header`).toBeTruthy();
      const csp = directivesOf(header!);

      expect(["'none'", "'self'"], `default-src of ${path}`).toContain(csp.get("default-src")?.join(" "));
      // script-src itself, not a fallback to default-src: exactly 'self'.
      expect(csp.get("script-src"), `script-src of ${path}`).toEqual(["'self'"]);
      // The finer directives, when present, may only narrow it.
      for (const name of ["script-src-elem", "script-src-attr"]) {
        if (csp.has(name)) expect(["'self'", "'none'"], `${name} of ${path}`).toContain(csp.get(name)!.join(" "));
      }
      // Nowhere an unsafe keyword or a wildcard source.
      for (const [name, sources] of csp) {
        for (const source of sources) {
          expect({ path, name, source, unsafe: /^'unsafe-|^\*$|^https?:$|^\*\./i.test(source) }).toEqual({
            path,
            name,
            source,
            unsafe: false,
          });
        }
      }
    }
  });

  test("the served page has no inline script, no inline event handler and no style attribute", async () => {
    const html = await (await fetch(`${env().workerUrl}/admin/`)).text();
    const page = await browser.newPage();
    // The browser's own HTML parser, on a blank page: what it would build from the served bytes.
    const found = await page.evaluate(
      ([source, inlineAttributesSource]) => {
        const doc = new DOMParser().parseFromString(source!, "text/html");
        const inline = new Function(`return (${inlineAttributesSource})`)() as (root: Document) => string[];
        return {
          scripts: [...doc.querySelectorAll("script")].map((script) => ({
            src: script.getAttribute("src"),
            text: script.textContent?.trim() ?? "",
          })),
          styleElements: doc.querySelectorAll("style").length,
          inlineAttributes: inline(doc),
        };
      },
      [html, inlineAttributes.toString()],
    );
    expect(found.scripts.length).toBeGreaterThan(0);
    for (const script of found.scripts) {
      expect(script.src, "a <script> without src").toBeTruthy();
      expect(script.text, `the <script src="${script.src}"> has inline text too`).toBe("");
      // From the dashboard's own origin: a path, not another host.
      expect(script.src).toMatch(/^\/(?!\/)/);
    }
    expect(found.styleElements).toBe(0);
    expect(found.inlineAttributes).toEqual([]);
  });

  test("signed in, every view renders with not one CSP violation; the key is in sessionStorage only", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(recordViolations);
    const consoleRefusals: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleRefusals.push(message.text());
    });
    const requestsWithKey: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes(env().adminToken)) requestsWithKey.push(request.url());
    });
    await signIn(page);

    const token = env().adminToken;
    const keyPlaces = () =>
      page.evaluate((key) => {
        const values = (storage: Storage) =>
          Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i)!) ?? "");
        return {
          inHref: location.href.includes(key) || location.href.includes(encodeURIComponent(key)),
          inCookie: document.cookie.includes(key),
          inLocalStorage: values(localStorage).some((value) => value.includes(key)),
          inSessionStorage: values(sessionStorage).includes(key),
          inWindowName: window.name.includes(key),
        };
      }, token);
    const onlyInSessionStorage = {
      inHref: false,
      inCookie: false,
      inLocalStorage: false,
      inSessionStorage: true,
      inWindowName: false,
    };

    for (const view of VIEWS) {
      await page.getByRole("link", { name: strings.nav[view], exact: true }).click();
      await page.getByRole("heading", { level: 1, name: strings.nav[view], exact: true }).waitFor();
      await page.waitForLoadState("networkidle");
      // Views with employees' figures read the site and survey lists before their aggregate (its bucket depends on
      // them).
      await expect
        .poll(() => page.getByText(strings.common.loading, { exact: true }).count(), {
          message: `${view} keeps loading`,
          timeout: 10_000,
        })
        .toBe(0);
      if (view === "inbox") {
        // An open answer too: its detail, thread and forms.
        await page.locator(".inbox-item").first().click();
        await page.locator("section.inbox-detail h2").waitFor();
        await page.waitForLoadState("networkidle");
      }
      // What the dashboard rendered carries no inline handler or style either.
      expect({ view, inline: await page.evaluate(`(${inlineAttributes.toString()})(document)`) }).toEqual({
        view,
        inline: [],
      });
      expect({ view, ...(await keyPlaces()) }).toEqual({ view, ...onlyInSessionStorage });
    }
    // A reload keeps the session from sessionStorage, still with the key nowhere else.
    await page.reload();
    await page.getByRole("navigation", { name: "Sections" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await keyPlaces()).toEqual(onlyInSessionStorage);

    expect(await page.evaluate(() => (window as unknown as Recorded).violations)).toEqual([]);
    expect(consoleRefusals).toEqual([]);
    expect(requestsWithKey).toEqual([]);

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

    // Signing out forgets the key.
    await page.getByRole("button", { name: strings.nav.signOut }).click();
    await page.getByLabel(strings.signIn.label).waitFor();
    expect((await keyPlaces()).inSessionStorage).toBe(false);
  });
});
