import { followUps } from "./follow-ups";
import type { View } from "./state";

/** What dist/replies.js leaves on its own `<script>` element for the widget that loaded it. */
export type ShowReplies = (view: View, base: string, site: string, root: ShadowRoot) => void;

/**
 * Loads one of the widget's lazy parts (replies.js, turnstile.js) and calls what it hands over with
 * `args`. A classic script, which needs no CORS (a module would), handing its function over on its own
 * element rather than under a global name. One that fails to load leaves its feature out: no replies
 * shown, no Turnstile token to send an answer with (it stays queued).
 */
export function load<T extends (...args: never[]) => unknown>(src: string, ...args: Parameters<T>): void {
  const script = document.createElement("script") as HTMLScriptElement & {
    feedloop?: (...args: Parameters<T>) => unknown;
  };
  script.src = src;
  script.onload = () => {
    script.remove();
    script.feedloop!(...args);
  };
  document.head.append(script);
}

/** Replies can only exist for a respondent who has answered on this site before: only they load the code. */
export function loadReplies(view: View, base: string, site: string, root: ShadowRoot): void {
  if (followUps(site)[0]) load<ShowReplies>(base + "/replies.js", view, base, site, root);
}
