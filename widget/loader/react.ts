/**
 * `import type {} from "@feedloop/widget/react"` once in a React app (React 19 types, or 18.3
 * with `React.JSX`) types `<feedloop-widget>` in its TSX.
 */
import type { DetailedHTMLProps, HTMLAttributes, JSX } from "react";
import type { FeedloopWidgetAttributes, FeedloopWidgetElement } from "./index.js";

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "feedloop-widget": DetailedHTMLProps<HTMLAttributes<FeedloopWidgetElement>, FeedloopWidgetElement> &
        FeedloopWidgetAttributes;
    }
  }
}

export type FeedloopWidgetProps = JSX.IntrinsicElements["feedloop-widget"];
