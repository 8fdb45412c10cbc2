import type { Action, ActionInput } from "../../schema/actions";

/** A row of `service_actions` (migration 0017). */
type ActionRow = {
  service_id: string;
  id: string;
  title: string;
  date: string;
  note: string | null;
  created_at: number;
  updated_at: number;
};

const toAction = (row: ActionRow): Action => ({
  id: row.id,
  service: row.service_id,
  title: row.title,
  date: row.date,
  ...(row.note === null ? {} : { note: row.note }),
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** A service's actions, in the order they happened (the id breaks ties, so the order is stable). */
export async function listActions(db: D1Database, service: string): Promise<Action[]> {
  const { results } = await db
    .prepare("SELECT * FROM service_actions WHERE service_id = ? ORDER BY date, id")
    .bind(service)
    .all<ActionRow>();
  return results.map(toAction);
}

export async function getAction(db: D1Database, service: string, id: string): Promise<Action | null> {
  const row = await db
    .prepare("SELECT * FROM service_actions WHERE service_id = ? AND id = ?")
    .bind(service, id)
    .first<ActionRow>();
  return row ? toAction(row) : null;
}

/** Creates or replaces an action (a PUT): `created` tells which, in the same transaction as the write. */
export async function upsertAction(
  db: D1Database,
  service: string,
  id: string,
  input: ActionInput,
  now: number,
): Promise<{ action: Action; created: boolean }> {
  const [existing, upserted] = await db.batch([
    db.prepare("SELECT 1 AS found FROM service_actions WHERE service_id = ? AND id = ?").bind(service, id),
    db
      .prepare(
        `INSERT INTO service_actions (service_id, id, title, date, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (service_id, id) DO UPDATE SET title = excluded.title, date = excluded.date,
           note = excluded.note, updated_at = excluded.updated_at
         RETURNING *`,
      )
      .bind(service, id, input.title, input.date, input.note ?? null, now),
  ]);
  return { action: toAction(upserted!.results[0] as ActionRow), created: existing!.results.length === 0 };
}

/** Whether there was such an action to delete. */
export async function deleteAction(db: D1Database, service: string, id: string): Promise<boolean> {
  const result = await db
    .prepare("DELETE FROM service_actions WHERE service_id = ? AND id = ?")
    .bind(service, id)
    .run();
  return result.meta.changes > 0;
}

/**
 * The score kinds each audience rates a service with: surveys that list it, on sites the caller reads
 * (`sites: null`, every site). Text surveys have no figure to compare.
 */
export async function ratingKinds(
  db: D1Database,
  service: string,
  sites: string[] | null,
): Promise<{ audience: "external" | "internal"; kind: "nps" | "csat" | "ces" | "thumbs" }[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT sites.audience, surveys.kind FROM surveys
       JOIN sites ON sites.id = surveys.site_id
       WHERE surveys.kind != 'text'
         AND EXISTS (SELECT 1 FROM json_each(surveys.services) AS rated WHERE rated.value = ?1)
         AND (?2 IS NULL OR surveys.site_id IN (SELECT value FROM json_each(?2)))
       ORDER BY sites.audience, surveys.kind`,
    )
    .bind(service, sites ? JSON.stringify(sites) : null)
    .all<{ audience: "external" | "internal"; kind: "nps" | "csat" | "ces" | "thumbs" }>();
  return results;
}
