/**
 * Picks the best available locale for a list of preferences (most preferred first), after RFC 4647
 * lookup: an exact tag wins, then the same language (`pt-BR` → `pt`, `zh-Hans-CN` → `zh`).
 */
export function pickLocale(preferences: string[], available: string[], fallback = "en"): string {
  const lower = new Map(available.map((tag) => [tag.toLowerCase(), tag]));
  for (const preference of preferences) {
    const subtags = preference.toLowerCase().split("-");
    for (let length = subtags.length; length > 0; length--) {
      const match = lower.get(subtags.slice(0, length).join("-"));
      if (match) return match;
    }
  }
  return lower.get(fallback) ?? available[0] ?? fallback;
}

/** Languages from an Accept-Language header, most preferred first (RFC 9110 §12.5.4). */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag!.trim(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter(({ tag, q }) => tag && tag !== "*" && q > 0)
    .sort((a, b) => b.q - a.q)
    .map(({ tag }) => tag);
}

const RTL_LANGUAGES = new Set(["ar", "fa", "he", "ur", "ps", "yi"]);
export const directionOf = (locale: string): "ltr" | "rtl" =>
  RTL_LANGUAGES.has(locale.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr";
