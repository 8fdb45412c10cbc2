import { h } from "./dom";
import type { FollowUpAnswer, Reply } from "../../schema/followup";
import { followUps } from "./follow-ups";
import type { View } from "./state";
import { summary, Thread, Time, when } from "./thread";

/** An answer of this respondent's that has replies. `seen` and `newest`: times of team replies, as in follow-ups.ts. */
export type Conversation = { token: string; seen: number; newest: number; answer: FollowUpAnswer; replies: Reply[] };

/** What a thread view can do besides answering: go to the other conversations or the survey, or close this one. */
export type Navigation = { base: string; site: string; others: number; list(): void; back(): void; close(): void };

const unread = (conversation: Conversation) => conversation.newest > conversation.seen;

/**
 * Keeps every conversation reachable until the respondent closes it or its answer is deleted: under the
 * survey, a "Your feedback (n)" entry (marked while a team reply is unread) opens the one conversation, or
 * the list of them, newest answer first. A thread with an unread team reply shows first, as the widget
 * opens, unless the respondent has begun an answer meanwhile: that is not pulled away from under them.
 * Closing forgets the token in this browser only, and can be undone until the next move.
 */
export function keepReachable(view: View, base: string, site: string, root: ShadowRoot, found: Conversation[]) {
  const { strings } = view;
  const conversations = found.sort((a, b) => (a.answer.at < b.answer.at ? 1 : -1));
  let closed: { conversation: Conversation; index: number } | null = null;

  // After a move the respondent made, focus goes to the panel, which screen readers announce by its new heading.
  // (The view layer may keep the focused button for another one in the same place.)
  const moved = () => root.querySelector<HTMLElement>(".panel")?.focus();
  // Seen once rendered (thread.tsx): until then, the launcher shows the badge.
  const open = (conversation: Conversation, byHand?: boolean) => {
    closed = null;
    const navigation: Navigation = {
      base,
      site,
      others: conversations.length - 1,
      list,
      back,
      close: () => close(conversation),
    };
    view.change({ thread: { Show: () => Thread(view, conversation, navigation) } });
    if (byHand) moved();
  };
  const list = () => {
    closed = null;
    view.change({ thread: { seen: true, Show: List } });
    moved();
  };
  const back = () => {
    view.change({ thread: null });
    moved();
  };
  const close = (conversation: Conversation) => {
    const index = conversations.indexOf(conversation);
    conversations.splice(index, 1);
    closed = { conversation, index };
    followUps(site, (stored) => stored.filter((item) => item.token != conversation.token));
    view.change({ thread: null });
    root.querySelector<HTMLElement>(".undo")?.focus();
  };
  const undo = () => {
    const { conversation, index } = closed!;
    conversations.splice(index, 0, conversation);
    followUps(site, (stored) => [...stored, { token: conversation.token, seen: conversation.seen, replied: 1 }]);
    open(conversation, true);
  };

  /** The entry, under the survey: one conversation opens at once, several as a list. */
  const Entry = () => {
    if (view.thread) return;
    const any = conversations.some(unread);
    const label = strings.yourFeedback + " (" + conversations.length.toLocaleString(view.locale) + ")";
    return [
      closed && [
        <p role="status" class="closed">
          {strings.threadClosed}
        </p>,
        <button class="chip undo" onClick={undo}>
          {strings.undo}
        </button>,
      ],
      conversations[0] && (
        <button
          class="chip entry"
          aria-label={any ? label + ", " + strings.newReply : undefined}
          onClick={() => (conversations[1] ? list() : open(conversations[0]!, true))}
        >
          {label}
          {any && <i />}
        </button>
      ),
    ];
  };

  /** A list item's text, for its accessible name when the dot is there too. */
  const name = ({ answer }: Conversation) =>
    [when(view, answer.at), summary(view, answer), answer.comment].filter((part) => part).join(" ");

  function List() {
    return [
      <h2 id="r">{strings.yourFeedback}</h2>,
      <ul>
        {conversations.map((conversation) => (
          <li>
            <button
              class="chip t"
              aria-label={unread(conversation) ? name(conversation) + ", " + strings.newReply : undefined}
              onClick={() => open(conversation, true)}
            >
              {unread(conversation) && <i />}
              {Time(view, conversation.answer.at)} {summary(view, conversation.answer)} {conversation.answer.comment}
            </button>
          </li>
        ))}
      </ul>,
      !view.inline && (
        <button class="chip" onClick={back}>
          {strings.button}
        </button>
      ),
    ];
  }

  view.threads = Entry;
  const first = conversations.find(unread);
  // Not over an answer being given: its score or comment stays on screen, and the entry says a reply is new.
  if (first && view.score == null && !view.comment) open(first);
  else view.change({});
}
