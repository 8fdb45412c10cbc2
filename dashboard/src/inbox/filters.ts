import type { Status } from "../../../schema/followup";
import { query } from "../api";

/** The triage statuses, in their order (schema/followup.ts; a type import only: no zod in the bundle). */
export const STATUSES: readonly Status[] = ["new", "in_progress", "resolved", "dismissed"];

/** The inbox's filters as the form holds them: strings, "" for "any". */
export type InboxFilters = {
  site: string;
  survey: string;
  service: string;
  status: string;
  minScore: string;
  maxScore: string;
  hasComment: string;
};

const NAMES = ["site", "survey", "service", "status", "minScore", "maxScore", "hasComment"] as const;

export const NO_FILTERS: InboxFilters = { site: "", survey: "", service: "", status: "", minScore: "", maxScore: "", hasComment: "" };

/**
 * The inbox's place, in the hash (`#/inbox?status=new&id=…`): a reload, or a link shared with a
 * colleague, opens the same filters and answer. Never the key: that stays in sessionStorage.
 */
export function readPlace(hash = location.hash): { filters: InboxFilters; selected: string | null } {
  const params = new URLSearchParams(hash.split("?")[1] ?? "");
  const filters = { ...NO_FILTERS };
  for (const name of NAMES) filters[name] = params.get(name) ?? "";
  return { filters, selected: params.get("id") };
}

export const isInboxHash = (hash = location.hash) => /^#\/?inbox(\?|$)/.test(hash);

/** Writes the place without a history entry per keystroke (and without a hashchange event); only while the inbox is shown. */
export function writePlace(filters: InboxFilters, selected: string | null): void {
  if (!isInboxHash()) return;
  const hash = `#/inbox${query({ ...filters, id: selected })}`;
  if (location.hash !== hash) history.replaceState(history.state, "", hash);
}

/** The API's query string for these filters (the list adds `limit` and `cursor`; the export takes it as is). */
export function filterQuery(filters: InboxFilters, extra: Record<string, string | number | null> = {}): string {
  return query({ ...filters, ...extra });
}
