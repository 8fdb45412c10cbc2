/**
 * Cloudflare Access's published signing keys, as `https://<team>.cloudflareaccess.com/cdn-cgi/access/certs`
 * serves them (a JWKS: `{keys: [{kid, kty, alg, use, n, e}]}`), for teams the tests make up:
 *   PUT  https://hooks.test/access/<team>/jwks   sets the team's JWKS (the body) and brings it up;
 *   POST https://hooks.test/access/<team>/down   makes the certs unreachable (the fetch itself fails);
 *   GET  https://hooks.test/access/<team>/hits   how many times the Worker fetched the certs.
 * A team with no JWKS answers 404, like an unknown team.
 */
const jwks = new Map<string, string>();
const down = new Set<string>();
const hits = new Map<string, number>();

export async function accessControl(request: Request, team: string, action: string): Promise<Response> {
  if (request.method === "PUT" && action === "jwks") {
    jwks.set(team, await request.text());
    down.delete(team);
    return new Response(null, { status: 204 });
  }
  if (request.method === "POST" && action === "down") {
    down.add(team);
    return new Response(null, { status: 204 });
  }
  if (request.method === "GET" && action === "hits") return Response.json({ hits: hits.get(team) ?? 0 });
  return new Response("not found", { status: 404 });
}

export function accessCerts(request: Request, team: string): Response {
  if (down.has(team)) throw new Error(`connect ECONNREFUSED ${team}.cloudflareaccess.com`);
  hits.set(team, (hits.get(team) ?? 0) + 1);
  const body = jwks.get(team);
  if (request.method !== "GET" || new URL(request.url).pathname !== "/cdn-cgi/access/certs" || !body)
    return new Response("not found", { status: 404 });
  return new Response(body, { headers: { "content-type": "application/json" } });
}
