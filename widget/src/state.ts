/** Everything the widget's UI shows, held by the shell (shell.tsx) and passed down to dumb components. */
export type Phase = "answering" | "sending" | "failed" | "done";

export type Answer = {
  score: number | null;
  comment: string;
  service: string | null;
  topic: string | null;
};

export type WidgetState = {
  open: boolean;
  phase: Phase;
  answer: Answer;
  /** Set when a `text` survey was submitted without a comment. */
  commentMissing: boolean;
};

export type Actions = {
  open(): void;
  close(): void;
  change(patch: Partial<Answer>): void;
  submit(): void;
};

export const emptyAnswer: Answer = { score: null, comment: "", service: null, topic: null };
