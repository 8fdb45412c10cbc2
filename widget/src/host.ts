import type { WidgetOptions } from "./options";
import css from "./launcher.css";

let sheet: CSSStyleSheet | undefined;

/**
 * The widget's host element with an open shadow root, so the page's CSS cannot reach the widget and the
 * widget's cannot reach the page: a new `<div>` in `target` (else the body), or a <feedloop-widget>.
 * A constructable stylesheet rather than a `<style>` element, because pages with a strict `style-src`
 * CSP block inline styles but not adopted sheets. Browsers without them (Safari before 16.4) throw at
 * `new CSSStyleSheet()`, before anything is added to the page. One sheet serves every instance; the panel
 * adds its own next to it when it loads (panel-entry.tsx).
 */
export function attach({ host: element, theme }: WidgetOptions, target?: Element | null) {
  sheet ||= new CSSStyleSheet();
  sheet.replaceSync(css);
  const host = element ?? document.createElement("div");
  if (!element) {
    host.setAttribute("data-feedloop", "");
    (target ?? document.body).append(host);
  }
  // Read by launcher.css: `dark`, `light`, or anything else for the visitor's preference.
  if (theme) host.setAttribute("theme", theme);
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [sheet];
  return { host, root };
}
