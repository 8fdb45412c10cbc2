/**
 * Entry point of dist/widget.js, the loader, embedded as
 * `<script src="https://HOST/widget.js" data-site="demo-shop" data-survey="nps" async></script>`.
 * Without data-site it only defines <feedloop-widget> (and still sends queued answers, and takes `track`).
 * The panel is dist/panel.js, loaded when needed (shell.ts).
 */
import { defineElement } from "./element";
import { readOptions } from "./options";
import { track } from "./prompt";
import { sendQueued } from "./queued";
import type { FeedloopApi } from "./shell";
import { start } from "./shell";

declare global {
  interface Window {
    /**
     * The widget's API, and `track`. Before the loader arrives, a page may put a stub here that queues event
     * names in `q`: `window.feedloop = { q: [], track(name) { this.q.push(name) } }`.
     */
    feedloop?: Partial<FeedloopApi> & { q?: string[]; track(name: string): void };
  }
}

// Read now: `document.currentScript` is only set while this script's top level runs, async or not.
const script = document.currentScript;
const base = new URL((script as HTMLScriptElement | null)?.src || location.href).origin;
const options = script && readOptions(script, "data-", base);

sendQueued(base);
defineElement(base);
// Events the page tracked before the loader arrived, in order, then the real API in the stub's place.
for (const name of window.feedloop?.q ?? []) track(name);
window.feedloop = { ...(options?.site && start(options)), track };
