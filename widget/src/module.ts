/**
 * Entry point of dist/widget.mjs, for pages that bundle or import modules:
 * `import { mount } from "https://HOST/widget.mjs"; mount({ site: "demo-shop", survey: "nps", target })`.
 * Importing it also defines <feedloop-widget>.
 */
import { defineElement } from "./element";
import type { WidgetOptions } from "./options";
import { keepSending } from "./queue";
import type { FeedloopApi } from "./shell";
import { start } from "./shell";

export type { FeedloopApi };
export type MountOptions = Omit<WidgetOptions, "base" | "host" | "segment" | "strings"> &
  Partial<Pick<WidgetOptions, "base" | "segment" | "strings">>;

const base = new URL(import.meta.url).origin;

keepSending();
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
