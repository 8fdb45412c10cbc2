import { useState } from "preact/hooks";
import { client, read } from "../api";
import type { Status } from "../api-types";
import { strings } from "../strings";
import { STATUSES } from "./filters";

type Props = { id: string; status: Status; onSaved: (status: Status) => void };

const t = strings.inbox;

/** Moves an answer through triage: saved as soon as it is picked, and said so (or why not). */
export function StatusControl({ id, status, onSaved }: Props) {
  const [state, setState] = useState<{ saving: boolean; message: string; failed: boolean }>({
    saving: false,
    message: "",
    failed: false,
  });
  const change = async (next: Status) => {
    setState({ saving: true, message: t.saving, failed: false });
    try {
      await read(client.v1.responses[":id"].$patch({ param: { id }, json: { status: next } }));
      onSaved(next);
      setState({ saving: false, message: t.statusSaved(t.statuses[next]), failed: false });
    } catch (error) {
      setState({
        saving: false,
        message: strings.common.error(error instanceof Error ? error.message : String(error)),
        failed: true,
      });
    }
  };
  return (
    <div class="status-control">
      <select
        id="detail-status"
        aria-labelledby="detail-status-label"
        value={status}
        disabled={state.saving}
        onChange={(event) => void change(event.currentTarget.value as Status)}
      >
        {STATUSES.map((value) => (
          <option key={value} value={value}>
            {t.statuses[value]}
          </option>
        ))}
      </select>
      <span role="status" class={state.failed ? "error" : "muted"}>
        {state.message}
      </span>
    </div>
  );
}
