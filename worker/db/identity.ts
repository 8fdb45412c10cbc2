import type { IdentityConfig } from "../../schema/identity";

/** A site's identity requirement, secrets included: for verifying answers only, never for output. */
export type SiteIdentity = { config: IdentityConfig; ballotKey: string };

/** The identity columns of a `sites` row. */
export type IdentityRow = { identity: string | null; ballot_key: string | null };

export function identityOf(row: IdentityRow): SiteIdentity | null {
  return row.identity && row.ballot_key
    ? { config: JSON.parse(row.identity) as IdentityConfig, ballotKey: row.ballot_key }
    : null;
}

export async function getIdentity(db: D1Database, site: string): Promise<SiteIdentity | null> {
  const row = await db.prepare("SELECT identity, ballot_key FROM sites WHERE id = ?").bind(site).first<IdentityRow>();
  return row ? identityOf(row) : null;
}
