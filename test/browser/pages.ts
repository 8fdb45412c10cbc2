import type { Fault, LoggedPost } from "./fault-proxy";
import { env, uid } from "./api";

async function control(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${env().pageOrigin}/__control/${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`harness ${method} ${path} → ${response.status}`);
  return response;
}

/** Serves `html` from the embedding site's origin under a fresh path; returns the page's URL. */
export async function servePage(html: string, headers: Record<string, string> = {}): Promise<string> {
  const path = `/${uid("page")}.html`;
  await control("PUT", "pages", { path, html, headers });
  return `${env().pageOrigin}${path}`;
}

/** The `<script>` tag a site owner pastes, loading widget.js through the fault proxy. */
export function widgetScript(attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join("");
  return `<script src="${env().proxyUrl}/widget.js"${attrs} async></script>`;
}

type PageParts = { head?: string; body?: string; title?: string };

/** A small, valid, accessible page (lang, title, a main landmark), so findings are the widget's own. */
export function htmlPage({ head = "", body = "", title = "feedloop browser test" }: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>${head}</head>
<body>
<main><h1>${escapeHtml(title)}</h1><p>Some page content above the widget.</p>${body}</main>
</body>
</html>`;
}

/** A page that embeds the widget with a script tag: `data-site`, `data-survey` and any other data- attributes. */
export function servedWidgetPage(
  data: Record<string, string>,
  parts: PageParts = {},
  headers: Record<string, string> = {},
): Promise<string> {
  const attributes = Object.fromEntries(Object.entries(data).map(([name, value]) => [`data-${name}`, value]));
  return servePage(htmlPage({ ...parts, body: `${parts.body ?? ""}${widgetScript(attributes)}` }), headers);
}

/** Makes the proxy hold, fail or drop the site's `POST /v1/responses` until `clearFault`. */
export async function setFault(site: string, fault: Fault): Promise<void> {
  await control("PUT", `faults/${site}`, fault);
}

export async function clearFault(site: string): Promise<void> {
  await control("DELETE", `faults/${site}`);
}

/** Every `POST /v1/responses` for the site that reached the proxy, in arrival order. */
export async function proxyLog(site: string): Promise<LoggedPost[]> {
  return (await control("GET", `log/${site}`)).json() as Promise<LoggedPost[]>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
