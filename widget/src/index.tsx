/**
 * Entry point of dist/widget.js, embedded as
 * `<script src="https://HOST/widget.js" data-site="demo-shop" data-survey="nps" async></script>`.
 */
import { fetchConfig } from "./api";
import type { WidgetOptions } from "./options";
import { readOptions } from "./options";
import type { FeedloopApi } from "./shell";
import { showWidget } from "./shell";

declare global {
  interface Window {
    feedloop?: FeedloopApi;
  }
}

// Read now: `document.currentScript` is only set while this script's top level runs, async or not.
const script = document.currentScript as HTMLScriptElement | null;

/** Starts one widget; `open` and `close` called before the config arrives take effect once it does. */
export function start(options: WidgetOptions): FeedloopApi {
  let widget: FeedloopApi | null = null;
  let openWhenShown = false;
  let destroyed = false;
  Promise.all([fetchConfig(options), bodyReady()])
    .then(([config]) => {
      if (destroyed) return;
      widget = showWidget(config, options);
      if (openWhenShown) widget.open();
    })
    // Whatever went wrong (network, unknown survey, an old browser), the page is better off without
    // a half-working widget: say why once, show nothing.
    .catch((error: unknown) => console.warn("feedloop: not shown:", error));
  return {
    open: () => (widget ? widget.open() : (openWhenShown = true)),
    close: () => (widget ? widget.close() : (openWhenShown = false)),
    destroy() {
      destroyed = true;
      widget?.destroy();
    },
  };
}

/** An async script in `<head>` may run before `<body>` exists. */
function bodyReady(): Promise<unknown> {
  if (document.body) return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

const options = script && readOptions(script);
if (options) window.feedloop = start(options);
else console.warn("feedloop: the <script> tag needs data-site and data-survey");
