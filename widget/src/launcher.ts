import type { View } from "./state";

/**
 * The floating button, drawn by the loader without the panel's code: the survey's label, in the shadow root
 * only while `shown`. Moved in only when it is out, since moving the element that has focus would lose it.
 * Its unread-reply dot is the panel's to add (panel-entry.tsx): only the panel's replies.js can know of one.
 */
export function drawLauncher(root: ShadowRoot, button: HTMLButtonElement, view: View, shown: boolean): void {
  if (!shown) {
    button.remove();
    return;
  }
  // A class: only `bottom-left` is styled, bottom right is where it floats anyway.
  button.className = "launch " + view.position;
  button.dir = view.dir;
  button.lang = view.locale;
  button.onclick = view.show;
  button.replaceChildren(view.strings.button);
  button.removeAttribute("aria-label");
  if (!button.isConnected) root.prepend(button);
}
