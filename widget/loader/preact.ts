/**
 * `import type {} from "@feedloop/widget/preact"` once in a Preact app types `<feedloop-widget>` in its TSX.
 */
import type { JSX as PreactJSX } from "preact";
import type { FeedloopWidgetAttributes } from "./index.js";

/**
 * The global attributes (class, id, style, ref, …) as Preact types them for an HTMLElement. Taken from
 * `<section>`'s, which are `HTMLAttributes<HTMLElement>` in both Preact 10 and 11: the name and home of
 * `HTMLAttributes` itself moved between them.
 */
type GlobalAttributes = PreactJSX.IntrinsicElements["section"];

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      "feedloop-widget": GlobalAttributes & FeedloopWidgetAttributes;
    }
  }
}

export type FeedloopWidgetProps = PreactJSX.IntrinsicElements["feedloop-widget"];
