import type { ErrorBody } from "../../schema/common";
import { followUps } from "./follow-ups";
import { attach } from "./host";
import { drawLauncher } from "./launcher";
import { load } from "./load";
import type { WidgetOptions } from "./options";
import type { StartPanel } from "./panel-entry";
import { arm, noteDone, noteShown } from "./prompt";
import { idle } from "./request";
import type { View } from "./state";
import type { StartTurnstile } from "./turnstile";

/** What the page can do with a widget: `window.feedloop`, or what `mount()` returns. */
export type FeedloopApi = {
  open(): void;
  close(): void;
  destroy(): void;
  /** Adds to (or changes) the segment sent with the next answer. */
  setSegment(segment: Record<string, string>): void;
};

/**
 * Starts one widget: the imperative shell that owns all state and redraws on every change. It is the loader's,
 * plain DOM: it fetches the config, draws the launcher and arms auto-prompts, and loads dist/panel.js
 * (panel-entry.tsx), which renders the panel, when the panel opens (at once inline), or at idle when it will
 * likely be needed.
 * `open` and `close` called before the config arrives take effect once it does.
 */
export function start(options: WidgetOptions): FeedloopApi {
  const { base, site, survey } = options;
  const view = { comment: "", draft: "" } as View;
  const launcher = document.createElement("button");
  let host: HTMLElement | undefined;
  let root: ShadowRoot;
  let ready: unknown;
  let destroyed: unknown;
  let panel: HTMLScriptElement | undefined;

  /** Once; again on the next open after it failed to load (offline, blocked), while the launcher stays. */
  const loadPanel = () => {
    if (panel) return;
    // An answer given, or a card dismissed, ends auto-prompting for a while (prompt.ts).
    panel = load<StartPanel>(
      base + "/panel.js",
      view,
      root,
      options,
      draw,
      load,
      () => noteDone(site),
      followUps(site)[0],
    );
    panel.onerror = () => {
      panel!.remove();
      panel = undefined;
    };
  };

  /** The launcher here; the panel, focus and the displays it counts in dist/panel.js (panel-entry.tsx). */
  const draw = (focus?: boolean) => {
    if (!ready || destroyed) return;
    const focused = root.activeElement;
    if (view.inline || view.open) loadPanel();
    // Floating, the launcher stays until the panel can take its place, so the two never overlap.
    drawLauncher(root, launcher, view, !view.inline && !(view.open && view.paint));
    view.paint?.(focus, focused);
  };

  Object.assign(view, {
    // By hand (the launcher, `open()`): always the modal dialog, also over an auto-opened card, whatever fatigue says.
    show() {
      view.card = false;
      view.open = true;
      draw(true);
    },
    // Until the panel brings its own (panel-entry.tsx), there is nothing on screen to close.
    hide() {
      view.open = false;
    },
  });

  /** What an auto-prompt calls (prompt.ts, at most once per page): the card, unless the panel is open already. */
  const showAuto = () => {
    if (view.open || destroyed) return;
    noteShown(site, survey);
    view.card = view.open = true;
    draw();
  };

  (async () => {
    const response = await fetch(`${base}/v1/widget/${site}/${survey}?locale=${options.locale || navigator.language}`);
    const config: View = await response.json();
    // The server says what is wrong (an unknown site, an origin it does not list), readable across origins.
    if (!response.ok) throw (config as unknown as ErrorBody).error.message;
    // The target, and an async script's <body>, may not be parsed yet.
    if (document.readyState == "loading") await new Promise((resolve) => addEventListener("DOMContentLoaded", resolve));
    if (destroyed) return;
    const { target, autoPrompt } = options;
    const element = typeof target == "string" ? document.querySelector(target) : target;
    Object.assign(view, config, {
      strings: { ...config.strings, ...options.strings },
      inline: !!(options.host || element),
      // A class: only `bottom-left` is styled, bottom right is where it floats anyway.
      position: options.position || "",
    });
    ({ host, root } = attach(options, element));
    const reveal = (focus?: boolean) => {
      ready = 1;
      draw(focus);
    };
    // A site that wants Turnstile: its challenge and queue (dist/turnstile.js) first, so that no answer can be
    // given without them.
    if (view.turnstile) load<StartTurnstile>(base + "/turnstile.js", view, host, reveal);
    else reveal(view.open);
    // The page may forbid auto-prompts: `data-auto-prompt="off"`, `auto-prompt="off"`, `autoPrompt: false`.
    const { prompt } = config;
    const asks = prompt && autoPrompt !== false && autoPrompt != "off";
    if (asks) arm({ base, site, survey, audience: view.audience, segment: options.segment, prompt }, showAuto);
    // The panel ready before it is needed: replies to look for (it loads replies.js), or a prompt that may show.
    if (asks || followUps(site)[0]) idle(loadPanel);
  })()
    // Whatever went wrong (network, unknown survey, an old browser), the page is better off without
    // a half-working widget: say why once, show nothing.
    .catch((error: unknown) => console.warn("feedloop:", error));

  return {
    open: view.show,
    close: () => view.hide(),
    destroy() {
      destroyed = 1;
      view.card = false;
      if (!host) return;
      // The panel's tree goes with it. A <feedloop-widget> is the page's own element: it stays.
      root.replaceChildren();
      if (!options.host) host.remove();
    },
    setSegment(segment) {
      Object.assign(options.segment, segment);
    },
  };
}
