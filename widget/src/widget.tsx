import { h } from "./dom";
import { Panel } from "./panel";
import type { View } from "./state";

/**
 * Everything in the shadow root. Floating: a launcher, swapped for the panel while it is open so the
 * two never overlap. Inline: the panel alone, in the page's flow.
 */
export function Widget(view: View) {
  const { strings, thread } = view;
  const unread = thread && !thread.seen;
  return view.inline || view.open ? (
    Panel(view)
  ) : (
    <button
      class={"launch " + view.position}
      dir={view.dir}
      lang={view.locale}
      // The dot alone says nothing to a screen reader; the name keeps the visible label first (WCAG 2.5.3).
      aria-label={unread ? strings.button + ", " + strings.newReply : undefined}
      onClick={view.show}
    >
      {strings.button}
      {unread && <i />}
    </button>
  );
}
