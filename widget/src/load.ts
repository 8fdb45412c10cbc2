import { h } from "preact";
import { followUps } from "./follow-ups";
import type { View } from "./state";

/** What dist/replies.js leaves on its own `<script>` element for the widget that loaded it. */
export type ShowReplies = (view: View, base: string, site: string, preact: typeof h, root: ShadowRoot) => void;

/**
 * Replies can only exist for a respondent who has answered on this site before, so only they load
 * the code that looks for and shows them: a classic script, which needs no CORS (a module would),
 * handing its function over on its own element rather than under a global name.
 */
export function loadReplies(view: View, base: string, site: string, root: ShadowRoot): void {
  if (!followUps(site)[0]) return;
  const script = document.createElement("script") as HTMLScriptElement & { feedloop?: ShowReplies };
  script.src = base + "/replies.js";
  script.onload = () => {
    script.remove();
    script.feedloop!(view, base, site, h, root);
  };
  document.head.append(script);
}
