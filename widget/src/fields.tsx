import type { WidgetConfig } from "../../schema/widget";
import type { Answer } from "./state";

type Props = {
  config: WidgetConfig;
  answer: Answer;
  onChange(patch: Partial<Answer>): void;
};

/** A field label with the server's "(optional)" suffix. */
function Optional({ config }: { config: WidgetConfig }) {
  return <span class="opt"> {config.strings.optional}</span>;
}

/** Which of the survey's services is rated; shown only when there is a choice to make. */
export function ServicePicker({ config, answer, onChange }: Props) {
  return (
    <div class="field">
      <label class="label" for="fl-svc">
        {config.strings.service}
        <Optional config={config} />
      </label>
      <select
        id="fl-svc"
        value={answer.service ?? ""}
        onChange={(event) => onChange({ service: event.currentTarget.value || null })}
      >
        <option value="" />
        {config.services.map((service) => (
          <option key={service.id} value={service.id}>
            {service.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Topic chips: toggle buttons rather than radios, so a picked topic can be unpicked again. */
export function TopicChips({ config, answer, onChange }: Props) {
  return (
    <div class="field" role="group" aria-labelledby="fl-tl">
      <span class="label" id="fl-tl">
        {config.strings.topic}
        <Optional config={config} />
      </span>
      <div class="chips">
        {config.topics.map((topic) => (
          <button
            type="button"
            class="chip"
            key={topic.id}
            aria-pressed={answer.topic === topic.id}
            onClick={() => onChange({ topic: answer.topic === topic.id ? null : topic.id })}
          >
            {topic.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The comment box, labelled by the survey's own prompt when it has one; required for `text` surveys. */
export function CommentField({ config, answer, onChange, missing }: Props & { missing: boolean }) {
  const required = config.kind === "text";
  return (
    <div class="field">
      <label class="label" for="fl-c">
        {config.commentPrompt ?? config.strings.comment}
        {!required && <Optional config={config} />}
      </label>
      <textarea
        id="fl-c"
        // The server's limit (contract: 4096 characters after NFC).
        maxLength={4096}
        required={required}
        aria-invalid={missing}
        aria-describedby={missing ? "fl-msg" : undefined}
        value={answer.comment}
        onInput={(event) => onChange({ comment: event.currentTarget.value })}
      />
    </div>
  );
}
