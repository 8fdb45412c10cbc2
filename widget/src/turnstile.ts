/**
 * Entry point of dist/turnstile.js, which a widget loads with its config when its site wants Cloudflare
 * Turnstile, before it shows anything (shell.tsx). It brings the queue those answers wait in (its own
 * build of queue.ts, under a key of its own), puts the challenge where the form shows it, loads
 * Cloudflare's script once the form is on screen or a queued answer needs a token, and gives each try
 * of an answer a fresh token.
 *
 * Turnstile cannot render inside a shadow root (its script looks its container up in the document), so
 * the challenge goes into an element in the page, a child of the widget's host, which the form shows
 * through its `<slot name="turnstile">` (fields.tsx), right above the send button. Managed mode with
 * `interaction-only`: most people never see it, and the few it asks to click see it where they look.
 */
import { keepSending, send, signWith } from "./queue";
import type { View } from "./state";

const API = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";
/** How long a try waits for a token while the challenge is not asking the visitor anything. */
const PATIENCE = 10e3;

type Turnstile = {
  render(container: HTMLElement, options: object): string;
  reset(id: string): void;
  remove(id: string): void;
};
declare global {
  interface Window {
    turnstile?: Turnstile;
  }
}

/** What the widget gets from this script's element (load.ts); `draw` shows the widget once it is ready. */
export type StartTurnstile = (view: View, host: HTMLElement, draw: (focus?: boolean) => void) => void;

let api: Promise<Turnstile> | undefined;

/**
 * Cloudflare's api.js, once per page: the page's own when it has one, else from this exact URL (a
 * proxied or cached copy breaks when Cloudflare updates it). The widget's strings, not Turnstile's,
 * tell the respondent when it does not load: their answer is queued.
 */
const loadApi = () =>
  (api ||= new Promise<Turnstile>((resolve, reject) => {
    if (window.turnstile) return resolve(window.turnstile);
    let script = document.querySelector<HTMLScriptElement>(`script[src^="${API.split("?")[0]}"]`);
    if (!script) {
      script = document.createElement("script");
      script.src = API;
      document.head.append(script);
    }
    script.addEventListener("load", () => resolve(window.turnstile!));
    script.addEventListener("error", () => {
      api = undefined;
      script.remove();
      reject(
        new Error(
          "feedloop: Turnstile did not load " +
            "(offline, or the page's CSP does not allow https://challenges.cloudflare.com)",
        ),
      );
    });
  }));

const start: StartTurnstile = (view, host, draw) => {
  // A <feedloop-widget> that was moved keeps its old challenge as a child: one is enough.
  host.querySelector(":scope>[slot=turnstile]")?.remove();
  const box = document.createElement("div");
  box.slot = "turnstile";
  // The page's CSS reaches this element (it is not in the shadow root); its style attribute with
  // !important beats even `* { all: unset !important }`. Set through the CSSOM, which CSPs allow. The
  // margins cancel out while the challenge is invisible, so the form's spacing stays as it was.
  box.style.cssText = "all:initial!important;display:block!important;margin:16px 0 -16px!important";
  host.append(box);

  let turnstile: Turnstile;
  let id: string | undefined;
  let ready: string | undefined;
  let asking = false;
  /** Tries waiting for a token, first come first served. */
  const waiting: ((token?: string) => void)[] = [];
  /** A token is single use: it goes to one try, and the challenge starts over for the next one. */
  const take = () => {
    if (!ready || !waiting[0]) return;
    waiting.shift()!(ready);
    ready = undefined;
    turnstile.reset(id!);
  };
  let rendered: Promise<unknown> | undefined;
  /** Once; again after a failure (offline, blocked), on the next try. */
  const render = () =>
    (rendered ||= loadApi().then(
      (loaded) => {
        if (!box.isConnected) return;
        turnstile = loaded;
        const theme = host.getAttribute("theme");
        id = turnstile.render(box, {
          sitekey: view.turnstile!.siteKey,
          // The Worker refuses a token made for another action (worker/abuse/turnstile.ts).
          action: "feedloop",
          appearance: "interaction-only",
          size: "flexible",
          theme: theme == "light" || theme == "dark" ? theme : "auto",
          callback(token: string) {
            ready = token;
            take();
          },
          // Turnstile gets a new token by itself when one expires (refresh-expired "auto") and retries
          // after errors. Without an error callback it would throw; this one returns nothing, so
          // Turnstile logs the error code for the site's developers.
          "expired-callback": () => (ready = undefined),
          "error-callback": () => {},
          "before-interactive-callback": () => (asking = true),
          "after-interactive-callback": () => (asking = false),
          "timeout-callback": () => (asking = false),
        });
      },
      (error) => {
        rendered = undefined;
        throw error;
      },
    ));

  // The form is on screen once the box is in its slot (at once for an inline widget).
  host.shadowRoot!.addEventListener("slotchange", () => box.assignedSlot && render());

  signWith(async (body) => {
    const answer = JSON.parse(body);
    // Answers to another site on this page wait for that site's own challenge.
    if (answer.site != view.site) throw 0;
    await render();
    const token = await new Promise<string | undefined>((resolve) => {
      if (!box.isConnected) return resolve(undefined);
      waiting.push(resolve);
      // Unless the challenge is asking the visitor to click, a token that has not come in time will not
      // come soon (offline, blocked): the try gives up, and the answer stays queued for later.
      const giveUp = () => {
        const index = waiting.indexOf(resolve);
        if (index < 0) return;
        if (asking) return void setTimeout(giveUp, PATIENCE);
        waiting.splice(index, 1);
        resolve(undefined);
      };
      setTimeout(giveUp, PATIENCE);
      take();
    });
    if (!token) throw 0;
    return JSON.stringify({ ...answer, turnstile: token });
  });
  view.send = send;
  draw(view.open);
  // Sends what waited for a token: now, when back online, and a minute after a failed try.
  keepSending();

  // The widget was destroyed (its host removed, or this box by a newer challenge): so is the challenge.
  const watch = setInterval(() => {
    if (box.isConnected) return;
    clearInterval(watch);
    if (id) turnstile.remove(id);
    box.remove();
    for (const resolve of waiting.splice(0)) resolve();
  }, 2e3);
};

(document.currentScript as HTMLScriptElement & { feedloop: StartTurnstile }).feedloop = start;
