import type { InboxItem } from "../../../schema/inbox";
import { strings } from "../strings";
import { longScore, shortScore, tone, when } from "./present";

type Props = {
  items: InboxItem[];
  selected: string | null;
  /** Names for ids; the site is left out when the list is filtered to one. */
  siteName: ((id: string) => string) | null;
  serviceName: (id: string) => string;
  onSelect: (id: string) => void;
};

const t = strings.inbox;
const joined = (parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join(" · ");

/**
 * The answers, newest first. Each is one button that opens it (its id lets focus come back to it).
 * The comment is a text child: Preact sets it as text, so markup in a comment is shown, never run.
 */
export function InboxList({ items, selected, siteName, serviceName, onSelect }: Props) {
  return (
    <ul class="inbox-list">
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" id={`item-${item.id}`} class="inbox-item" aria-current={item.id === selected ? "true" : undefined} onClick={() => onSelect(item.id)}>
            <span class={`score tone-${tone(item)}`} aria-hidden="true">
              {shortScore(item)}
            </span>
            <span class="visually-hidden">{longScore(item)}.</span>
            <span class="inbox-item-text">
              <span class={item.comment ? "inbox-comment" : "inbox-comment muted"}>{item.comment ?? t.noComment}</span>
              <span class="inbox-meta">
                {joined([siteName?.(item.site), item.service && serviceName(item.service), item.topic, ...Object.entries(item.segment).map(([name, value]) => `${name}: ${value}`)])}
              </span>
              <span class="inbox-meta">
                {joined([when(item), item.anonymized && t.anonymizedShort, item.locale, item.replies > 0 && t.replyCount(item.replies)])}
              </span>
              {item.page && <span class="inbox-meta inbox-page">{item.page}</span>}
            </span>
            <span class={`triage triage-${item.status}`}>{t.statuses[item.status]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
