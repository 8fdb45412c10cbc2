import { readOptions } from "./options";
import type { FeedloopApi } from "./shell";
import { start } from "./shell";

/**
 * `<feedloop-widget site="..." survey="..." segment-team="sales">` for pages built with frameworks:
 * the widget renders inline in the element's own shadow root, from its attributes as they are when it
 * is connected, and is destroyed when the element is removed. The API is where the script came from.
 */
export function defineElement(base: string): void {
  customElements.get("feedloop-widget") ||
    customElements.define(
      "feedloop-widget",
      class extends HTMLElement {
        declare widget?: FeedloopApi;
        connectedCallback() {
          this.widget = start({ ...readOptions(this, "", base), host: this });
        }
        disconnectedCallback() {
          this.widget?.destroy();
        }
      },
    );
}
