import type { LocalizedText } from "../../schema/common";
import type { Survey, SurveyInput } from "../../schema/config";
import type { PromptSettings } from "../../schema/prompt";

/** A row of `surveys`. */
export type SurveyRow = {
  site_id: string;
  id: string;
  kind: Survey["kind"];
  question: string;
  comment_prompt: string | null;
  services: string;
  topics: string;
  active: number;
  /** JSON PromptSettings, or NULL: the survey never asks by itself (migration 0016). */
  prompt: string | null;
  created_at: number;
  updated_at: number;
};

export const toSurvey = (row: SurveyRow): Survey => ({
  site: row.site_id,
  id: row.id,
  kind: row.kind,
  question: JSON.parse(row.question) as LocalizedText,
  commentPrompt: row.comment_prompt ? (JSON.parse(row.comment_prompt) as LocalizedText) : null,
  services: JSON.parse(row.services) as string[],
  topics: JSON.parse(row.topics) as string[],
  active: row.active === 1,
  prompt: row.prompt ? (JSON.parse(row.prompt) as PromptSettings) : null,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

export async function getSurvey(db: D1Database, site: string, id: string): Promise<Survey | null> {
  const row = await db.prepare("SELECT * FROM surveys WHERE site_id = ? AND id = ?").bind(site, id).first<SurveyRow>();
  return row ? toSurvey(row) : null;
}

export async function listSurveys(db: D1Database, site: string): Promise<Survey[]> {
  const { results } = await db
    .prepare("SELECT * FROM surveys WHERE site_id = ? ORDER BY id")
    .bind(site)
    .all<SurveyRow>();
  return results.map(toSurvey);
}

export async function surveyHasResponses(db: D1Database, site: string, id: string): Promise<boolean> {
  return (
    (await db
      .prepare("SELECT 1 AS found FROM responses WHERE site_id = ? AND survey_id = ? LIMIT 1")
      .bind(site, id)
      .first()) !== null
  );
}

export async function upsertSurvey(
  db: D1Database,
  site: string,
  id: string,
  input: SurveyInput,
  now: number,
): Promise<{ survey: Survey; created: boolean }> {
  const [existing, upserted] = await db.batch([
    db.prepare("SELECT 1 AS found FROM surveys WHERE site_id = ? AND id = ?").bind(site, id),
    db
      .prepare(
        `INSERT INTO surveys (site_id, id, kind, question, comment_prompt, services, topics, active, created_at,
           updated_at, prompt)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)
         ON CONFLICT (site_id, id) DO UPDATE SET kind = excluded.kind, question = excluded.question,
           comment_prompt = excluded.comment_prompt, services = excluded.services, topics = excluded.topics,
           active = excluded.active, prompt = excluded.prompt, updated_at = excluded.updated_at
         RETURNING *`,
      )
      .bind(
        site,
        id,
        input.kind,
        JSON.stringify(input.question),
        input.commentPrompt ? JSON.stringify(input.commentPrompt) : null,
        JSON.stringify([...new Set(input.services)]),
        JSON.stringify([...new Set(input.topics)]),
        input.active ? 1 : 0,
        now,
        input.prompt ? JSON.stringify(input.prompt) : null,
      ),
  ]);
  return { survey: toSurvey(upserted!.results[0] as SurveyRow), created: existing!.results.length === 0 };
}

/** The sites with a survey that rates `service` (services are shared: one may be rated on many sites). */
export async function sitesRatingService(db: D1Database, service: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT DISTINCT site_id FROM surveys, json_each(surveys.services) WHERE json_each.value = ?")
    .bind(service)
    .all<{ site_id: string }>();
  return results.map((row) => row.site_id);
}
