/**
 * Entry point of dist/widget.js, embedded as
 * `<script src="https://HOST/widget.js" data-site="demo-shop" data-survey="nps" async></script>`.
 * Without data-site it only defines <feedloop-widget> (and still sends queued answers).
 */
import { defineElement } from "./element";
import { readOptions } from "./options";
import { keepSending } from "./queue";
import type { FeedloopApi } from "./shell";
import { start } from "./shell";

declare global {
  interface Window {
    feedloop?: FeedloopApi;
  }
}

// Read now: `document.currentScript` is only set while this script's top level runs, async or not.
const script = document.currentScript;
const base = new URL((script as HTMLScriptElement | null)?.src || location.href).origin;
const options = script && readOptions(script, "data-", base);

keepSending();
defineElement(base);
if (options?.site) window.feedloop = start(options);
