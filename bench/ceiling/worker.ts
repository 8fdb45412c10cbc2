/**
 * The ceiling of bench:load: what this stack (wrangler dev, workerd, local D1) answers when a POST does
 * nothing but one D1 INSERT of the raw body. No routing, no validation, no reads: no Worker that stores
 * an answer can be faster here, so feedloop's POST /v1/responses is measured as a share of it.
 */
type Env = { DB: D1Database };

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // The runner's readiness probe.
    if (request.method !== "POST") return new Response("ceiling\n");
    const id = crypto.randomUUID();
    await env.DB.prepare("INSERT INTO responses (id, body) VALUES (?, ?)")
      .bind(id, await request.text())
      .run();
    // About the size and type of feedloop's own 201 ({id, followUp}).
    return new Response(JSON.stringify({ id }), { status: 201, headers: { "Content-Type": "application/json" } });
  },
} satisfies ExportedHandler<Env>;
