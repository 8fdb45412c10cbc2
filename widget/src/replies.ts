/**
 * Entry point of dist/replies.js, loaded by the panel (panel-entry.tsx) only for a respondent with follow-up
 * tokens, which the loader loads at idle for them: reads the threads of their answers, keeps every
 * conversation reachable from the widget (threads.tsx) and, when a team reply has not been seen yet, shows
 * its thread first.
 */
import type { FollowUp as Page, Reply } from "../../schema/followup";
import { type FollowUp, followUps } from "./follow-ups";
import { followUpRequest } from "./follow-up-request";
import css from "./replies.css";
import type { View } from "./state";
import { type Conversation, keepReachable } from "./threads";

/** What dist/replies.js leaves on its own `<script>` element for the panel that loaded it. */
export type ShowReplies = (view: View, base: string, site: string, root: ShadowRoot) => void;

const showReplies: ShowReplies = async (view, base, site, root) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const stored = followUps(site);
  // Every answer with a conversation, and the three newest without one yet, where a first reply may come.
  const asked = [...stored.filter((item) => item.replied), ...stored.filter((item) => !item.replied).slice(-3)];
  const gone: string[] = [];
  const found = (await Promise.all(asked.map((item) => read(base, item, gone)))).filter((found) => !!found);
  // At most 20 tokens, conversations last: the oldest answers nobody replied to go first.
  const has = (item: FollowUp) => found.some((conversation) => conversation.token == item.token);
  followUps(site, (list) => {
    const kept = list.filter((item) => !gone.includes(item.token));
    return [
      ...kept.filter((item) => !item.replied && !has(item)),
      ...kept.filter((item) => item.replied || has(item)).map((item) => ({ ...item, replied: 1 as const })),
    ].slice(-20);
  });
  keepReachable(view, base, site, root, found);
};

/**
 * The whole thread of one answer, a page of 50 at a time (one page holds most threads), when it has replies.
 * A 404 means the answer was deleted, or the token is not the server's: it goes in `gone`, to be forgotten.
 */
async function read(base: string, { token, seen }: FollowUp, gone: string[]): Promise<Conversation | undefined> {
  try {
    const replies: Reply[] = [];
    let page: Page;
    let cursor: string | null = "";
    do {
      const response = await followUpRequest(base, token, "?limit=50" + (cursor && "&cursor=" + cursor));
      if (response.status == 404) return void gone.push(token);
      page = await response.json();
      replies.push(...page.replies);
      cursor = page.nextCursor;
    } while (cursor);
    const newest = Math.max(...replies.map((reply) => (reply.from == "team" ? Date.parse(reply.at) : 0)));
    if (replies[0]) return { token, seen: seen || 0, newest, answer: page.answer, replies };
  } catch {
    // Offline, or an error body without replies: try again on the next page.
  }
}

(document.currentScript as HTMLScriptElement & { feedloop: ShowReplies }).feedloop = showReplies;
