import type { h as createElement } from "preact";

/**
 * Stands in for "preact" in dist/replies.js (build.mjs): the replies view renders into the widget's
 * tree, so it uses the widget's own Preact, handed over when it loads (replies.ts), not a second copy.
 */
export let h: typeof createElement;

export const useWidgetPreact = (widgetH: typeof createElement) => {
  h = widgetH;
};
