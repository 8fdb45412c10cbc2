/**
 * `@feedloop/widget`: the typed way in for apps that bundle their code. It holds no widget code of its own:
 * `load()` imports widget.mjs from your feedloop Worker, the same file a `<script type="module">` would, so
 * the widget always matches the server it talks to and the package never needs a release for it.
 * The script tag (`<script src="https://HOST/widget.js" data-site=… async>`) needs no install at all.
 *
 * These types mirror widget/src and schema/widget.ts; test/types/package-types.ts fails when they drift.
 */

/** A live widget, as `mount()` and the script tag's `window.feedloop` return it. */
export interface FeedloopApi {
  open(): void;
  close(): void;
  destroy(): void;
  /** Adds to (or changes) the segment sent with the next answer. */
  setSegment(segment: Record<string, string>): void;
}

/** The widget's wording; any of it can be overridden by the page (`strings`, or `text-*` attributes). */
export interface UiStrings {
  /** The floating button's label. */
  button: string;
  close: string;
  submit: string;
  sending: string;
  thanks: string;
  /** Shown when the answer could not be sent now and waits to be sent later. */
  queued: string;
  error: string;
  /** Label of the optional comment box when the survey has no comment prompt of its own. */
  comment: string;
  /** Appended to a label of an optional field. */
  optional: string;
  topic: string;
  service: string;
  thumbsUp: string;
  thumbsDown: string;
  /** Shown when a `text` survey is submitted with an empty comment. */
  commentRequired: string;
  /** Label of one point of a numeric scale, with `{score}` replaced. */
  scoreLabel: string;
  /** Heading of the team's replies to the respondent's earlier answer. */
  replies: string;
  /** Added to the floating button's accessible name while a reply is unread. */
  newReply: string;
  /** Names the author of a reply written by the team. */
  team: string;
  /** Names the author of a reply written by the respondent. */
  you: string;
  /** Label of the box for answering the team's replies. */
  answer: string;
  /** The entry back to the respondent's open conversations with the team, and the heading of their list. */
  yourFeedback: string;
  /** Names the respondent's own answer, shown on top of its conversation. */
  yourAnswer: string;
  /** Button that forgets a conversation in this browser (the answer stays with the team). */
  closeThread: string;
  /** Said once a conversation is closed, next to the button that brings it back. */
  threadClosed: string;
  /** Brings back the conversation just closed. */
  undo: string;
}

/** What `mount()` takes: the script tag's `data-*` attributes, camelCased, with `segment` and `strings` as objects. */
export interface MountOptions {
  /** Your feedloop Worker's origin, e.g. `https://feedback.example.com`: where widget.mjs and the API are. */
  base: string;
  site: string;
  survey: string;
  /** Fixes the rated service, so the respondent is not asked which one. */
  service?: string;
  /** Forces a language instead of the browser's. */
  locale?: string;
  position?: "bottom-right" | "bottom-left";
  /** `auto` (the default) follows the visitor's `prefers-color-scheme`. */
  theme?: "light" | "dark" | "auto";
  /** Shows the panel inline in this element (or the first match of this selector) instead of floating. */
  target?: Element | string | null;
  /** The intranet's signed token for the employee, sent with every answer. */
  respondentToken?: string;
  /** Sent with every answer, e.g. `{ team: "sales" }`; each dimension must be one of the site's. */
  segment?: Record<string, string>;
  /** The page's own wording, over the server's. */
  strings?: Partial<UiStrings>;
  /** `false` forbids the survey's auto-prompts on this page (they are set on the server, per survey). */
  autoPrompt?: boolean;
}

/** `thumbsUp` → `thumbs-up`: how a camelCased option is spelled as an attribute. */
type Kebab<Name extends string> = Name extends `${infer First}${infer Rest}`
  ? `${First extends Lowercase<First> ? First : `-${Lowercase<First>}`}${Kebab<Rest>}`
  : Name;

/**
 * The attributes of `<feedloop-widget>`: those of `mount()` without `base` (the element's API is the origin
 * widget.mjs was loaded from) and `target` (it renders inline, in its own shadow root). Read once, when the
 * element is connected.
 */
export type FeedloopWidgetAttributes = {
  site: string;
  survey: string;
  service?: string;
  locale?: string;
  position?: "bottom-right" | "bottom-left";
  theme?: "light" | "dark" | "auto";
  "respondent-token"?: string;
  /** `off` forbids the survey's auto-prompts on this page. */
  "auto-prompt"?: "off";
  /** A segment value: `segment-team="sales"` sends `{ team: "sales" }`. */
  [segment: `segment-${string}`]: string | undefined;
} & { [Name in keyof UiStrings as `text-${Kebab<Name>}`]?: string };

/** `<feedloop-widget>`: an element with no API of its own; it starts a widget when connected. */
export interface FeedloopWidgetElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    "feedloop-widget": FeedloopWidgetElement;
  }
}

/** What widget.mjs exports. Importing it also defines `<feedloop-widget>`. */
export interface WidgetModule {
  /** Starts a widget: floating, or inline in `target`. `base` defaults to the origin widget.mjs came from. */
  mount(options: Omit<MountOptions, "base"> & { base?: string }): FeedloopApi;
  /** A named event from the page (`checkout_completed`), for the surveys' event triggers. */
  track(name: string): void;
}

const modules = new Map<string, Promise<WidgetModule>>();

/**
 * Loads widget.mjs from the feedloop Worker at `base` (once per origin), which defines `<feedloop-widget>`.
 * Call it in the browser before rendering the element; it rejects when the script cannot be loaded (a CSP
 * without the Worker in `script-src`, or the Worker unreachable).
 */
export function load(base: string): Promise<WidgetModule> {
  const url = new URL("/widget.mjs", base).href;
  let loading = modules.get(url);
  if (!loading) {
    // A URL known only at run time: bundlers are told to leave the import to the browser.
    loading = import(/* webpackIgnore: true */ /* @vite-ignore */ url) as Promise<WidgetModule>;
    // A failed load is not cached, so a later call can try again.
    loading.catch(() => modules.delete(url));
    modules.set(url, loading);
  }
  return loading;
}

/** Loads the widget from `options.base` and starts one: floating, or inline in `options.target`. */
export async function mount(options: MountOptions): Promise<FeedloopApi> {
  // The widget joins paths to an origin, as it does with the one it was loaded from: no trailing slash.
  return (await load(options.base)).mount({ ...options, base: new URL(options.base).origin });
}
