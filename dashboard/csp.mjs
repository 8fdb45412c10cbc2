// The strict Content-Security-Policy of the pages the Worker serves to people: the dashboard (/admin) and
// the API reference (/docs). No inline script, no inline style, nothing from another origin.
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * A `_headers` rule giving every file under `pattern` the strict CSP (Workers static assets' syntax).
 * @param {string} pattern
 */
export function strictHeaders(pattern) {
  return `${pattern}
  Content-Security-Policy: ${STRICT_CSP}
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  Cache-Control: no-cache
`;
}
