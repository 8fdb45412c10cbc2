/**
 * Signing after the Standard Webhooks spec (standardwebhooks.com): the signature is
 * `v1,` + base64(HMAC-SHA256(secret bytes, `${id}.${timestamp}.${body}`)), the secret being the base64
 * after `whsec_`, and the timestamp in seconds.
 */
const encoder = new TextEncoder();

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
const toBase64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

export async function signDelivery(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): Promise<Record<string, string>> {
  const key = await crypto.subtle.importKey(
    "raw",
    fromBase64(secret.replace(/^whsec_/, "")),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(`${id}.${timestampSeconds}.${body}`));
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": `v1,${toBase64(signature)}`,
  };
}

export function newSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;
}

/**
 * Delay before the next attempt: exponential from `baseSeconds`, capped at an hour, with "equal jitter" (half fixed,
 * half random) so retries spread out. A base of 0 retries at once (the tests, which wait for every retry).
 */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  if (baseSeconds <= 0) return 0;
  const ceiling = Math.min(3600, baseSeconds * 2 ** Math.max(0, attempts - 1));
  return Math.max(1, Math.round(ceiling / 2 + (Math.random() * ceiling) / 2));
}
