import { useEffect, useState } from "preact/hooks";
import { client, read } from "../api";
import type { Service, Survey } from "../api-types";
import { FieldProblem, FormProblems, type Problems } from "../form-problems";
import { strings } from "../strings";
import { IdField } from "./id-field";
import { Field, FormActions, useConfigForm } from "./form-kit";
import { linesOf, toLines } from "./lines";
import { LocalizedRows, rowsOf, textOf, type Row } from "./localized-rows";
import { draftOf, PROMPT_FIELDS, PROMPT_LINES, PROMPT_ROWS, settingsOf } from "./prompt-draft";
import { PromptFields } from "./prompt-fields";

const t = strings.config;
const KINDS: Survey["kind"][] = ["nps", "csat", "ces", "thumbs", "text"];
const FIELDS = ["id", "kind", "question", "commentPrompt", "services", "topics", "active", ...PROMPT_FIELDS];

type Props = {
  site: string;
  /** The site's segment dimensions, which the survey's targeting rules may test. */
  dimensions: string[];
  survey: Survey | null;
  services: Service[];
  taken: string[];
  onSaved: (survey: Survey) => void;
  onCancel: () => void;
};

/** One survey of a site: its kind, its question and comment prompt in each language, what it rates. */
export function SurveyForm({ site, dimensions, survey, services, taken, onSaved, onCancel }: Props) {
  const form = survey ? `survey-${survey.id}` : "survey-new";
  const [id, setId] = useState(survey?.id ?? "");
  const [kind, setKind] = useState<Survey["kind"]>(survey?.kind ?? "nps");
  const [question, setQuestion] = useState<Row[]>(survey ? rowsOf(survey.question) : [{ locale: "en", text: "" }]);
  const [prompt, setPrompt] = useState<Row[]>(rowsOf(survey?.commentPrompt));
  const [rated, setRated] = useState<string[]>(survey?.services ?? []);
  const [topics, setTopics] = useState(toLines(survey?.topics ?? []));
  const [active, setActive] = useState(survey?.active ?? true);
  const [promptDraft, setPromptDraft] = useState(draftOf(survey?.prompt));
  const { saving, problems, setProblems, field, save } = useConfigForm(form);
  useEffect(() => document.getElementById(`${form}-${survey ? "kind" : "id"}`)?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const questionText = textOf(question);
    const promptText = textOf(prompt);
    const local: Problems = { fields: {}, general: [] };
    if (!survey && taken.includes(id.trim())) local.fields.id = [t.idTaken];
    if ("problem" in questionText) local.fields.question = [questionText.problem];
    if ("problem" in promptText) local.fields.commentPrompt = [promptText.problem];
    if (Object.keys(local.fields).length > 0 || "problem" in questionText || "problem" in promptText)
      return setProblems(local);
    const body = {
      kind,
      question: questionText.value,
      commentPrompt: Object.keys(promptText.value).length > 0 ? promptText.value : null,
      services: rated,
      topics: linesOf(topics),
      active,
      prompt: settingsOf(promptDraft),
    };
    const param = { site, survey: encodeURIComponent(id.trim()) };
    const put = () => client.v1.sites[":site"].surveys[":survey"].$put({ param, json: body });
    await save(async () => onSaved(await read(put())), FIELDS, {
      aliases: { survey: "id" },
      lines: ["topics", ...PROMPT_LINES],
      rows: PROMPT_ROWS,
    });
  };
  const problemId = (name: string) => (problems.fields[name] ? `${form}-${name}-problem` : undefined);

  return (
    <form class="config-form" onSubmit={submit} aria-labelledby={`${form}-title`}>
      <h3 id={`${form}-title`}>{survey ? t.editSurvey(survey.id) : t.newSurvey}</h3>
      <FormProblems problems={problems} />
      {!survey && <IdField form={form} problems={problems} value={id} onInput={setId} />}
      <Field form={form} name="kind" label={t.kind} problems={problems}>
        <select {...field("kind")} value={kind} onChange={(e) => setKind(e.currentTarget.value as Survey["kind"])}>
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {t.kinds[value]}
            </option>
          ))}
        </select>
      </Field>
      <LocalizedRows
        id={`${form}-question`}
        legend={t.question}
        rows={question}
        onChange={setQuestion}
        invalid={!!problems.fields.question}
        describedBy={problemId("question")}
      />
      <FieldProblem problems={problems} form={form} field="question" />
      <LocalizedRows
        id={`${form}-commentPrompt`}
        legend={t.commentPrompt}
        rows={prompt}
        onChange={setPrompt}
        invalid={!!problems.fields.commentPrompt}
        describedBy={problemId("commentPrompt")}
      />
      <FieldProblem problems={problems} form={form} field="commentPrompt" />
      <fieldset class="checks" aria-describedby={problemId("services")}>
        <legend>{t.ratedServices}</legend>
        {services.length === 0 && <p class="muted">{t.noServices}</p>}
        {services.map((service) => (
          <label key={service.id} class="check">
            <input
              type="checkbox"
              checked={rated.includes(service.id)}
              onChange={(e) =>
                setRated(e.currentTarget.checked ? [...rated, service.id] : rated.filter((s) => s !== service.id))
              }
            />{" "}
            {service.name}
          </label>
        ))}
        {/* A service the survey names that this key cannot list (or that was since removed) stays named. */}
        {rated
          .filter((s) => !services.some((service) => service.id === s))
          .map((s) => (
            <label key={s} class="check">
              <input type="checkbox" checked onChange={() => setRated(rated.filter((other) => other !== s))} /> {s}
            </label>
          ))}
      </fieldset>
      <FieldProblem problems={problems} form={form} field="services" />
      <Field form={form} name="topics" label={t.topics} hint={t.topicsHint} problems={problems}>
        <textarea
          {...field("topics", true)}
          rows={3}
          spellcheck={false}
          value={topics}
          onInput={(e) => setTopics(e.currentTarget.value)}
        />
      </Field>
      <label class="check">
        <input
          id={`${form}-active`}
          type="checkbox"
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />{" "}
        {t.active}
      </label>
      <PromptFields
        form={form}
        draft={promptDraft}
        onChange={setPromptDraft}
        problems={problems}
        dimensions={dimensions}
      />
      <FormActions saving={saving} onCancel={onCancel} />
    </form>
  );
}
