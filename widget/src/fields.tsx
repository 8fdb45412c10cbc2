import { h } from "./dom";
import { Scale } from "./scale";
import type { View, WidgetState } from "./state";
import { TextBox } from "./text-box";

/**
 * The survey's form: the score, which service (only when there is a choice to make), the topic, the
 * comment (required for `text` surveys, labelled by the survey's own prompt when it has one), and the
 * Turnstile challenge when the site wants one (turnstile.ts puts it in the page and slots it in here).
 * First, a honeypot for bots that fill in every field: off screen (styles.css), out of the Tab order,
 * hidden from assistive technology, and with no name or label for autofill to recognise. Its value is
 * sent as `website` (payload.ts); only a bot's is not empty.
 */
export function Fields(view: View) {
  const { strings, sending } = view;
  const optional = " " + strings.optional;
  return [
    <input tabIndex={-1} aria-hidden autocomplete="off" />,
    Scale(view),
    view.askService && Chips(view, "service", strings.service + optional, view.services),
    Chips(view, "topic", strings.topic + optional, view.topics),
    TextBox(
      view,
      "comment",
      (view.commentPrompt ?? strings.comment) + (view.kind == "text" ? "" : optional),
      view.error == strings.commentRequired,
    ),
    <slot name="turnstile" />,
    // Not disabled while sending: a disabled button loses focus, and the keyboard user with it.
    <button class="send" onClick={view.submit} disabled={!!view.scale && view.score == null}>
      {sending ? strings.sending : strings.submit}
    </button>,
  ];
}

/** Toggle buttons rather than radios, so a pick can be undone: the answer does not need one. */
const Chips = (
  view: View,
  field: "service" | "topic",
  legend: string,
  choices: { id: string; label?: string; name?: string }[],
) =>
  choices[0] && (
    <fieldset>
      <legend>{legend}</legend>
      {choices.map(({ id, label, name }) => (
        <button
          class="chip"
          aria-pressed={view[field] == id}
          onClick={() => view.change({ [field]: view[field] == id ? undefined : id } as Partial<WidgetState>)}
        >
          {label ?? name}
        </button>
      ))}
    </fieldset>
  );
