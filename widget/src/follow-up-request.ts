/**
 * A request about one follow-up (replies.js only). Its token goes in the X-Follow-Up-Token header, not in the
 * URL, where access logs would keep it. A custom header needs a CORS preflight, which the browser caches. As
 * `request` does, it sends no cookies and gives up after 8 s.
 */
export const followUpRequest = (base: string, token: string, path: string, body?: string) =>
  fetch(base + "/v1/followup" + path, {
    method: body && "POST",
    body,
    headers: { "X-Follow-Up-Token": token },
    signal: AbortSignal.timeout(8e3),
  });
