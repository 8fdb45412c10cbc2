import type { UiStrings } from "../../schema/widget";

/** How one widget is set up: from a script tag's data-*, a <feedloop-widget>'s attributes, or `mount()`. */
export type WidgetOptions = {
  /** The API's origin: where the script itself came from, unless `mount` is told otherwise. */
  base: string;
  site: string;
  survey: string;
  /** Fixes the rated service, so the respondent is not asked which one. */
  service?: string;
  locale?: string;
  position?: "bottom-right" | "bottom-left";
  /** `auto` (the default) follows the visitor's `prefers-color-scheme`. */
  theme?: "light" | "dark" | "auto";
  /** Shows the panel inline in this element (or the first match of this selector) instead of floating. */
  target?: Element | string | null;
  /** A <feedloop-widget>: the widget renders inline in its own shadow root. */
  host?: HTMLElement;
  /** The intranet's signed token for the employee (README: "Intranet identity"), sent with every answer. */
  respondentToken?: string;
  /** Sent with every answer; `setSegment` adds to it. */
  segment: Record<string, string>;
  /** The page's own wording, over the server's. */
  strings: Partial<UiStrings>;
  /**
   * Forbids the survey's auto-prompts on this page (README "Asking at the right moment"): `data-auto-prompt="off"`
   * on the script tag, `auto-prompt="off"` on the element, `autoPrompt: false` in `mount()`.
   */
  autoPrompt?: "off" | boolean;
};

/**
 * Options from an element's attributes after `prefix`: a script tag's `data-*`, or a <feedloop-widget>'s
 * own. Names are camelCased as in a dataset; `segment-customer-type="smb"` becomes
 * `segment.customerType`, and `text-button` becomes `strings.button`. Empty values count as unset.
 */
export function readOptions(element: Element, prefix: string, base: string): WidgetOptions {
  const options: Record<string, string> = { base };
  const segment: Record<string, string> = {};
  const strings: Record<string, string> = {};
  for (const { name, value } of element.attributes) {
    const [, group, key] = name.match(`^${prefix}(segment-|text-)?(.+)`) ?? [];
    const into = group ? (group == "text-" ? strings : segment) : options;
    if (key && value) into[key.replace(/-(.)/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  return { ...options, segment, strings } as WidgetOptions;
}
