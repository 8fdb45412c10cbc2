import { render } from "./dom";
import type { ErrorBody } from "../../schema/common";
import type { WidgetConfig } from "../../schema/widget";
import { moveFocus } from "./focus";
import { attach } from "./host";
import { load, loadReplies } from "./load";
import type { WidgetOptions } from "./options";
import { buildPayload } from "./payload";
import { send } from "./queue";
import { idle, request } from "./request";
import type { View, WidgetState } from "./state";
import type { StartTurnstile } from "./turnstile";
import { Widget } from "./widget";

/** What the page can do with a widget: `window.feedloop`, or what `mount()` returns. */
export type FeedloopApi = {
  open(): void;
  close(): void;
  destroy(): void;
  /** Adds to (or changes) the segment sent with the next answer. */
  setSegment(segment: Record<string, string>): void;
};

/**
 * Starts one widget: the imperative shell that owns all state and re-renders the dumb components on
 * every change. Preact's top-level `render` is synchronous, so focus can be moved right after it.
 * `open` and `close` called before the config arrives take effect once it does.
 */
export function start(options: WidgetOptions): FeedloopApi {
  const { base, site } = options;
  let view = { comment: "", draft: "" } as View;
  let host: HTMLElement | undefined;
  let root: ShadowRoot;
  let destroyed: unknown;

  /** Focus follows when the element holding it goes away (the launcher on open, the form on submit). */
  const draw = (focus?: boolean) => {
    if (!host || destroyed) return;
    const focused = root.activeElement;
    render(Widget(view), root);
    root.querySelector<HTMLDialogElement>("dialog:not([open])")?.showModal();
    if (focus || (focused && !root.activeElement)) moveFocus(root);
  };

  const change = (patch: Partial<WidgetState>) => {
    Object.assign(view, { error: null }, patch);
    draw();
  };

  const toggle = (open: boolean) => {
    view.open = open;
    draw(true);
  };

  const actions = {
    change,
    show: () => toggle(true),
    // Focus goes back to the launcher, also when the browser closed the dialog (Escape) and took it first.
    hide: () => toggle(false),
    async submit() {
      const { strings } = view;
      if (view.sending) return;
      if (view.kind == "text" && !view.comment.trim()) return change({ error: strings.commentRequired });
      change({ sending: true });
      const outcome = await (view.send || send)(base, buildPayload(view, options, root));
      change({ sending: false, [outcome == "error" ? "error" : "done"]: strings[outcome] });
    },
  };
  Object.assign(view, actions);

  (async () => {
    const response = await request(
      `${base}/v1/widget/${site}/${options.survey}?locale=${options.locale || navigator.language}`,
    );
    const config: WidgetConfig = await response.json();
    // The server says what is wrong (an unknown site, an origin it does not list), readable across origins.
    if (!response.ok) throw (config as unknown as ErrorBody).error.message;
    // The target, and an async script's <body>, may not be parsed yet.
    if (document.readyState == "loading") await new Promise((resolve) => addEventListener("DOMContentLoaded", resolve));
    if (destroyed) return;
    const { services } = config;
    const { target } = options;
    const element = typeof target == "string" ? document.querySelector(target) : target;
    // The page's service when the survey lists it (any other would be refused, 422), else the only one.
    const listed = services.some((service) => service.id == options.service);
    const service = listed ? options.service : services[1] ? undefined : services[0]?.id;
    view = Object.assign(config, view, {
      strings: { ...config.strings, ...options.strings },
      inline: !!(options.host || element),
      // A class: only `bottom-left` is styled, bottom right is where it floats anyway.
      position: options.position || "",
      askService: !service && !!services[1],
      service,
    });
    ({ host, root } = attach(options, element));
    // A site that wants Turnstile: its challenge and queue (dist/turnstile.js) first, so that no answer
    // can be given without them.
    if (view.turnstile) load<StartTurnstile>(base + "/turnstile.js", view, host, draw);
    else draw(view.open);
    idle(() => loadReplies(view, base, site, root));
  })()
    // Whatever went wrong (network, unknown survey, an old browser), the page is better off without
    // a half-working widget: say why once, show nothing.
    .catch((error: unknown) => console.warn("feedloop:", error));

  return {
    open: actions.show,
    close: actions.hide,
    destroy() {
      destroyed = 1;
      if (!host) return;
      render(null, root);
      // A <feedloop-widget> is the page's own element: it stays.
      if (!options.host) host.remove();
    },
    setSegment(segment) {
      Object.assign(options.segment, segment);
    },
  };
}
