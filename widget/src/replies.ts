/**
 * Entry point of dist/replies.js, loaded by the panel (panel-entry.tsx) only for a respondent with follow-up
 * tokens, which the loader loads at idle for them: looks for team replies not seen yet and, when there are
 * some, hands the widget the thread and the view that shows it.
 */
import type { Reply } from "../../schema/followup";
import { followUps } from "./follow-ups";
import { followUpRequest } from "./follow-up-request";
import css from "./replies.css";
import type { View } from "./state";
import { Thread } from "./thread";

/** What dist/replies.js leaves on its own `<script>` element for the panel that loaded it. */
export type ShowReplies = (view: View, base: string, site: string, root: ShadowRoot) => void;

/** The newest thread, among the last three answers', with a team reply not seen yet. */
const showReplies: ShowReplies = async (view, base, site, root) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  for (const { token, seen } of followUps(site).slice(-3)) {
    try {
      // The whole thread, a page at a time (a page of 50 holds most threads).
      const replies: Reply[] = [];
      let cursor: string | null = "";
      do {
        const response = await followUpRequest(base, token, "?limit=50" + (cursor && "&cursor=" + cursor));
        // The answer was deleted, or the token is not the server's: forget it.
        if (response.status == 404) followUps(site, (list) => list.filter((item) => item.token != token));
        const page = (await response.json()) as { replies: Reply[]; nextCursor: string | null };
        replies.push(...page.replies);
        cursor = page.nextCursor;
      } while (cursor);
      const newest = Math.max(...replies.map((reply) => (reply.from == "team" ? Date.parse(reply.at) : 0)));
      if (newest > seen) view.thread = { Show: () => Thread(view, { base, replies, site, token, newest }) };
    } catch {
      // Offline, or an error body without replies: try again on the next page.
    }
  }
  view.change({});
};

(document.currentScript as HTMLScriptElement & { feedloop: ShowReplies }).feedloop = showReplies;
