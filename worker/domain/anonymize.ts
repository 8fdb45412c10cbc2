import type { Site } from "../../schema/config";
import type { InboxItem } from "../../schema/inbox";
import type { InboxRow } from "../db/inbox";

const iso = (t: number) => new Date(t).toISOString();

/**
 * A stored response as the inbox and the exports show it. An employee's answer is shown only once
 * released, and then as its release group shows it: the group's survey, service, topic and segment
 * ("*" where generalised), the period instead of a time, and no language or page (the only Polish
 * speaker, or a page under /people/, would name a person).
 */
export function presentResponse(row: InboxRow, site: Site | undefined): InboxItem {
  const common = { id: row.id, site: row.site_id, kind: row.kind, score: row.score, comment: row.comment, status: row.status, replies: row.replies };
  if (row.g_period_start !== null && row.g_period_end !== null) {
    return {
      ...common,
      survey: row.g_survey!,
      service: row.g_service || null,
      topic: row.g_topic || null,
      segment: JSON.parse(row.g_segment!) as Record<string, string>,
      locale: null,
      page: null,
      createdAt: iso(row.g_period_start),
      period: { start: iso(row.g_period_start), end: iso(row.g_period_end) },
      anonymized: true,
    };
  }
  return {
    ...common,
    survey: row.survey_id,
    service: row.service_id || null,
    topic: row.topic || null,
    segment: JSON.parse(row.segment) as Record<string, string>,
    locale: row.locale,
    page: row.page,
    createdAt: iso(row.created_at),
    period: null,
    anonymized: site?.audience === "internal",
  };
}
