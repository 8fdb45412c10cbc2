import type { InboxQuery, Status } from "../api-types";

/** The triage statuses, in their order (schema/followup.ts; the values would bring zod into the bundle). */
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

export const NO_FILTERS: InboxFilters = {
  site: "",
  survey: "",
  service: "",
  status: "",
  minScore: "",
  maxScore: "",
  hasComment: "",
};

/** The parameters that are set, in the form's order. */
function given(params: Record<string, string | number | null | undefined>): Record<string, string> {
  const set = Object.entries(params).filter(([, value]) => value !== null && value !== undefined && value !== "");
  return Object.fromEntries(set.map(([name, value]) => [name, String(value)]));
}

export const isFiltered = (filters: InboxFilters) => Object.keys(given(filters)).length > 0;

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

/**
 * Writes the place without a history entry per keystroke (and without a hashchange event); only while the inbox
 * is shown.
 */
export function writePlace(filters: InboxFilters, selected: string | null): void {
  if (!isInboxHash()) return;
  const search = new URLSearchParams(given({ ...filters, id: selected })).toString();
  const hash = `#/inbox${search ? `?${search}` : ""}`;
  if (location.hash !== hash) history.replaceState(history.state, "", hash);
}

/**
 * The API's query for these filters (the list adds `limit` and `cursor`; the export takes it as is). The
 * values are the form's and the hash's strings, unchecked here: the API validates them, and its 422
 * names a wrong one.
 */
export function inboxQuery(filters: InboxFilters, extra: { limit?: number; cursor?: string | null } = {}): InboxQuery {
  return given({ ...filters, ...extra }) as InboxQuery;
}
