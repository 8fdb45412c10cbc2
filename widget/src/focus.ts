/**
 * Where focus goes when it has to move: the panel itself (screen readers then announce its name and
 * any new message in it), or the launcher when it is closed.
 */
export const moveFocus = (root: ShadowRoot) => root.querySelector<HTMLElement>("[tabindex],button")!.focus();
