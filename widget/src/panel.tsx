import { h } from "./dom";
import { Fields } from "./fields";
import type { View } from "./state";

/**
 * The survey, after the team's replies when there are some. Floating, it is a modal `<dialog>` (the
 * shell calls `showModal`), showing one of the two at a time: the browser keeps focus inside, makes the
 * page inert, closes it on Escape and puts it in the top layer, above any z-index. Inline, it is a
 * labelled region showing both. `dir` and `lang` follow the survey's language. Labelled by whichever
 * headings exist. No `<form>`: nothing is posted by the browser, and buttons outside a form need no
 * `type`. On an internal site, the server's anonymity notice sits under the question and describes the
 * panel, so it is read out with the panel's name when focus moves there: who will see the answer, before
 * it is given. Elsewhere `n` names no element and is ignored (ARIA's rule for ID references), which costs
 * fewer bytes than leaving the attribute out.
 */
export function Panel(view: View) {
  const { inline, thread, done, error } = view;
  return h(
    // A labelled <section> is a region landmark.
    inline ? "section" : "dialog",
    {
      class: "panel " + view.position,
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
  );
}
