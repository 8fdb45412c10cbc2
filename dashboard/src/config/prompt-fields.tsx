import { FieldProblem, invalidProps, type Problems } from "../form-problems";
import { strings } from "../strings";
import { Field } from "./form-kit";
import type { PromptDraft } from "./prompt-draft";
import { RuleRows, TriggerRows } from "./prompt-rows";

const t = strings.prompt;

type Props = {
  form: string;
  draft: PromptDraft;
  onChange: (draft: PromptDraft) => void;
  problems: Problems;
  /** The site's segment dimensions, which a rule may test. */
  dimensions: string[];
};

/** When the survey asks by itself: its triggers, the pages and segments it targets, its sample and limit. */
export function PromptFields({ form, draft, onChange, problems, dimensions }: Props) {
  const id = (name: string) => `${form}-${name}`;
  const set = (patch: Partial<PromptDraft>) => onChange({ ...draft, ...patch });
  const problemId = (name: string) => (problems.fields[name] ? id(`${name}-problem`) : undefined);
  return (
    <fieldset class="prompt-settings">
      <legend>{t.legend}</legend>
      <label class="check">
        <input
          id={id("prompt")}
          type="checkbox"
          checked={draft.enabled}
          aria-describedby={id("prompt-hint")}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />{" "}
        {t.enabled}
      </label>
      <p id={id("prompt-hint")} class="hint muted">
        {t.enabledHint}
      </p>
      <FieldProblem problems={problems} form={form} field="prompt" />
      {draft.enabled && (
        <>
          <TriggerRows
            id={id("trigger")}
            rows={draft.triggers}
            onChange={(triggers) => set({ triggers })}
            problemId={problemId("prompt.triggers")}
          />
          <FieldProblem problems={problems} form={form} field="prompt.triggers" />
          <Field form={form} name="prompt.pages.include" label={t.include} hint={t.includeHint} problems={problems}>
            <textarea
              id={id("prompt.pages.include")}
              {...invalidProps(problems, form, "prompt.pages.include", id("prompt.pages.include-hint"))}
              rows={2}
              spellcheck={false}
              value={draft.include}
              onInput={(e) => set({ include: e.currentTarget.value })}
            />
          </Field>
          <Field form={form} name="prompt.pages.exclude" label={t.exclude} hint={t.excludeHint} problems={problems}>
            <textarea
              id={id("prompt.pages.exclude")}
              {...invalidProps(problems, form, "prompt.pages.exclude", id("prompt.pages.exclude-hint"))}
              rows={2}
              spellcheck={false}
              value={draft.exclude}
              onInput={(e) => set({ exclude: e.currentTarget.value })}
            />
          </Field>
          <RuleRows
            id={id("rule")}
            rows={draft.segment}
            onChange={(segment) => set({ segment })}
            problemId={problemId("prompt.segment")}
            dimensions={dimensions}
          />
          <FieldProblem problems={problems} form={form} field="prompt.segment" />
          <Field form={form} name="prompt.sample" label={t.sample} hint={t.sampleHint} problems={problems}>
            <input
              id={id("prompt.sample")}
              {...invalidProps(problems, form, "prompt.sample", id("prompt.sample-hint"))}
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step="any"
              value={draft.sample}
              onInput={(e) => set({ sample: e.currentTarget.value })}
            />
          </Field>
          <Field
            form={form}
            name="prompt.maxDisplays"
            label={t.maxDisplays}
            hint={t.maxDisplaysHint}
            problems={problems}
          >
            <input
              id={id("prompt.maxDisplays")}
              {...invalidProps(problems, form, "prompt.maxDisplays", id("prompt.maxDisplays-hint"))}
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              step={1}
              value={draft.maxDisplays}
              onInput={(e) => set({ maxDisplays: e.currentTarget.value })}
            />
          </Field>
        </>
      )}
    </fieldset>
  );
}
