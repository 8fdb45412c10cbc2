import { useState } from "preact/hooks";
import { client, read } from "../api";
import type { Reply } from "../api-types";
import { FieldProblem, FormProblems, invalidProps, NO_PROBLEMS, problemsOf, type Problems } from "../form-problems";
import { strings } from "../strings";

const t = strings.inbox;

/** The team's reply, which the respondent reads in the widget through their follow-up token. */
export function ReplyForm({ id, onSent }: { id: string; onSent: (reply: Reply) => void }) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [sent, setSent] = useState("");
  const submit = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    setSent("");
    try {
      const reply = await read(client.v1.responses[":id"].replies.$post({ param: { id }, json: { text } }));
      setText("");
      setProblems(NO_PROBLEMS);
      setSent(t.replySent);
      onSent(reply);
    } catch (error) {
      setProblems(problemsOf(error, ["text"]));
    } finally {
      setSending(false);
    }
  };
  return (
    <form class="reply-form" onSubmit={submit}>
      <FormProblems problems={problems} />
      <label for="reply-text">{t.replyLabel}</label>
      <p id="reply-hint" class="muted hint">
        {t.replyHint}
      </p>
      <textarea
        id="reply-text"
        rows={3}
        required
        maxLength={4096}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        {...invalidProps(problems, "reply", "text", "reply-hint")}
      />
      <FieldProblem problems={problems} form="reply" field="text" />
      <div class="form-actions">
        <button type="submit" disabled={sending}>
          {sending ? t.sending : t.send}
        </button>
        <span role="status" class="muted">
          {sent}
        </span>
      </div>
    </form>
  );
}
