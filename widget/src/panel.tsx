import type { WidgetConfig } from "../../schema/widget";
import { CommentField, ServicePicker, TopicChips } from "./fields";
import { trapFocus } from "./focus";
import { Scale } from "./scale";
import type { Actions, WidgetState } from "./state";

type Props = {
  config: WidgetConfig;
  state: WidgetState;
  actions: Actions;
  /** Whether to ask which service is rated (several to choose from and none fixed by the page). */
  askService: boolean;
};

export function Panel({ config, state, actions, askService }: Props) {
  const { strings } = config;
  const { answer, phase } = state;
  const sending = phase === "sending";
  const needsScore = config.kind !== "text" && answer.score === null;
  const message = state.commentMissing ? strings.commentRequired : phase === "failed" ? strings.error : null;
  return (
    <div
      class="panel"
      id="fl-panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="fl-q"
      dir={config.dir}
      lang={config.locale}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          actions.close();
        } else if (event.key === "Tab") trapFocus(event);
      }}
    >
      <button type="button" class="x" aria-label={strings.close} onClick={actions.close}>
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
      </button>
      <h2 class="q" id="fl-q">
        {config.question}
      </h2>
      {phase === "done" ? (
        // Focused on arrival (shell.tsx) so screen readers announce it; tabIndex -1 keeps it out of the tab order.
        <p class="thanks" tabIndex={-1} role="status">
          {strings.thanks}
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            actions.submit();
          }}
        >
          <Scale config={config} score={answer.score} onPick={(score) => actions.change({ score })} />
          {askService && <ServicePicker config={config} answer={answer} onChange={actions.change} />}
          {config.topics.length > 0 && <TopicChips config={config} answer={answer} onChange={actions.change} />}
          <CommentField config={config} answer={answer} onChange={actions.change} missing={state.commentMissing} />
          <p class="msg" id="fl-msg" role="alert" hidden={!message}>
            {message}
          </p>
          <button type="submit" class="send" disabled={sending || needsScore}>
            {sending ? strings.sending : strings.submit}
          </button>
        </form>
      )}
    </div>
  );
}
