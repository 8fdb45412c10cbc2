import type { WidgetConfig } from "../../schema/widget";
import type { WidgetOptions } from "./options";
import { preferredLocale } from "./options";

/** Loads what to show. Rejects on any failure, which the caller turns into "show nothing". */
export async function fetchConfig(options: WidgetOptions): Promise<WidgetConfig> {
  const path = `/v1/widget/${encodeURIComponent(options.site)}/${encodeURIComponent(options.survey)}`;
  const url = new URL(path, options.base);
  const locale = preferredLocale(options);
  if (locale) url.searchParams.set("locale", locale);
  // No cookies: the endpoint is public, and credentialed CORS would need the server's blessing per origin.
  const response = await fetch(url, { credentials: "omit" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as WidgetConfig;
}
