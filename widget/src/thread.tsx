import { h } from "./dom";
import type { FollowUpAnswer, Reply } from "../../schema/followup";
import { followUpRequest } from "./follow-up-request";
import { followUps } from "./follow-ups";
import type { View } from "./state";
import { TextBox } from "./text-box";
import type { Conversation, Navigation } from "./threads";

/** The highest score of each scale, to show a score as "4/5"; thumbs and text show no number. */
const MAX: Record<string, number> = { nps: 10, csat: 5, ces: 7 };

/** A short date and time in the survey's language, in the visitor's time zone. */
export const when = (view: View, at: string) =>
  new Intl.DateTimeFormat(view.locale, { dateStyle: "short", timeStyle: "short" }).format(new Date(at));

export const Time = (view: View, at: string) => <time dateTime={at}>{when(view, at)}</time>;

/** What the respondent gave, in a line: "4/5", or a thumbs answer's word; the service when this survey names it. */
export function summary(view: View, { kind, score, service }: FollowUpAnswer) {
  const { strings } = view;
  const rated = view.services.find((known) => known.id == service)?.name;
  const given =
    score == null ? "" : kind == "thumbs" ? (score ? strings.thumbsUp : strings.thumbsDown) : score + "/" + MAX[kind];
  return [given, rated].filter((part) => part).join(" · ");
}

/**
 * One conversation: the respondent's answer on top, then the replies with their times, and a box to
 * answer back. Text from the server is rendered as text nodes, never as HTML: it is written by people
 * outside this page. Rendered only while on screen, which is when its team replies count as seen: the
 * badge goes, and it stops showing first on later pages.
 */
export function Thread(view: View, conversation: Conversation, navigation: Navigation) {
  const { strings, thread } = view;
  const { answer, replies, token } = conversation;
  if (!thread!.seen) {
    thread!.seen = true;
    conversation.seen = conversation.newest;
    followUps(navigation.site, (list) =>
      list.map((item) => (item.token == token ? { ...item, seen: conversation.newest } : item)),
    );
  }
  const send = async () => {
    const text = view.draft.trim();
    if (!text) return;
    // Emptied at once, so a second press cannot send the same reply twice.
    view.change({ draft: "" });
    const sent = await followUpRequest(navigation.base, token, "/replies", JSON.stringify({ text })).then(
      (response) => (response.ok ? (response.json() as Promise<Reply>) : null),
      () => null,
    );
    if (sent) replies.push(sent);
    view.change(sent ? {} : { draft: text, error: strings.error });
  };
  const given = summary(view, answer);
  return [
    <h2 id="r">{strings.replies}</h2>,
    // Internal sites: what deleting the answer does before and after its period's results are out.
    view.deletion && <p id="d">{view.deletion}</p>,
    <ul>
      <li class="answer">
        <b>
          {strings.yourAnswer} {Time(view, answer.at)}
        </b>
        {given && <span>{given}</span>}
        {answer.comment}
      </li>
      {replies.map(({ from, text, at }) => (
        <li class={from}>
          <b>
            {from == "team" ? strings.team : strings.you} {Time(view, at)}
          </b>
          {text}
        </li>
      ))}
    </ul>,
    TextBox(view, "draft", strings.answer),
    <button class="send" onClick={send}>
      {strings.submit}
    </button>,
    navigation.others > 0 && (
      <button class="chip" onClick={navigation.list}>
        {strings.yourFeedback + " (" + (navigation.others + 1).toLocaleString(view.locale) + ")"}
      </button>
    ),
    !view.inline && (
      <button class="chip" onClick={navigation.back}>
        {strings.button}
      </button>
    ),
    <button class="chip" onClick={navigation.close}>
      {strings.closeThread}
    </button>,
  ];
}
