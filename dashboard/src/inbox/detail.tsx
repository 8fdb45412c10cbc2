import { useEffect, useRef, useState } from "preact/hooks";
import { client, read } from "../api";
import type { InboxItem, InboxThread, Reply, Status } from "../api-types";
import { firstText, type Catalog } from "../catalog";
import { strings } from "../strings";
import { ReplyForm } from "./reply-form";
import { StatusControl } from "./status-control";
import { groupValue } from "../release";
import { longScore, replyTime, segmentText, when } from "./present";

type Props = {
  id: string;
  catalog: Catalog | null;
  canWrite: boolean;
  /** Tells the list what changed here, so it shows the same without a reload. */
  onChanged: (id: string, patch: Partial<InboxItem>) => void;
  onClose: () => void;
};

const t = strings.inbox;

/** One answer as the respondent gave it, its status, and the conversation with them. */
export function Detail({ id, catalog, canWrite, onChanged, onClose }: Props) {
  const [thread, setThread] = useState<InboxThread | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    setThread(null);
    setError(null);
    read(client.v1.responses[":id"].$get({ param: { id } })).then(
      (loaded) => current && setThread(loaded),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [id]);

  // Focus follows the selection, so a keyboard or screen reader user lands on what they opened.
  useEffect(() => {
    if (thread) heading.current?.focus();
  }, [thread?.id]);

  if (error)
    return (
      <section class="inbox-detail" aria-label={t.detailTitle}>
        <p role="alert" class="error">
          {strings.common.error(error)}
        </p>
      </section>
    );
  if (!thread)
    return (
      <section class="inbox-detail" aria-label={t.detailTitle}>
        <p class="muted">{strings.common.loading}</p>
      </section>
    );

  const survey = catalog?.surveys.find((s) => s.site === thread.site && s.id === thread.survey);
  const site = catalog?.sites.find((s) => s.id === thread.site);
  const serviceName = (id: string) => catalog?.services.find((s) => s.id === id)?.name ?? id;
  const segment = segmentText(thread.segment);

  const statusChanged = (status: Status) => {
    setThread({ ...thread, status });
    onChanged(thread.id, { status });
  };
  const replied = (reply: Reply) => {
    setThread({ ...thread, replies: thread.replies + 1, thread: [...thread.thread, reply] });
    onChanged(thread.id, { replies: thread.replies + 1 });
  };

  return (
    <section class="inbox-detail" aria-labelledby="detail-title">
      <div class="detail-head">
        <h2 id="detail-title" tabIndex={-1} ref={heading}>
          {longScore(thread)}
        </h2>
        <button type="button" onClick={onClose}>
          {t.close}
        </button>
      </div>
      {survey && <p class="detail-question">{firstText(survey.question)}</p>}
      <p class="detail-comment">{thread.comment ?? <span class="muted">{t.noComment}</span>}</p>
      {thread.period && <p class="muted release-hint">{t.released(site?.minGroupSize ?? 5)}</p>}
      <dl class="detail-facts">
        <dt>{t.site}</dt>
        <dd>{site?.name ?? thread.site}</dd>
        <dt>{t.survey}</dt>
        <dd>{groupValue(thread.survey)}</dd>
        {thread.service && (
          <>
            <dt>{t.service}</dt>
            <dd>{groupValue(thread.service, serviceName)}</dd>
          </>
        )}
        {thread.topic && (
          <>
            <dt>{t.topic}</dt>
            <dd>{groupValue(thread.topic)}</dd>
          </>
        )}
        <dt>{t.segment}</dt>
        <dd>{segment.length ? segment.join(", ") : t.none}</dd>
        {thread.page && (
          <>
            <dt>{t.page}</dt>
            <dd class="detail-page">{thread.page}</dd>
          </>
        )}
        {thread.locale && (
          <>
            <dt>{t.locale}</dt>
            <dd>{thread.locale}</dd>
          </>
        )}
        <dt>{thread.period ? t.period : t.date}</dt>
        <dd>
          <time dateTime={thread.createdAt}>{when(thread, site)}</time>
        </dd>
        <dt id="detail-status-label">{t.status}</dt>
        <dd>
          {canWrite ? (
            <StatusControl id={thread.id} status={thread.status} onSaved={statusChanged} />
          ) : (
            <span class={`triage triage-${thread.status}`}>{t.statuses[thread.status]}</span>
          )}
        </dd>
      </dl>
      <h3>{t.conversation}</h3>
      {thread.thread.length === 0 ? (
        <p class="muted">{t.noReplies}</p>
      ) : (
        <ol class="thread">
          {thread.thread.map((reply, index) => (
            <li key={index} class={`reply reply-${reply.from}`}>
              <p class="reply-meta">
                <strong>{reply.from === "team" ? t.fromTeam : t.fromRespondent}</strong>{" "}
                <time dateTime={reply.at}>{replyTime(reply.at, thread.anonymized && reply.from === "respondent")}</time>
              </p>
              <p class="reply-text">{reply.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite && <ReplyForm id={thread.id} onSent={replied} />}
    </section>
  );
}
