import type { InboxItem, Site } from "../api-types";
import { formatPeriod, groupValue } from "../release";
import { strings } from "../strings";

/**
 * An inbox row as the API gives it: an employee's answer (`period` set) carries its release group's
 * attributes, "*" where the group spans several values, and its period instead of a time.
 */
export type Row = InboxItem;

const MAX: Record<string, number> = { nps: 10, csat: 5, ces: 7 };

/**
 * How an answer reads at a glance: low, middle or high for its kind (the contract's detractor, satisfied, easy
 * bands).
 */
export function tone(item: Pick<InboxItem, "kind" | "score">): "low" | "mid" | "high" | "none" {
  const { kind, score } = item;
  if (score === null) return "none";
  if (kind === "nps") return score <= 6 ? "low" : score <= 8 ? "mid" : "high";
  if (kind === "csat") return score <= 2 ? "low" : score === 3 ? "mid" : "high";
  if (kind === "ces") return score <= 3 ? "low" : score === 4 ? "mid" : "high";
  if (kind === "thumbs") return score === 1 ? "high" : "low";
  return "none";
}

/** The score as it is shown in the list: "9/10", "Up", or the kind when there is none. */
export function shortScore(item: Pick<InboxItem, "kind" | "score">): string {
  if (item.score === null) return strings.kinds[item.kind] ?? item.kind;
  if (item.kind === "thumbs") return item.score === 1 ? strings.inbox.thumbsUp : strings.inbox.thumbsDown;
  const max = MAX[item.kind];
  return max ? `${item.score}/${max}` : String(item.score);
}

/** The score in words, for the detail and for screen readers: "NPS 9 of 10". */
export function longScore(item: Pick<InboxItem, "kind" | "score">): string {
  const kind = strings.kinds[item.kind] ?? item.kind;
  if (item.score === null) return strings.inbox.noScore(kind);
  if (item.kind === "thumbs") return `${kind}: ${shortScore(item)}`;
  const max = MAX[item.kind];
  return max ? strings.inbox.scoreOf(kind, item.score, max) : `${kind} ${item.score}`;
}

// The page's language decides how dates read (as in format.ts), so a translation only changes <html lang>.
const locale = () => document.documentElement.lang || "en";
const dayFormat = () => new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = () => new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" });

/**
 * When it was answered: an employee's answer says only its reporting period ("week of 30 Nov"), read in
 * its site's zone. An older anonymized answer without a period keeps only its day, as midnight UTC:
 * shown in UTC, so a reader west of Greenwich does not see the evening before.
 */
export function when(item: Pick<Row, "createdAt" | "anonymized" | "period">, site?: Site): string {
  if (item.period) return formatPeriod(item.period, site?.reportingPeriod ?? null, site?.timeZone);
  const date = new Date(item.createdAt);
  return (item.anonymized ? dayFormat() : dateTimeFormat()).format(date);
}

/** A row's segment as it reads: "team: several, role: engineer". */
export const segmentText = (segment: Record<string, string>) =>
  Object.entries(segment).map(([name, value]) => `${name}: ${groupValue(value)}`);

/** A reply's time; an anonymized respondent's own replies keep only the day, like their answer. */
export function replyTime(at: string, dayOnly: boolean): string {
  return (dayOnly ? dayFormat() : dateTimeFormat()).format(new Date(at));
}
