import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { FieldProblem, invalidProps, NO_PROBLEMS, problemsOf, type Problems } from "../form-problems";
import { strings } from "../strings";
import { focusSoon } from "./lines";

type ProblemOptions = Parameters<typeof problemsOf>[2];

/**
 * What every configuration form shares: its problems, the "saving" state, the attributes that tie a
 * control to its hint and problems, and a save that puts the API's 422 details next to their fields.
 */
export function useConfigForm(form: string) {
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const field = (name: string, hint = false) => ({
    id: `${form}-${name}`,
    ...invalidProps(problems, form, name, hint ? `${form}-${name}-hint` : undefined),
  });
  const save = async (request: () => Promise<void>, fields: string[], options: ProblemOptions) => {
    setSaving(true);
    try {
      await request();
    } catch (error) {
      setProblems(problemsOf(error, fields, options));
    } finally {
      setSaving(false);
    }
  };
  return { saving, problems, setProblems, field, save };
}

/** A labelled control with its optional hint and its problems; the control takes `field(name, !!hint)`. */
export function Field({
  form,
  name,
  label,
  hint,
  problems,
  children,
}: {
  form: string;
  name: string;
  label: string;
  hint?: string;
  problems: Problems;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={`${form}-${name}`}>{label}</label>
      {hint && (
        <p id={`${form}-${name}-hint`} class="hint muted">
          {hint}
        </p>
      )}
      {children}
      <FieldProblem problems={problems} form={form} field={name} />
    </div>
  );
}

export function FormActions({ saving, onCancel }: { saving: boolean; onCancel: () => void }) {
  return (
    <div class="form-actions">
      <button type="submit" disabled={saving}>
        {saving ? strings.config.saving : strings.common.save}
      </button>
      <button type="button" onClick={onCancel}>
        {strings.common.cancel}
      </button>
    </div>
  );
}

/**
 * What every configuration section shares: which form is open (an item's id, "" for a new one), the
 * message of the last save, and where focus goes when a form closes (its item's Edit button).
 */
export function useSectionEditing<T extends { id: string }>(
  kind: string,
  onSaved: () => Promise<unknown>,
  savedMessage: (item: T) => string,
) {
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const close = (focus: string) => {
    setEditing(null);
    focusSoon(focus);
  };
  const saved = async (item: T) => {
    await onSaved();
    setMessage(savedMessage(item));
    close(`edit-${kind}-${item.id}`);
  };
  return { editing, setEditing, message, setMessage, close, saved };
}
