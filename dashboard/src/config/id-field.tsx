import { FieldProblem, invalidProps, type Problems } from "../form-problems";
import { strings } from "../strings";

const t = strings.config;

/** The id of something new (a slug, fixed once made): shown only when creating, with its rule as a hint. */
export function IdField({
  form,
  problems,
  value,
  onInput,
}: {
  form: string;
  problems: Problems;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for={`${form}-id`}>{t.id}</label>
      <p id={`${form}-id-hint`} class="hint muted">
        {t.idHint}
      </p>
      <input
        id={`${form}-id`}
        {...invalidProps(problems, form, "id", `${form}-id-hint`)}
        required
        autocomplete="off"
        spellcheck={false}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <FieldProblem problems={problems} form={form} field="id" />
    </div>
  );
}
