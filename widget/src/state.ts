import type { ComponentChildren } from "preact";
import type { WidgetConfig } from "../../schema/widget";
import type { send } from "./queue";

/**
 * Everything the UI shows. The shell (shell.ts, in the loader) owns it, changes it and redraws: the launcher
 * itself, the panel through dist/panel.js (panel-entry.tsx) once that has loaded. Unset is falsy.
 */
export type WidgetState = {
  open?: boolean;
  /** Opened by an auto-prompt (prompt.ts): a non-modal card that leaves focus where it is. */
  card?: boolean;
  /** The card's polite announcement is filled in, a moment after the card (panel-entry.tsx). */
  said?: boolean;
  /** An inline panel has been on screen (panel-entry.tsx). */
  visible?: boolean;
  sending?: boolean;
  score?: number;
  comment: string;
  service?: string;
  topic?: string;
  /** Under the form: a missing comment, or an answer or reply that was refused. */
  error?: string | null;
  /** Replaces the form once answered: thanks, or that the answer is saved to be sent later. */
  done?: string;
  /** Team replies to an earlier answer, found and shown by dist/replies.js (replies.ts), before the survey. */
  thread?: { seen?: boolean; Show(): ComponentChildren } | null;
  /** The respondent's reply to the thread, as typed so far. */
  draft: string;
};

/**
 * What the dumb components get: one object holding the survey's config, the state and the shell's
 * actions, so they read `score` rather than `view.state.score`. It is the same object on every render.
 */
export type View = WidgetConfig &
  WidgetState & {
    /** In a page element rather than floating: no launcher, no dialog, no focus trap. */
    inline: boolean;
    /** Where the launcher floats: a class, styled for `bottom-left` (else it is bottom right). */
    position?: string;
    /** Several services to choose from and none fixed by the page. */
    askService: boolean;
    show(): void;
    hide(): void;
    change(patch: Partial<WidgetState>): void;
    /** Set by dist/panel.js (panel-entry.tsx): sends the answer, and renders the panel into the shadow root. */
    submit(): void;
    paint?(focus?: boolean, focused?: Element | null): void;
    /** How answers are sent when the site wants Turnstile: set by dist/turnstile.js (turnstile.ts). */
    send?: typeof send;
    /** The way back to earlier conversations with the team, under the survey: set by dist/replies.js (threads.tsx). */
    threads?(): ComponentChildren;
  };
