import { rememberFollowUp } from "./follow-ups";
import { idle, request } from "./request";
import { update } from "./storage";

/**
 * The write-ahead queue: every answer is stored before it is sent and removed once the server has
 * decided about it, so an answer given offline, or on a page closed mid-request, is sent later.
 *
 * Built three times (build.mjs): into dist/queue.js, which the loader loads when answers wait from an earlier
 * page; into the panel, which sends answers; and with TURNSTILE set into dist/turnstile.js, for sites
 * that want a Cloudflare Turnstile token with each answer. Their answers wait under a key of their own,
 * which only that build reads: it is loaded only where a widget can render the challenge, and it signs
 * each try with a fresh token (`signWith`). A token is single use and lives 300 s: never stored.
 */
type Entry = { body: string; base: string; expires: number };
/** Which message the respondent sees: keys of UiStrings. */
export type Outcome = "thanks" | "queued" | "error";
/** The body with a fresh Turnstile token in it; rejects when none comes in time. */
export type Signer = (body: string) => Promise<string>;

/** 20 hours: the server remembers idempotency keys for at least 24 (contract), a replay must come before. */
const LIFETIME = 72e6;
const queue = (change?: (entries: Entry[]) => Entry[]) =>
  update<Entry>(TURNSTILE ? "feedloop:queue:turnstile" : "feedloop:queue", (entries) => {
    const live = entries.filter((entry) => entry.expires > Date.now());
    return change ? change(live) : live;
  });
const url = (base: string) => base + "/v1/responses";
let retry: ReturnType<typeof setTimeout>;
let sign: Signer;
let listening: unknown;
/** The Turnstile build only: how each try gets its token. */
export const signWith = (signer: Signer) => (sign = signer);

/** Stores the answer, then sends it; the outcome is what the respondent is told. */
export async function send(base: string, payload: object): Promise<Outcome> {
  const entry = { body: JSON.stringify(payload), base, expires: Date.now() + LIFETIME };
  const stored = queue((entries) => [...entries, entry]).length;
  listen();
  const outcome = await post(entry);
  // Without storage (blocked, full) nothing waits to be sent later: the respondent must try again.
  return stored || outcome != "queued" ? outcome : "error";
}

/**
 * Kept for later: no answer, a timeout, server trouble (5xx, 408), a rate limit (429), or no Turnstile
 * token in time. Tried again in a minute while the page stays open: no sooner than any Retry-After the
 * server sends (30 s for 503, at most 60 s for 429), which a page cannot read across origins unless
 * the server exposes it. Anything else is the server's decision, a refused Turnstile or respondent
 * token too: the entry goes, and a respondent still on the form may try again.
 */
async function post({ body, base }: Entry): Promise<Outcome> {
  const response = await (TURNSTILE
    ? sign(body).then((signed) => request(url(base), signed))
    : request(url(base), body)
  ).catch(() => null);
  if (!response || /^5|408|429/.test(`${response.status}`)) {
    clearTimeout(retry);
    retry = setTimeout(flush, 6e4);
    return "queued";
  }
  queue((entries) => entries.filter((entry) => entry.body != body));
  if (!response.ok) return "error";
  const { followUp } = await response.json().catch(() => ({}));
  if (followUp) rememberFollowUp(JSON.parse(body).site, followUp);
  return "thanks";
}

/** One at a time, in order; a replay of an answer already stored is deduplicated by its key. */
async function flush() {
  for (const entry of queue()) await post(entry);
}

/**
 * Sends what is queued: at idle after load (dist/queue.js, which the loader loads only when something is
 * queued), when the browser is back online, and by beacon when the page goes away. A beacon's fate is unknown,
 * so its entry stays queued until a flush hears back. A beacon cannot wait for a Turnstile token: those answers
 * wait for the next page with the widget.
 */
export function keepSending(): void {
  idle(flush);
  listen();
}

/** Once per copy of this file: the queue's (dist/queue.js), the panel's, Turnstile's. A replay is deduplicated. */
function listen() {
  if (listening) return;
  listening = 1;
  addEventListener("online", flush);
  // A string goes as text/plain;charset=UTF-8, like a Blob of that type (Beacon API, step "extract").
  if (!TURNSTILE)
    addEventListener("pagehide", () => {
      for (const { body, base } of queue()) navigator.sendBeacon(url(base), body);
    });
}
