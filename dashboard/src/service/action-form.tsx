import { useEffect, useState } from "preact/hooks";
import { client, read } from "../api";
import type { Action } from "../api-types";
import { Field, FormActions, useConfigForm } from "../config/form-kit";
import { localDate } from "../filters";
import { FormProblems } from "../form-problems";
import { strings } from "../strings";

const t = strings.actions;

/**
 * An action's id, from its date and title (`2026-03-03-two-more-agents`): readable in a URL and unique enough;
 * a number is added when the service already has it, since a PUT to an existing id would replace that action.
 */
export function actionId(date: string, title: string, taken: string[]): string {
  const words = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const base = `${/^\d{4}-\d{2}-\d{2}$/.test(date) ? date : "action"}${words ? `-${words}` : ""}`.slice(0, 60);
  const trimmed = base.replace(/-+$/, "");
  let id = trimmed;
  for (let n = 2; taken.includes(id); n++) id = `${trimmed}-${n}`;
  return id;
}

type Props = { service: string; taken: string[]; onSaved: (action: Action) => void; onCancel: () => void };

/** Records an action: what was done, on which day, and a note; the API's problems show next to their fields. */
export function ActionForm({ service, taken, onSaved, onCancel }: Props) {
  const form = "action-new";
  const [title, setTitle] = useState("");
  const [date, setDate] = useState(localDate(new Date()));
  const [note, setNote] = useState("");
  const { saving, problems, field, save } = useConfigForm(form);
  useEffect(() => document.getElementById(`${form}-title`)?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    await save(
      async () => {
        const param = { service: encodeURIComponent(service), id: actionId(date, title, taken) };
        const json = { title, date, ...(note.trim() ? { note } : {}) };
        onSaved(await read(client.v1.services[":service"].actions[":id"].$put({ param, json })));
      },
      ["title", "date", "note"],
      {},
    );
  };

  return (
    <form class="config-form" onSubmit={submit} aria-labelledby={`${form}-heading`} noValidate>
      <h3 id={`${form}-heading`}>{t.addTitle}</h3>
      <FormProblems problems={problems} />
      <Field form={form} name="title" label={t.what} hint={t.whatHint} problems={problems}>
        <input {...field("title", true)} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field form={form} name="date" label={t.date} problems={problems}>
        <input {...field("date")} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </Field>
      <Field form={form} name="note" label={t.note} problems={problems}>
        <textarea {...field("note")} rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <FormActions saving={saving} onCancel={onCancel} />
    </form>
  );
}
