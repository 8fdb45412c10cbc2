import type { ApiKey, KeyInput } from "../../schema/keys";

type KeyRow = {
  id: string;
  name: string;
  scope: ApiKey["scope"];
  sites: string | null;
  prefix: string;
  key_hash: string;
  created_at: number;
};

const toKey = (row: KeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  sites: row.sites ? (JSON.parse(row.sites) as string[]) : null,
  prefix: row.prefix,
  createdAt: new Date(row.created_at).toISOString(),
});

export async function insertKey(
  db: D1Database,
  input: KeyInput,
  prefix: string,
  keyHash: string,
  now: number,
): Promise<ApiKey> {
  const row = await db
    .prepare(
      `INSERT INTO api_keys (id, name, scope, sites, prefix, key_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .bind(
      crypto.randomUUID(),
      input.name,
      input.scope,
      input.sites ? JSON.stringify([...new Set(input.sites)]) : null,
      prefix,
      keyHash,
      now,
    )
    .first<KeyRow>();
  return toKey(row!);
}

export async function listKeys(db: D1Database): Promise<ApiKey[]> {
  const { results } = await db.prepare("SELECT * FROM api_keys ORDER BY created_at, id").all<KeyRow>();
  return results.map(toKey);
}

export async function deleteKey(db: D1Database, id: string): Promise<boolean> {
  return ((await db.prepare("DELETE FROM api_keys WHERE id = ?").bind(id).run()).meta.changes ?? 0) > 0;
}

/** The key whose digest this is, with the stored digest to compare in constant time. */
export async function findKeyByHash(db: D1Database, keyHash: string): Promise<(ApiKey & { keyHash: string }) | null> {
  const row = await db.prepare("SELECT * FROM api_keys WHERE key_hash = ?").bind(keyHash).first<KeyRow>();
  return row ? { ...toKey(row), keyHash: row.key_hash } : null;
}
