import type { Site } from "../../schema/config";
import type { InboxItem } from "../../schema/inbox";
import type { InboxRow } from "../db/inbox";

const DAY = 86_400_000;

/**
 * A stored response as the inbox and the exports show it. An employee whose segment (team, role…)
 * is shared by fewer responses than the site's minGroupSize could be recognised from it and from
 * the time, so such rows show no segment and only the day.
 */
export function presentResponse(row: InboxRow, site: Site | undefined, groupSize: number): InboxItem {
  const segment = JSON.parse(row.segment) as Record<string, string>;
  const anonymized = site?.audience === "internal" && groupSize < site.minGroupSize;
  return {
    id: row.id,
    site: row.site_id,
    survey: row.survey_id,
    kind: row.kind,
    score: row.score,
    comment: row.comment,
    service: row.service_id || null,
    topic: row.topic || null,
    segment: anonymized ? {} : segment,
    locale: row.locale,
    page: row.page,
    status: row.status,
    createdAt: new Date(anonymized ? Math.floor(row.created_at / DAY) * DAY : row.created_at).toISOString(),
    replies: row.replies,
    anonymized,
  };
}
