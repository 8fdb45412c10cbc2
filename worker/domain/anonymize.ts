import type { Site } from "../../schema/config";
import type { InboxItem } from "../../schema/inbox";

const iso = (t: number) => new Date(t).toISOString();

/** The release group an employee's answer was released in: what it may be shown as. */
export type ReleasedAs = {
  survey: string;
  service: string;
  topic: string;
  segment: Record<string, string>;
  periodStart: number;
  periodEnd: number;
};

/** A listed response as stored, with its reply count and, once released, its group (db/inbox.ts reads it). */
export type ListedResponse = {
  id: string;
  site: string;
  survey: string;
  kind: string;
  score: number | null;
  comment: string | null;
  status: InboxItem["status"];
  replies: number;
  service: string;
  topic: string;
  segment: Record<string, string>;
  locale: string | null;
  page: string | null;
  createdAt: number;
  group: ReleasedAs | null;
};

/**
 * A stored response as the inbox and the exports show it. An employee's answer is shown only once
 * released, and then as its release group shows it: the group's survey, service, topic and segment
 * ("*" where generalised), the period instead of a time, and no language or page (the only Polish
 * speaker, or a page under /people/, would name a person).
 */
export function presentResponse(response: ListedResponse, site: Site | undefined): InboxItem {
  const { id, site: siteId, kind, score, comment, status, replies, group } = response;
  const common = { id, site: siteId, kind, score, comment, status, replies };
  if (group) {
    return {
      ...common,
      survey: group.survey,
      service: group.service || null,
      topic: group.topic || null,
      segment: group.segment,
      locale: null,
      page: null,
      createdAt: iso(group.periodStart),
      period: { start: iso(group.periodStart), end: iso(group.periodEnd) },
      anonymized: true,
    };
  }
  return {
    ...common,
    survey: response.survey,
    service: response.service || null,
    topic: response.topic || null,
    segment: response.segment,
    locale: response.locale,
    page: response.page,
    createdAt: iso(response.createdAt),
    period: null,
    anonymized: site?.audience === "internal",
  };
}
