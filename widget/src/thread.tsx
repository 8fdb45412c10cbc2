import { h } from "./dom";
import type { Reply } from "../../schema/followup";
import { followUpRequest } from "./follow-up-request";
import { followUps } from "./follow-ups";
import type { View } from "./state";
import { TextBox } from "./text-box";

type Found = { base: string; replies: Omit<Reply, "at">[]; site: string; token: string; newest: number };

/**
 * The team's replies to an earlier answer and a box to answer back. Reply text is rendered as text
 * nodes, never as HTML: it is written by people outside this page. Rendered only while on screen,
 * which is when the replies count as seen: the badge goes, and they stop showing on later pages.
 */
export function Thread(view: View, found: Found) {
  const { strings, thread } = view;
  const { replies, base, token } = found;
  if (!thread!.seen) {
    thread!.seen = true;
    followUps(found.site, (list) => list.map((item) => (item.token == token ? { ...item, seen: found.newest } : item)));
  }
  const send = async () => {
    const text = view.draft.trim();
    if (!text) return;
    // Emptied at once, so a second press cannot send the same reply twice.
    view.change({ draft: "" });
    const sent = await followUpRequest(base, token, "/replies", JSON.stringify({ text })).then(
      (response) => response.ok,
      () => false,
    );
    if (sent) replies.push({ from: "respondent", text });
    view.change(sent ? {} : { draft: text, error: strings.error });
  };
  return [
    <h2 id="r">{strings.replies}</h2>,
    // Internal sites: what deleting the answer does before and after its period's results are out.
    view.deletion && <p id="d">{view.deletion}</p>,
    <ul>
      {replies.map(({ from, text }) => (
        <li class={from}>
          <b>{from == "team" ? strings.team : strings.you}</b>
          {text}
        </li>
      ))}
    </ul>,
    TextBox(view, "draft", strings.answer),
    <button class="send" onClick={send}>
      {strings.submit}
    </button>,
    !view.inline && (
      <button class="chip" onClick={() => view.change({ thread: null })}>
        {strings.button}
      </button>
    ),
  ];
}
