/**
 * A GET, or a POST when there is a body. A string body goes as `text/plain;charset=UTF-8` (Fetch
 * standard, "extract a body"), a CORS-safelisted content type, so there is no preflight; the server
 * parses it as JSON anyway. No cookies: fetch sends none to another origin unless told to (credentials
 * "same-origin"), and the API is public and sets none on its own origin either. After 8 s an answer
 * counts as lost, so it waits in the queue. Async, so that a browser without `AbortSignal.timeout`
 * (before 2022) rejects rather than throws.
 */
export const request = async (url: string, body?: string) =>
  fetch(url, { method: body && "POST", body, signal: AbortSignal.timeout(8e3) });

/** Work that can wait runs when the host page is idle. Safari has no `requestIdleCallback`. */
export const idle = (work: () => unknown) => (self.requestIdleCallback ?? setTimeout)(work);
