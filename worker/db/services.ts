import type { Service, ServiceInput } from "../../schema/config";

/** A row of `services`. */
export type ServiceRow = { id: string; name: string; owner: string | null; created_at: number; updated_at: number };

export const toService = (row: ServiceRow): Service => ({
  id: row.id,
  name: row.name,
  owner: row.owner,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

export async function listServices(db: D1Database): Promise<Service[]> {
  const { results } = await db.prepare("SELECT * FROM services ORDER BY id").all<ServiceRow>();
  return results.map(toService);
}

/**
 * What a key limited to `sites` may see of the shared services: those its sites' surveys rate, and those no
 * site rates yet (which it may attach). A service only other sites rate is another team's: hidden, as
 * their sites are. `sites: null` (every site) sees them all.
 */
const VISIBLE = `NOT EXISTS (
    SELECT 1 FROM surveys, json_each(surveys.services) AS rated
    WHERE rated.value = services.id AND surveys.site_id NOT IN (SELECT value FROM json_each(?1))
  ) OR EXISTS (
    SELECT 1 FROM surveys, json_each(surveys.services) AS rated
    WHERE rated.value = services.id AND surveys.site_id IN (SELECT value FROM json_each(?1))
  )`;

export async function listServicesFor(db: D1Database, sites: string[] | null): Promise<Service[]> {
  if (!sites) return listServices(db);
  const { results } = await db
    .prepare(`SELECT * FROM services WHERE ${VISIBLE} ORDER BY id`)
    .bind(JSON.stringify(sites))
    .all<ServiceRow>();
  return results.map(toService);
}

export async function getServiceFor(db: D1Database, id: string, sites: string[] | null): Promise<Service | null> {
  if (!sites) return getService(db, id);
  const row = await db
    .prepare(`SELECT * FROM services WHERE id = ?2 AND (${VISIBLE})`)
    .bind(JSON.stringify(sites), id)
    .first<ServiceRow>();
  return row ? toService(row) : null;
}

export async function getService(db: D1Database, id: string): Promise<Service | null> {
  const row = await db.prepare("SELECT * FROM services WHERE id = ?").bind(id).first<ServiceRow>();
  return row ? toService(row) : null;
}

export async function upsertService(
  db: D1Database,
  id: string,
  input: ServiceInput,
  now: number,
): Promise<{ service: Service; created: boolean }> {
  const [existing, upserted] = await db.batch([
    db.prepare("SELECT 1 AS found FROM services WHERE id = ?").bind(id),
    db
      .prepare(
        `INSERT INTO services (id, name, owner, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, owner = excluded.owner, updated_at = excluded.updated_at
         RETURNING *`,
      )
      .bind(id, input.name, input.owner ?? null, now),
  ]);
  return { service: toService(upserted!.results[0] as ServiceRow), created: existing!.results.length === 0 };
}
