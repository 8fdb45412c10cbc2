/**
 * Entry point of dist/panel.js: the panel (the survey's form, the modal dialog, the inline region and the
 * auto-opened card) with its view layer (dom.ts) and the answer queue (queue.ts), which the loader (shell.ts)
 * loads when the panel opens, at once for an inline widget, or at idle when it will likely be needed. It brings
 * the panel's stylesheet, renders into a box of its own in the widget's shadow root (the launcher is the
 * loader's), counts displays, and loads replies.js for a respondent who has answered on this site before.
 */
import { render } from "./dom";
import { moveFocus } from "./focus";
import type { load } from "./load";
import type { WidgetOptions } from "./options";
import { Panel } from "./panel";
import css from "./panel.css";
import { buildPayload } from "./payload";
import { send } from "./queue";
import type { ShowReplies } from "./replies";
import type { View } from "./state";

/** What the loader gets from this script's element (load.ts): its `draw` and `load`, and what to do once answered. */
export type StartPanel = (
  view: View,
  root: ShadowRoot,
  options: WidgetOptions,
  draw: (focus?: boolean) => void,
  loadPart: typeof load,
  /** An answer was given, or an auto-opened card dismissed: auto-prompts rest (prompt.ts, in the loader). */
  done: () => void,
  /** Replies can only exist for a respondent who has answered on this site before: only they load the code. */
  replies?: unknown,
) => void;

const start: StartPanel = (view, root, options, draw, loadPart, done, replies) => {
  const { base, site } = options;
  const { services } = view;
  // The page's service when the survey lists it (any other would be refused, 422), else the only one.
  const listed = services.some((service) => service.id == options.service);
  view.service = listed ? options.service : services[1] ? undefined : services[0]?.id;
  view.askService = !view.service && !!services[1];
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const box = root.appendChild(document.createElement("div"));

  view.change = (patch) => {
    Object.assign(view, { error: null }, patch);
    draw();
  };
  // Focus goes back to the launcher, also when the browser closed the dialog (Escape) and took it first; not
  // from the page after a card was dismissed.
  view.hide = () => {
    const { card } = view;
    if (card && !view.done) done();
    view.card = view.said = view.open = false;
    draw(!card);
  };

  view.submit = async () => {
    const { strings } = view;
    if (view.sending) return;
    if (view.kind == "text" && !view.comment.trim()) return view.change({ error: strings.commentRequired });
    view.change({ sending: true });
    // Through Turnstile's queue when the site wants it (turnstile.ts).
    const outcome = await (view.send || send)(base, buildPayload(view, options, root));
    if (outcome != "error") done();
    view.change({ sending: false, [outcome == "error" ? "error" : "done"]: strings[outcome] });
  };

  let counted: unknown;
  // The card is not modal: Escape reaches it from the page. One listener, which acts only while a card is shown.
  document.addEventListener("keydown", (event) => view.card && event.key == "Escape" && view.hide());

  /**
   * `render` (dom.ts) is synchronous, so focus can be moved right after it: to the panel when asked, or when
   * the element holding it went away (the launcher on open, the form on submit); never by a card.
   */
  view.paint = (focus, focused) => {
    const { card, thread, strings } = view;
    render(view.inline || view.open ? Panel(view) : null, box);
    // The launcher (the loader's, launcher.ts) shows a dot while a team reply is unread. The dot alone says nothing
    // to a screen reader; the name keeps the visible label first (WCAG 2.5.3).
    const launcher = root.querySelector(".launch");
    if (launcher && thread && !thread.seen) {
      launcher.setAttribute("aria-label", strings.button + ", " + strings.newReply);
      launcher.append(document.createElement("i"));
    }
    root.querySelector<HTMLDialogElement>("dialog:not([open])")?.showModal();
    if ((focus && !card) || (focused && !root.activeElement)) moveFocus(root);
    // Its live region gets its text once it is in the page: screen readers announce a change to a live region,
    // not one that arrives with its text already in it.
    if (card && !view.said) setTimeout(() => view.card && view.change({ said: true }), 99);
    // A display, each time the form comes on screen: floating, opened (not on the team's replies); inline,
    // scrolled into view. Once per showing: re-renders are not another one. Fire and forget: a lost one is not
    // worth a retry queue. A string body goes as text/plain, with no preflight (request.ts).
    const shown = !view.done && (view.inline ? view.visible : view.open && !view.thread);
    if (shown && !counted)
      fetch(base + "/v1/displays", { method: "POST", body: JSON.stringify({ site, survey: view.survey }) }).catch(
        () => {},
      );
    counted = shown;
  };

  // Inline, the form is shown (a display, above) once it is on screen.
  if (view.inline)
    new IntersectionObserver((entries, observer) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      view.visible = true;
      draw();
    }).observe(box);

  if (replies) loadPart<ShowReplies>(base + "/replies.js", view, base, site, root);
  draw(view.open);
};

(document.currentScript as HTMLScriptElement & { feedloop: StartPanel }).feedloop = start;
