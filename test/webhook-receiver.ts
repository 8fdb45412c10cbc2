/**
 * The outside world of the Worker under test: miniflare sends every outbound fetch here. It plays
 * webhook receivers on https://hooks.test, the one outside party the tests mock:
 *   POST /receive/<name>        records the delivery, answers 204;
 *   POST /flaky/<name>/<n>      answers 500 to the first n deliveries, then records them;
 *   POST /redirect/<name>       answers 307 to /receive/<name> (a webhook must not follow it);
 *   GET  /log/<name>            the recorded deliveries, as JSON.
 * The same receivers answer on http://127.0.0.1 (any port): a receiver on the developer's machine, which only
 * WEBHOOK_ALLOW_LOCAL_HTTP=true lets a webhook use.
 * and Turnstile's siteverify (test/fake-turnstile.ts). Anything else is refused: tests have no network.
 * Also Cloudflare Access's signing keys (test/fake-access.ts).
 */
import { accessCerts, accessControl } from "./fake-access.ts";
import { siteverify, turnstileControl } from "./fake-turnstile.ts";

type Recorded = { headers: Record<string, string>; body: string };
const logs = new Map<string, Recorded[]>();
const failures = new Map<string, number>();

export async function webhookReceiver(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname === "challenges.cloudflare.com" && url.pathname === "/turnstile/v0/siteverify")
    return siteverify(request);
  if (url.hostname === "hooks.test" && url.pathname.startsWith("/turnstile/"))
    return turnstileControl(url.pathname.split("/")[2] ?? "");
  const team = /^([a-z0-9-]+)\.cloudflareaccess\.com$/.exec(url.hostname)?.[1];
  if (team) return accessCerts(request, team);
  if (url.hostname === "hooks.test" && url.pathname.startsWith("/access/"))
    return accessControl(request, url.pathname.split("/")[2] ?? "", url.pathname.split("/")[3] ?? "");
  if (url.hostname !== "hooks.test" && url.hostname !== "127.0.0.1")
    return new Response(`no network in tests: ${url.hostname}`, { status: 502 });
  const [kind, name = "", failTimes] = url.pathname.split("/").filter(Boolean);
  if (request.method === "GET" && kind === "log") return Response.json(logs.get(name) ?? []);
  if (request.method === "POST" && kind === "redirect")
    return Response.redirect(`https://hooks.test/receive/${name}`, 307);
  if (request.method !== "POST" || (kind !== "receive" && kind !== "flaky"))
    return new Response("not found", { status: 404 });
  const body = await request.text();
  if (kind === "flaky") {
    const failed = failures.get(name) ?? 0;
    if (failed < Number(failTimes)) {
      failures.set(name, failed + 1);
      return new Response("receiver down", { status: 500 });
    }
  }
  logs.set(name, [...(logs.get(name) ?? []), { headers: Object.fromEntries(request.headers), body }]);
  return new Response(null, { status: 204 });
}
