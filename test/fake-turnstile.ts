/**
 * Cloudflare Turnstile's siteverify, as its documentation describes it for the dummy secret keys
 * (developers.cloudflare.com/turnstile/troubleshooting/testing/): tests have no network.
 *   1x0000000000000000000000000000000AA  always passes (hostname "example.com", like the real one)
 *   2x0000000000000000000000000000000AA  always fails
 *   3x0000000000000000000000000000000AA  "token already spent"
 * Any other secret is refused as Cloudflare refuses it. `POST https://hooks.test/turnstile/down` and
 * `/turnstile/up` make siteverify unreachable (the fetch itself fails) and reachable again;
 * `GET https://hooks.test/turnstile/calls` counts the verifications made.
 */
let down = false;
let calls = 0;

export function turnstileControl(action: string): Response {
  if (action === "down" || action === "up") {
    down = action === "down";
    return new Response(null, { status: 204 });
  }
  return Response.json({ calls });
}

export async function siteverify(request: Request): Promise<Response> {
  if (down) throw new Error("connect ECONNREFUSED challenges.cloudflare.com");
  calls += 1;
  const form = await request.formData();
  const secret = form.get("secret");
  const token = form.get("response");
  const now = new Date().toISOString();
  if (!token) return Response.json({ success: false, "error-codes": ["missing-input-response"] });
  switch (secret) {
    case "1x0000000000000000000000000000000AA":
      return Response.json({
        success: true,
        challenge_ts: now,
        hostname: "example.com",
        "error-codes": [],
        action: "",
        cdata: "",
      });
    case "2x0000000000000000000000000000000AA":
      return Response.json({ success: false, "error-codes": ["invalid-input-response"] });
    case "3x0000000000000000000000000000000AA":
      return Response.json({ success: false, "error-codes": ["timeout-or-duplicate"] });
    default:
      return Response.json({ success: false, "error-codes": ["invalid-input-secret"] });
  }
}
