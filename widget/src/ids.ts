/**
 * A random (version 4) UUID for the idempotency key. Not `crypto.randomUUID`: it exists only in secure
 * contexts, and the widget may be embedded on a plain-http intranet page. A blob URL ends with a fresh
 * random UUID everywhere (File API, "generate a new blob URL"); the blob is empty and let go at once.
 */
export function randomId(): string {
  const url = URL.createObjectURL(new Blob());
  URL.revokeObjectURL(url);
  return url.slice(-36);
}
