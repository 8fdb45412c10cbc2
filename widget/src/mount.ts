import type { Position } from "./options";
import { css } from "./styles";

export type Mount = { host: HTMLElement; root: ShadowRoot };

/**
 * One host element with an open shadow root, so the page's CSS cannot reach the widget and the
 * widget's cannot reach the page. A constructable stylesheet rather than a `<style>` element, because
 * pages with a strict `style-src` CSP block inline styles but not adopted sheets. Browsers without
 * them (Safari before 16.4) throw at `new CSSStyleSheet()`, before anything is added to the page.
 */
export function mount(position: Position): Mount {
  const host = document.createElement("div");
  host.setAttribute("data-feedloop", "");
  host.setAttribute("data-position", position);
  const root = host.attachShadow({ mode: "open" });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  document.body.appendChild(host);
  return { host, root };
}
