import { h } from "./dom";
import { Fields } from "./fields";
import type { View } from "./state";

/**
 * The survey, after the team's replies when there are some. Opened by hand, it is a modal `<dialog>`
 * (panel-entry.tsx calls `showModal`), showing one of the two at a time: the browser keeps focus inside, makes
 * the page inert, closes it on Escape and puts it in the top layer, above any z-index. Opened by an auto-prompt,
 * it is a card: a labelled region floating where the launcher was, not modal, which leaves focus on the page
 * (the shell closes it on Escape), and says its question through a polite live region, off screen. Inline, it is a
 * labelled region showing both. `dir` and `lang` follow the survey's language. Labelled by whichever
 * headings exist. No `<form>`: nothing is posted by the browser, and buttons outside a form need no
 * `type`. On an internal site, the server's anonymity notice sits under the question and describes the
 * panel, so it is read out with the panel's name when focus moves there: who will see the answer, before
 * it is given. Elsewhere `n` names no element and is ignored (ARIA's rule for ID references), which costs
 * fewer bytes than leaving the attribute out.
 */
export function Panel(view: View) {
  const { inline, card, thread, done, error } = view;
  return h(
    // A labelled <section> is a region landmark.
    inline || card ? "section" : "dialog",
    {
      class: "panel " + (card ? "card " : "") + view.position,
      dir: view.dir,
      lang: view.locale,
      tabIndex: -1,
      "aria-labelledby": "r q",
      "aria-describedby": "n",
      onClose: view.hide,
    },
    !inline && (
      <button class="x" aria-label={view.strings.close} onClick={view.hide}>
        ×
      </button>
    ),
    card && (
      <p class="sr" role="status">
        {view.said && view.question}
      </p>
    ),
    thread?.Show(),
    (inline || !thread) && [
      <h2 id="q">{view.question}</h2>,
      view.anonymity && <p id="n">{view.anonymity}</p>,
      done ? (
        <p class="thanks" role="status">
          {done}
        </p>
      ) : (
        Fields(view)
      ),
    ],
    error && (
      <p class="msg" role="alert">
        {error}
      </p>
    ),
    view.threads?.(),
  );
}
