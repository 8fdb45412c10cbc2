import type { TargetedKeyboardEvent } from "preact";

// `[tabindex]` takes in the thank-you message, focusable by script only, so Tab cannot slip past it.
const FOCUSABLE = "button:enabled,input,select,textarea,[tabindex]";

/**
 * Keeps Tab inside the dialog, as `aria-modal` promises assistive technology. Only the two ends
 * need handling: between them the browser's own order (including one stop per radio group) holds.
 */
export function trapFocus(event: TargetedKeyboardEvent<HTMLElement>): void {
  const dialog = event.currentTarget;
  const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey && (active === first || active === dialog)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Where focus goes when the dialog opens: the thank-you message once answered, else the picked score,
 * the first score, or the comment box when there is no score. Tried one by one, because a selector
 * list would pick whichever comes first in the document, not first in this order.
 */
export function initialFocus(root: ShadowRoot): HTMLElement | null {
  for (const selector of [".thanks", "input:checked", ".pt input", "textarea"]) {
    const element = root.querySelector<HTMLElement>(selector);
    if (element) return element;
  }
  return null;
}
