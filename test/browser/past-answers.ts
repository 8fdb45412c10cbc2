import { queryD1 } from "./api";

/**
 * Customers' answers in past weeks, for the service page's tests: an external answer is counted the moment it
 * arrives, so a test that needs twelve weeks of history writes the rows straight into D1 and then rebuilds the
 * site's rollups from them, as worker/db/rollups.ts would have kept them (grains h, d and m; the base row of
 * survey and service and the site's row; the answers have no topic or segment, so no other rows).
 */
const WEEK = 7 * 86_400_000;
const SCORES = Array.from({ length: 11 }, (_, s) => s);
const slug = (value: string) => {
  if (!/^[a-z0-9-]+$/.test(value)) throw new Error(`not a slug: ${value}`);
  return value;
};

export type PastAnswers = { site: string; survey: string; kind: string; service: string };

/**
 * `weeks[w]`'s scores go on the Wednesday of the week that closed `weeks.length - w` weeks before the one
 * starting at `currentWeek` (the last list: last week), a minute apart.
 */
export async function answersInPastWeeks(to: PastAnswers, currentWeek: number, weeks: number[][]): Promise<void> {
  const [site, survey, kind, service] = [slug(to.site), slug(to.survey), slug(to.kind), slug(to.service)];
  const rows = weeks.flatMap((scores, w) =>
    scores.map((score, i) => {
      const at = currentWeek - (weeks.length - w) * WEEK + 2 * 86_400_000 + 14 * 3_600_000 + i * 60_000;
      return `('${crypto.randomUUID()}', '${site}', '${survey}', '${kind}', ${Math.trunc(score)}, '${service}',
        '${crypto.randomUUID()}', ${at})`;
    }),
  );
  const period = `CASE g.grain WHEN 'h' THEN r.created_at - r.created_at % 3600000
    WHEN 'd' THEN r.created_at - r.created_at % 86400000
    ELSE CAST(strftime('%s', r.created_at / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000 END`;
  const site_ = (column: string) => `CASE k.dim WHEN 'site' THEN '' ELSE ${column} END`;
  await queryD1(
    `INSERT INTO responses (id, site_id, survey_id, kind, score, service_id, followup_hash, created_at)
       VALUES ${rows.join(", ")};
     DELETE FROM rollups WHERE site_id = '${site}';
     INSERT INTO rollups (grain, kind, dim, period, site_id, survey_id, service_id, value, n,
       ${SCORES.map((s) => `s${s}`).join(", ")})
     SELECT g.grain, r.kind, k.dim, ${period}, r.site_id, ${site_("r.survey_id")}, ${site_("r.service_id")}, '',
       COUNT(*), ${SCORES.map((s) => `SUM(r.score = ${s})`).join(", ")}
     FROM responses r
       CROSS JOIN (SELECT 'h' AS grain UNION ALL SELECT 'd' UNION ALL SELECT 'm') g
       CROSS JOIN (SELECT '' AS dim UNION ALL SELECT 'site') k
     WHERE r.site_id = '${site}'
     GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
}
