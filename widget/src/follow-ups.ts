/** Follow-up tokens let this browser read the team's replies later; a later version shows them. */
const MAX_TOKENS = 20;

export function followUpKey(site: string): string {
  return `feedloop:followups:${site}`;
}

/** Appends a token (newest last), keeping the last 20. Never throws: storage is a nicety here. */
export function rememberFollowUp(site: string, followUpToken: string): void {
  try {
    const key = followUpKey(site);
    const stored: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
    const tokens = Array.isArray(stored) ? stored.filter((item) => typeof item === "string") : [];
    tokens.push(followUpToken);
    localStorage.setItem(key, JSON.stringify(tokens.slice(-MAX_TOKENS)));
  } catch {
    // Storage can be disabled, full, or blocked in sandboxed iframes; the answer itself was saved.
  }
}
