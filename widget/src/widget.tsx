import type { WidgetConfig } from "../../schema/widget";
import { Panel } from "./panel";
import type { Actions, WidgetState } from "./state";

type Props = {
  config: WidgetConfig;
  state: WidgetState;
  actions: Actions;
  askService: boolean;
};

/** The floating button, swapped for the panel while it is open so the two never overlap. */
export function Widget({ config, state, actions, askService }: Props) {
  return (
    <div class="fl">
      <button
        type="button"
        class="launch"
        dir={config.dir}
        lang={config.locale}
        hidden={state.open}
        aria-haspopup="dialog"
        onClick={actions.open}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 4h16v12H10l-6 5z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
        </svg>
        {config.strings.button}
      </button>
      {state.open && <Panel config={config} state={state} actions={actions} askService={askService} />}
    </div>
  );
}
