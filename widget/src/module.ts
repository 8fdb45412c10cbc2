/**
 * Entry point of dist/widget.mjs, the loader as a module, for pages that bundle or import modules:
 * `import { mount } from "https://HOST/widget.mjs"; mount({ site: "demo-shop", survey: "nps", target })`.
 * Importing it also defines <feedloop-widget>. The panel is dist/panel.js, loaded when needed (shell.ts).
 */
import { defineElement } from "./element";
import type { WidgetOptions } from "./options";
import { track } from "./prompt";
import { sendQueued } from "./queued";
import type { FeedloopApi } from "./shell";
import { start } from "./shell";

export type { FeedloopApi };
export type MountOptions = Omit<WidgetOptions, "base" | "host" | "segment" | "strings" | "autoPrompt"> &
  Partial<Pick<WidgetOptions, "base" | "segment" | "strings">> & {
    /** `false` forbids the survey's auto-prompts on this page. */
    autoPrompt?: boolean;
  };
/** `feedloop.track(name)` for modules: a named event from the page, for the survey's event triggers. */
export { track };

const base = new URL(import.meta.url).origin;

sendQueued(base);
defineElement(base);

/** Starts a widget: floating, or inline in `target`. Copies what it keeps, so the caller's objects stay theirs. */
export function mount(options: MountOptions): FeedloopApi {
  return start({
    ...options,
    base: options.base || base,
    segment: { ...options.segment },
    strings: { ...options.strings },
  });
}
