import { useState } from "preact/hooks";
import { client, read } from "../api";
import type { Action } from "../api-types";
import { focusSoon } from "../config/lines";
import { strings } from "../strings";
import { ActionForm } from "./action-form";
import { EffectCard } from "./effect-card";

const t = strings.actions;

type Props = {
  service: string;
  actions: Action[];
  /** An admin credential for every site: the API lets no other change a service's actions. */
  canWrite: boolean;
  reload: () => void;
};

/** The service's actions, newest first, each with its before/after card; an admin records and deletes them. */
export function ActionsPanel({ service, actions, canWrite, reload }: Props) {
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const remove = async (action: Action) => {
    setDeleting(action.id);
    try {
      const param = { service: encodeURIComponent(service), id: encodeURIComponent(action.id) };
      await read(client.v1.services[":service"].actions[":id"].$delete({ param }));
      setMessage(t.removed(action.title));
      reload();
      focusSoon("new-action");
    } catch (error) {
      setMessage(strings.common.error(error instanceof Error ? error.message : String(error)));
    } finally {
      setDeleting(null);
    }
  };
  const newestFirst = [...actions].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  return (
    <section class="panel" aria-labelledby="actions-title">
      <div class="section-head">
        <h2 id="actions-title">{t.title}</h2>
        {canWrite && !adding && (
          <button type="button" id="new-action" onClick={() => setAdding(true)}>
            {t.add}
          </button>
        )}
      </div>
      {!canWrite && <p class="muted">{t.readOnly}</p>}
      <p role="status" class="muted">
        {message}
      </p>
      {adding && (
        <ActionForm
          service={service}
          taken={actions.map((action) => action.id)}
          onSaved={(action) => {
            setAdding(false);
            setMessage(t.saved(action.title));
            reload();
            focusSoon("new-action");
          }}
          onCancel={() => {
            setAdding(false);
            focusSoon("new-action");
          }}
        />
      )}
      {actions.length === 0 ? (
        <p class="muted">{t.none}</p>
      ) : (
        <ul class="actions-list">
          {newestFirst.map((action) => (
            // Keyed by its last change too: an action edited elsewhere asks for its before/after again.
            <EffectCard
              key={`${action.id}@${action.updatedAt}`}
              action={action}
              canWrite={canWrite}
              onDelete={remove}
              deleting={deleting === action.id}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
