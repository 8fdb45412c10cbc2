/**
 * A random (version 4) UUID for the idempotency key. `crypto.randomUUID` exists only in secure
 * contexts (https or localhost), but the widget may be embedded on a plain-http intranet page, so
 * fall back to `getRandomValues`, which every browser offers everywhere (RFC 9562, section 5.4).
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
