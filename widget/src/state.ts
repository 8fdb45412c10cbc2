import type { ComponentChildren } from "preact";
import type { WidgetConfig } from "../../schema/widget";
import type { send } from "./queue";

/** Everything the UI shows. The shell (shell.tsx) owns it, changes it and re-renders. Unset is falsy. */
export type WidgetState = {
  open?: boolean;
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
    submit(): void;
    /** How answers are sent when the site wants Turnstile: set by dist/turnstile.js (turnstile.ts). */
    send?: typeof send;
  };
