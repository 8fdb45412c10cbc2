import { render } from "preact";
import type { WidgetConfig } from "../../schema/widget";
import { rememberFollowUp } from "./follow-ups";
import { initialFocus } from "./focus";
import { randomId } from "./ids";
import { mount } from "./mount";
import type { WidgetOptions } from "./options";
import { buildPayload, fixedService } from "./payload";
import type { Actions, WidgetState } from "./state";
import { emptyAnswer } from "./state";
import { send } from "./transport";
import { Widget } from "./widget";

/** What the page can do with a widget: `window.feedloop` for the script-tag instance. */
export type FeedloopApi = { open(): void; close(): void; destroy(): void };

/**
 * The imperative shell: it owns all state and re-renders the dumb components on every change.
 * Preact's top-level `render` is synchronous, so focus can be moved right after it.
 */
export function showWidget(config: WidgetConfig, options: WidgetOptions): FeedloopApi {
  const { host, root } = mount(options.position);
  const askService = !fixedService(config, options) && config.services.length > 1;
  if (options.service && fixedService(config, options) !== options.service) {
    console.warn(`feedloop: survey "${options.survey}" does not rate service "${options.service}"; ignoring it`);
  }
  let state: WidgetState = { open: false, phase: "answering", answer: emptyAnswer, commentMissing: false };
  // One key per answer, made on the first submit and kept across retries, so a retry of a request
  // that did reach the server is answered from the server's memory instead of stored twice.
  let idempotencyKey: string | null = null;
  let destroyed = false;

  const update = (patch: Partial<WidgetState>) => {
    if (destroyed) return;
    state = { ...state, ...patch };
    render(<Widget config={config} state={state} actions={actions} askService={askService} />, root);
  };
  const focus = (selector: string) => root.querySelector<HTMLElement>(selector)?.focus();

  const actions: Actions = {
    open() {
      if (state.open) return;
      update({ open: true });
      initialFocus(root)?.focus();
    },
    close() {
      if (!state.open) return;
      update({ open: false });
      focus(".launch");
    },
    change(patch) {
      const phase = state.phase === "failed" ? "answering" : state.phase;
      update({ answer: { ...state.answer, ...patch }, phase, commentMissing: false });
    },
    async submit() {
      const { answer, phase } = state;
      if (phase === "sending" || phase === "done") return;
      if (config.kind === "text" && !answer.comment.trim()) {
        update({ commentMissing: true });
        return focus("textarea");
      }
      if (config.kind !== "text" && answer.score === null) return;
      idempotencyKey ??= randomId();
      update({ phase: "sending" });
      const result = await send(options.base, buildPayload(config, options, answer, idempotencyKey));
      // A conflict means an earlier attempt with this key, before the respondent edited the answer,
      // was stored after all: the answer is in, so it counts as done rather than as a failure.
      if (result.status === "sent" || (result.status === "rejected" && result.code === "idempotency_conflict")) {
        if (result.status === "sent" && result.followUp) rememberFollowUp(options.site, result.followUp);
        update({ phase: "done" });
        return focus(".thanks");
      }
      if (result.status === "rejected") console.warn(`feedloop: the answer was refused (${result.code})`);
      update({ phase: "failed" });
    },
  };

  update({});
  return {
    open: actions.open,
    close: actions.close,
    destroy() {
      render(null, root);
      host.remove();
      destroyed = true;
    },
  };
}
