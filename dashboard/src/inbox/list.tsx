import { SEVERAL } from "../api";
import type { Site } from "../api-types";
import { groupValue } from "../release";
import { strings } from "../strings";
import { longScore, segmentText, shortScore, tone, when, type Row } from "./present";

type Props = {
  items: Row[];
  selected: string | null;
  /** Names for ids; the site is left out when the list is filtered to one. */
  siteName: ((id: string) => string) | null;
  serviceName: (id: string) => string;
  /** The site of a row, for its period's length and zone. */
  siteOf: (id: string) => Site | undefined;
  onSelect: (id: string) => void;
};

const t = strings.inbox;
const joined = (parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join(" · ");
/** A service or topic as the list shows it: its name, or "topic: several" (a bare "several" would not say of what). */
const labelled = (field: string, value: string, name?: (value: string) => string) =>
  value === SEVERAL ? strings.release.severalOf(field.toLowerCase()) : groupValue(value, name);

/**
 * The answers, newest first (an employee's answer at its period's start: a period, never a time). Each is one
 * button that opens it (its id lets focus come back to it).
 * The comment is a text child: Preact sets it as text, so markup in a comment is shown, never run.
 */
export function InboxList({ items, selected, siteName, serviceName, siteOf, onSelect }: Props) {
  return (
    <ul class="inbox-list">
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            id={`item-${item.id}`}
            class="inbox-item"
            aria-current={item.id === selected ? "true" : undefined}
            onClick={() => onSelect(item.id)}
          >
            <span class={`score tone-${tone(item)}`} aria-hidden="true">
              {shortScore(item)}
            </span>
            <span class="visually-hidden">{longScore(item)}.</span>
            <span class="inbox-item-text">
              <span class={item.comment ? "inbox-comment" : "inbox-comment muted"}>{item.comment ?? t.noComment}</span>
              <span class="inbox-meta">
                {joined([
                  siteName?.(item.site),
                  item.service && labelled(t.service, item.service, serviceName),
                  item.topic && labelled(t.topic, item.topic),
                  ...segmentText(item.segment),
                ])}
              </span>
              <span class="inbox-meta">
                {joined([
                  when(item, siteOf(item.site)),
                  item.anonymized && !item.period && t.anonymizedShort,
                  item.locale,
                  item.replies > 0 && t.replyCount(item.replies),
                ])}
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
