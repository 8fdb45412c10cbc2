/** What the embedding page says about this widget, read from its `<script>` tag. */
export type Position = "bottom-right" | "bottom-left";

export type WidgetOptions = {
  /** Where the API lives: the origin the script itself was loaded from. */
  base: string;
  site: string;
  survey: string;
  /** Fixes the rated service, so the respondent is not asked which one. */
  service: string | null;
  locale: string | null;
  position: Position;
  segment: Record<string, string>;
};

const SEGMENT_PREFIX = "segment";

/** `null` when the tag lacks `data-site` or `data-survey`: without them there is nothing to ask. */
export function readOptions(script: HTMLScriptElement): WidgetOptions | null {
  const data = script.dataset;
  if (!data.site || !data.survey) return null;
  return {
    base: script.src ? new URL(script.src).origin : location.origin,
    site: data.site,
    survey: data.survey,
    service: data.service || null,
    locale: data.locale || null,
    position: data.position === "bottom-left" ? "bottom-left" : "bottom-right",
    segment: readSegment(data),
  };
}

/**
 * `data-segment-customer-type="smb"` arrives in the dataset as `segmentCustomerType`; the dimension
 * is what follows the prefix with its first letter lowered: `customerType`.
 */
function readSegment(data: DOMStringMap): Record<string, string> {
  const segment: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.length <= SEGMENT_PREFIX.length || !key.startsWith(SEGMENT_PREFIX) || !value) continue;
    const rest = key.slice(SEGMENT_PREFIX.length);
    segment[rest.charAt(0).toLowerCase() + rest.slice(1)] = value;
  }
  return segment;
}

/** The visitor's preferred language, which the server matches against the survey's translations. */
export function preferredLocale(options: WidgetOptions): string | null {
  return options.locale ?? navigator.languages?.[0] ?? navigator.language ?? null;
}
