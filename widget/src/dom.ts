import type { ComponentChild, JSX as PreactJSX } from "preact";

/**
 * The widget's view layer: `h` for JSX (widget/tsconfig.json's jsxFactory) and `render`, which patches a
 * container's DOM to match, in place. It stands in for Preact's, whose 4.5 KB gzip alone would take more than
 * half of what a full submission may download (README "Widget size"): the panel's few, small, function-built
 * views need none of what that pays for (components with state, hooks, keys, context, hydration). The JSX
 * types are Preact's. What it does, as Preact does without keys:
 * - children are matched by position: the same tag keeps its element (so focus, the caret and an open dialog
 *   stay), another one is inserted before it; arrays nest, and `null`, `undefined` and booleans render nothing;
 * - `onX` props are the element's `onx` handlers; `value` and `checked` are live properties, set only when they
 *   differ (setting a text box's value moves its caret); every other prop is an attribute, as a string
 *   (`aria-hidden={true}` is "true"), absent when `null`, `undefined` or `false`, except `aria-*`, where `false`
 *   is "false" (ARIA's own value); a boolean attribute such as `disabled` is on whatever its value.
 * A prop an element had and no longer has is removed. Text is set as text, never parsed as HTML.
 */
type Child = VNode | string | number | boolean | null | undefined | Child[];
type VNode = { type: string; props: Record<string, unknown>; children: Child[] };
/** An element as `patch` left it: its props, to tell which ones went; handlers and live properties by name. */
type Patched = Element & Record<string, unknown> & { __props?: Record<string, unknown> };

export function h(type: string, props: Record<string, unknown> | null, ...children: unknown[]): PreactJSX.Element {
  return { type, props: props || {}, children } as unknown as PreactJSX.Element;
}
export declare namespace h {
  export namespace JSX {
    type Element = PreactJSX.Element;
    interface IntrinsicElements extends PreactJSX.IntrinsicElements {}
    interface ElementChildrenAttribute extends PreactJSX.ElementChildrenAttribute {}
  }
}

/** Makes `parent`'s children match `view` (none for `null`). */
export const render = (view: ComponentChild, parent: ParentNode) => patch(parent, [view as Child]);

/** Arrays nest; `null`, `undefined` and booleans (`cond && <p/>`) render nothing. */
const flatten = (children: Child[]): (VNode | string | number)[] =>
  children.flatMap((child) =>
    Array.isArray(child) ? flatten(child) : child == null || typeof child == "boolean" ? [] : [child],
  );

function patch(parent: ParentNode, children: Child[]): void {
  const wanted = flatten(children);
  wanted.forEach((child, index) => {
    const node = parent.childNodes[index];
    if (typeof child != "object") {
      const text = child + "";
      if (node?.nodeType != 3) parent.insertBefore(document.createTextNode(text), node ?? null);
      else if ((node as Text).data != text) (node as Text).data = text;
      return;
    }
    const { type, props } = child;
    const element = (
      (node as Element | undefined)?.localName == type
        ? node
        : parent.insertBefore(document.createElement(type), node ?? null)
    ) as Patched;
    for (const name in { ...element.__props, ...props }) {
      const value = props[name];
      if (name[0] == "o" && name[1] == "n") element[name.toLowerCase()] = value ?? null;
      else if (name == "value" || name == "checked") {
        if (element[name] !== value) element[name] = value;
      } else if (value != null && (value !== false || name[4] == "-")) element.setAttribute(name, value as string);
      else element.removeAttribute(name);
    }
    element.__props = props;
    patch(element, child.children);
  });
  while (parent.childNodes.length > wanted.length) parent.lastChild!.remove();
}
